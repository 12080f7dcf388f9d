/**
 * One process at a time starts, stops or resets the stack: vitest's and Playwright's global
 * setups, the demo and a developer's `npm run mailstack start` may all run at once. The wait
 * is long because the first start on a fresh machine installs packages (a minute or more).
 */
import fs from "node:fs";
import path from "node:path";
import { paths } from "./config.mjs";
import { MailstackError } from "./errors.mjs";
import { isAlive, sleep } from "./processes.mjs";

/**
 * @template T
 * @param {() => Promise<T>} action
 * @param {number} timeoutMs
 * @returns {Promise<T>}
 */
export async function withStackLock(action, timeoutMs = 600_000) {
  fs.mkdirSync(path.dirname(paths.lockFile), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      fs.writeFileSync(paths.lockFile, String(process.pid), { flag: "wx" });
      break;
    } catch (err) {
      if (/** @type {NodeJS.ErrnoException} */ (err).code !== "EEXIST") throw err;
    }
    const holder = readHolder();
    // A holder that died (kill -9 mid-start) leaves the file behind: take it over. An empty
    // file is a holder between its create and its write, unless it has been empty for long.
    if (holder === null ? lockAgeMs() > 5000 : !isAlive(holder)) {
      fs.rmSync(paths.lockFile, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new MailstackError(
        "timeout",
        `process ${holder} has held ${paths.lockFile} for over ${timeoutMs / 1000} s`,
      );
    }
    await sleep(100);
  }
  try {
    return await action();
  } finally {
    if (readHolder() === process.pid) fs.rmSync(paths.lockFile, { force: true });
  }
}

function lockAgeMs() {
  try {
    return Date.now() - fs.statSync(paths.lockFile).mtimeMs;
  } catch {
    return 0; // just removed: try again
  }
}

function readHolder() {
  try {
    const pid = Number.parseInt(fs.readFileSync(paths.lockFile, "utf8"), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null; // removed between our open and our read
  }
}
