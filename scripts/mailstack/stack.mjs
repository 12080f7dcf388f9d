/**
 * The local mail stack, in-process: vitest and Playwright global setups, the demo and the
 * benchmarks call this; `node scripts/mailstack/cli.mjs` is a thin shell around it.
 *
 *   import { start, deliverRaw } from "./scripts/mailstack/stack.mjs";
 *   await start();
 *   await deliverRaw("bob@example.test", "INBOX", bytes, { flags: ["\\Seen"] });
 */
import fs from "node:fs";
import { paths, settings, userMaildir, VMAIL_USER } from "./config.mjs";
import {
  fingerprint,
  masterPid,
  publishPid,
  startDaemon,
  startedFingerprint,
  stopDaemon,
} from "./daemons.mjs";
import { isRoot, MailstackError } from "./errors.mjs";
import { withStackLock } from "./lock.mjs";
import { ensurePackages, ensureVmailUser, lookupUser } from "./packages.mjs";
import { probeAll, tailOf } from "./probe.mjs";
import { foreignPortOwners, sleep } from "./processes.mjs";
import { ensureCertificate } from "./tls.mjs";

export { MailstackError } from "./errors.mjs";
export { DOVEADM, deliverMany, deliverRaw, doveadm, mailboxPath, resetUser } from "./maildir.mjs";
export { paths, settings, userMaildir };

/** @type {("dovecot" | "postfix")[]} */
const DAEMONS = ["dovecot", "postfix"];

/**
 * What runs. `up` only when both masters live and every port answers its greeting.
 * @returns {Promise<import("./stack.d.mts").StackStatus>}
 */
export async function status() {
  const ports = await probeAll(undefined);
  const dovecot = masterPid("dovecot");
  const postfix = masterPid("postfix");
  const up = dovecot !== null && postfix !== null && Object.values(ports).every((p) => p.ok);
  return {
    up,
    stateDir: paths.stateDir,
    dovecot: { pid: dovecot },
    postfix: { pid: postfix },
    ports,
  };
}

/**
 * Starts what is not running (or runs with an older configuration) and waits until every
 * port answers. A running, current stack is left alone: calling start twice is cheap.
 * @param {import("./stack.d.mts").StartOptions} [options]
 */
export function start(options = {}) {
  return withStackLock(() => startUnlocked(options));
}

/** Stops both daemons (and any leftover process of an earlier crashed instance). */
export async function stop() {
  requireRoot("stop");
  return withStackLock(async () => {
    for (const daemon of [...DAEMONS].reverse()) await stopDaemon(daemon);
  });
}

/**
 * Stops the stack, deletes all mail (and Postfix's queue) and starts it again: every mailbox
 * as a fresh user has it. The certificate and the logs stay.
 * @param {import("./stack.d.mts").StartOptions} [options]
 */
export async function reset(options = {}) {
  requireRoot("reset");
  return withStackLock(async () => {
    for (const daemon of [...DAEMONS].reverse()) await stopDaemon(daemon);
    fs.rmSync(paths.mailDir, { recursive: true, force: true });
    fs.rmSync(paths.postfixQueue, { recursive: true, force: true });
    fs.rmSync(paths.dovecotState, { recursive: true, force: true });
    return startUnlocked(options);
  });
}

/**
 * Shell assignments for `eval "$(npm run -s mailstack env)"`.
 * @returns {Record<string, string>}
 */
export function environment() {
  /** @type {Record<string, string>} */
  const vars = {
    MAILSTACK_HOST: settings.host,
    MAILSTACK_DOMAIN: settings.domain,
    MAILSTACK_STATE_DIR: paths.stateDir,
    MAILSTACK_CERT: paths.certFile,
    MAILSTACK_MESSAGE_SIZE_LIMIT: String(settings.messageSizeLimit),
  };
  for (const [name, port] of Object.entries(settings.ports)) {
    vars[`MAILSTACK_${name.toUpperCase()}_PORT`] = String(port);
  }
  return vars;
}

