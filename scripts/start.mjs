// `npm start`: builds Letterbox when the build is missing or older than the sources, then
// serves it. The data directory, the credentials key and the database are created on first
// start by the server itself (instrumentation.ts), so there is nothing else to set up.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const buildId = path.join(root, process.env.LETTERBOX_DIST_DIR || ".next", "BUILD_ID");
const SOURCES = [
  "app",
  "components",
  "lib",
  "prisma",
  "instrumentation.ts",
  "next.config.js",
  "package.json",
];

function newestMtime(entry) {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(full))
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

export function buildIfStale() {
  const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  const changed = Math.max(...SOURCES.map(newestMtime));
  if (built > changed) return;
  console.log("letterbox: building (first start or sources changed) …");
  const result = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildIfStale();
  const port = process.env.PORT ?? "3000";
  const host = process.env.HOST ?? "127.0.0.1";
  console.log(`letterbox: serving on http://${host === "0.0.0.0" ? "localhost" : host}:${port}`);
  const server = spawnSync(process.execPath, [nextBin, "start", "-p", port, "-H", host], {
    cwd: root,
    stdio: "inherit",
  });
  process.exit(server.status ?? 0);
}
