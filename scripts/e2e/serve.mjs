// The Letterbox server the end-to-end tests drive: the production build (`next start`) on
// its own port, with a fresh data directory, pointed at the local mail stack and trusting
// the stack's self-signed certificate the way an operator would (NODE_EXTRA_CA_CERTS).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { letterboxEnvForStack } from "../mailstack/app-env.mjs";
import { start } from "../mailstack/stack.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const E2E_PORT = Number(process.env.LETTERBOX_E2E_PORT ?? 3100);

await start();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lbx-e2e-data-"));
const env = { ...process.env, ...letterboxEnvForStack(dataDir) };
delete env.DATABASE_URL;
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const server = spawn(
  process.execPath,
  [nextBin, "start", "-p", String(E2E_PORT), "-H", "127.0.0.1"],
  {
    cwd: root,
    env,
    stdio: "inherit",
  },
);
const stop = () => {
  server.kill("SIGTERM");
  fs.rmSync(dataDir, { recursive: true, force: true });
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
server.on("exit", (code) => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
