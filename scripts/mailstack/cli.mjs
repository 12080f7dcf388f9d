#!/usr/bin/env node
/**
 * node scripts/mailstack/cli.mjs start|stop|status|env|reset   (npm run mailstack -- <command>)
 *
 * Exit status: 0 done (status: the stack is up), 1 the stack is not up or failed to start,
 * 2 this machine cannot run it (not root for a missing package, not Debian), 64 bad usage.
 */
import { environment, reset, start, status, stop } from "./stack.mjs";

const USAGE = "usage: node scripts/mailstack/cli.mjs start|stop|status|env|reset";

/** @param {string} line */
const log = (line) => process.stderr.write(`mailstack: ${line}\n`);

/** @param {Awaited<ReturnType<typeof status>>} s */
function summarize(s) {
  const lines = [
    `state dir ${s.stateDir}`,
    `dovecot ${s.dovecot.pid === null ? "not running" : `pid ${s.dovecot.pid}`}, ` +
      `postfix ${s.postfix.pid === null ? "not running" : `pid ${s.postfix.pid}`}`,
  ];
  for (const [name, p] of Object.entries(s.ports)) {
    lines.push(`  ${name.padEnd(10)} ${p.ok ? "up  " : "DOWN"} ${p.detail}`);
  }
  return lines.join("\n");
}

/** @param {string} value */
function shellQuote(value) {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

async function main() {
  const command = process.argv[2];
  switch (command) {
    case "start":
    case "reset": {
      const began = Date.now();
      const result = await (command === "start" ? start({ log }) : reset({ log }));
      const what =
        result.restarted.length === 0
          ? "already running"
          : `started ${result.restarted.join(", ")}`;
      process.stdout.write(
        `${summarize(result)}\nmail stack up (${what}) in ${Date.now() - began} ms\n`,
      );
      return 0;
    }
    case "stop":
      await stop();
      process.stdout.write("mail stack stopped\n");
      return 0;
    case "status": {
      const s = await status();
      process.stdout.write(`${summarize(s)}\nmail stack ${s.up ? "up" : "NOT up"}\n`);
      return s.up ? 0 : 1;
    }
    case "env":
      for (const [name, value] of Object.entries(environment())) {
        process.stdout.write(`export ${name}=${shellQuote(value)}\n`);
      }
      return 0;
    default:
      process.stderr.write(`${USAGE}\n`);
      return 64;
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`mailstack: ${err.message}\n`);
    process.exit(err.code === "not-root" || err.code === "not-debian" ? 2 : 1);
  },
);