/** @param {import("./stack.d.mts").StartOptions} options */
async function startUnlocked({ log = () => {}, timeoutMs = 30_000 }) {
  const began = Date.now();
  ensurePackages(log);
  if (!isRoot()) {
    // Anyone may use a running stack; only root can start one (Postfix's master and Dovecot
    // start as root and switch to their own users).
    const current = await status();
    if (current.up) return { ...current, restarted: [], elapsedMs: Date.now() - began };
    throw new MailstackError(
      "not-root",
      `the mail stack is not running and only root can start it (sudo npm run mailstack start)`,
    );
  }
  const vmail = ensureVmailUser();
  prepareDirectories(vmail);
  if (ensureCertificate()) log(`new TLS certificate ${paths.certFile}`);
  /** @type {string[]} */
  const restarted = [];
  for (const daemon of DAEMONS) {
    if (await isCurrent(daemon)) continue;
    await stopDaemon(daemon);
    refuseForeignPortOwners();
    log(`starting ${daemon}`);
    startDaemon(daemon);
    restarted.push(daemon);
  }
  const ready = await waitReady(timeoutMs);
  for (const daemon of DAEMONS) publishPid(daemon, /** @type {number} */ (ready[daemon].pid));
  return { ...ready, restarted, elapsedMs: Date.now() - began };
}

/** @param {"dovecot" | "postfix"} daemon */
async function isCurrent(daemon) {
  if (masterPid(daemon) === null) return false;
  if (startedFingerprint(daemon) !== fingerprint(daemon)) return false;
  // Generous: a false "down" would restart a daemon under everyone's open connections.
  const probes = await probeAll(daemon, 10_000);
  return Object.values(probes).every((p) => p.ok);
}

/** @param {string} action */
function requireRoot(action) {
  if (!isRoot()) {
    throw new MailstackError(
      "not-root",
      `only root can ${action} the mail stack (it runs as root)`,
    );
  }
}

function refuseForeignPortOwners() {
  const foreign = foreignPortOwners();
  if (foreign.length === 0) return;
  const list = foreign
    .map((f) => `${f.port} (pid ${f.pid ?? "?"}${f.exe ? ` ${f.exe}` : ""})`)
    .join(", ");
  throw new MailstackError(
    "port-busy",
    `ports of scripts/mailstack/stack.json are held by other programs: ${list}`,
  );
}

/** @param {{ uid: number, gid: number }} vmail */
function prepareDirectories(vmail) {
  for (const dir of [paths.stateDir, paths.logDir, paths.dovecotDir, paths.postfixDir]) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
    // Dovecot's and Postfix's unprivileged processes must traverse the state dir.
    fs.chmodSync(dir, 0o755);
  }
  fs.mkdirSync(paths.dovecotRun, { recursive: true, mode: 0o755 });
  fs.mkdirSync(paths.dovecotState, { recursive: true, mode: 0o755 });
  fs.mkdirSync(paths.postfixQueue, { recursive: true, mode: 0o755 });
  fs.mkdirSync(paths.mailDir, { recursive: true, mode: 0o700 });
  fs.chownSync(paths.mailDir, vmail.uid, vmail.gid);
  // Postfix refuses a data_directory that its mail_owner does not own.
  const postfix = lookupUser("postfix");
  fs.mkdirSync(paths.postfixData, { recursive: true, mode: 0o700 });
  if (postfix) fs.chownSync(paths.postfixData, postfix.uid, postfix.gid);
}

/** @param {number} timeoutMs */
async function waitReady(timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await status();
    if (current.up) return current;
    if (Date.now() > deadline) {
      const failing = Object.entries(current.ports)
        .filter(([, p]) => !p.ok)
        .map(([, p]) => `  ${p.detail}`)
        .join("\n");
      throw new MailstackError(
        "timeout",
        `the mail stack was not ready within ${timeoutMs / 1000} s ` +
          `(dovecot pid ${current.dovecot.pid ?? "none"}, postfix pid ${current.postfix.pid ?? "none"}):\n` +
          `${failing}\n--- ${paths.dovecotLog} ---\n${tailOf(paths.dovecotLog)}\n` +
          `--- ${paths.postfixLog} ---\n${tailOf(paths.postfixLog)}`,
      );
    }
    await sleep(100);
  }
}

export { VMAIL_USER };
