// `npm run demo`: the local mail stack, alice@example.test's mailbox filled with the demo set
// (scripts/demo/mailbox.mjs), and Letterbox served against them with the sign-in form
// pre-filled. Ctrl+C stops Letterbox; the mail stack keeps running (npm run mailstack -- stop).
//
//   npm run demo                 reseed alice's mailbox, build if needed, serve on PORT (3000)
//   npm run demo -- --keep       keep alice's mailbox if it already holds the demo set
//   npm run demo -- --seed-only  start the stack and seed, then exit (no build, no server)
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEMO_LOGIN, demoMessages, isDemoSeeded, seedDemoMailbox } from "./demo/mailbox.mjs";
import { letterboxEnvForStack } from "./mailstack/app-env.mjs";
import { settings, start } from "./mailstack/stack.mjs";
import { buildIfStale } from "./start.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const began = Date.now();
const args = new Set(process.argv.slice(2));
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";
const seconds = () => `${((Date.now() - began) / 1000).toFixed(1)} s`;

/** @param {string} line */
const say = (line) => console.log(`demo: ${line}`);

/** Is something already listening where Letterbox should? @param {number} p @param {string} h */
function portTaken(p, h) {
  return new Promise((resolve) => {
    const socket = net.connect({ port: p, host: h });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Polls the sign-in page until the server answers it (or gives up after `ms`). @param {string} url @param {number} ms */
async function waitForPage(url, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { redirect: "manual" });
      if (response.status < 500) return response.status;
    } catch {
      // not listening yet: retry until the deadline
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer within ${ms / 1000} s`);
}

async function main() {
  const user = settings.users.find((u) => u.login === DEMO_LOGIN);
  if (!user) throw new Error(`${DEMO_LOGIN} is not a user of scripts/mailstack/stack.json`);

  say("starting the local mail stack (Dovecot + Postfix on loopback) …");
  const stack = await start({ log: (line) => say(`mail stack: ${line}`) });
  say(`mail stack up in ${(stack.elapsedMs / 1000).toFixed(1)} s`);

  if (args.has("--keep") && (await isDemoSeeded(DEMO_LOGIN, demoMessages()))) {
    say(`${DEMO_LOGIN} already holds the demo mailbox: kept (drop --keep to reseed)`);
  } else {
    const { counts, elapsedMs } = await seedDemoMailbox(DEMO_LOGIN);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    say(`seeded ${total} messages into ${DEMO_LOGIN} in ${(elapsedMs / 1000).toFixed(1)} s:`);
    say(
      `  ${Object.entries(counts)
        .map(([mailbox, n]) => `${mailbox} ${n}`)
        .join(", ")}`,
    );
  }
  if (args.has("--seed-only")) return;

  if (await portTaken(port, host)) {
    throw new Error(
      `something already listens on ${host}:${port}; run with another port: PORT=3001 npm run demo`,
    );
  }
  const buildStarted = Date.now();
  buildIfStale();
  if (Date.now() - buildStarted > 1000)
    say(`built in ${((Date.now() - buildStarted) / 1000).toFixed(1)} s`);

  const dataDir = path.join(root, ".data", "demo");
  fs.mkdirSync(dataDir, { recursive: true });
  const env = {
    ...process.env,
    ...letterboxEnvForStack(dataDir),
    LETTERBOX_PREFILL_EMAIL: user.login,
    LETTERBOX_PREFILL_PASSWORD: user.password,
  };
  // The demo keeps its own SQLite database in .data/demo, whatever the shell points at.
  delete env.DATABASE_URL;
  const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
  say(`starting Letterbox on http://${host}:${port} …`);
  const server = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", host], {
    cwd: root,
    env,
    stdio: "inherit",
  });
  const stopServer = () => server.kill("SIGTERM");
  process.on("SIGINT", stopServer);
  process.on("SIGTERM", stopServer);
  const exited = new Promise((resolve) =>
    server.on("exit", (code, signal) => resolve(code ?? (signal ? 0 : 1))),
  );

  const url = `http://${host === "0.0.0.0" ? "localhost" : host}:${port}`;
  const ready = await Promise.race([waitForPage(`${url}/login`, 120_000), exited.then(() => null)]);
  if (ready === null) throw new Error("Letterbox exited before it answered (see its output above)");
  console.log(`
  Letterbox demo is ready (${seconds()}): ${url}

  Sign in as ${user.login} - the form is pre-filled, press "Sign in".
  Stop with Ctrl+C. The mail stack keeps running: npm run mailstack -- stop
`);
  process.exitCode = Number(await exited);
}

main().catch((error) => {
  console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
