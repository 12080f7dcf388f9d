/**
 * Starting and stopping the two daemons. Each is restarted only when it is down or its
 * configuration changed, so a second `start` leaves everyone's open connections alone.
 */
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { paths } from "./config.mjs";
import { renderDovecotConf, renderPasswd } from "./dovecot-conf.mjs";
import { isRoot, MailstackError } from "./errors.mjs";
import { lookupUser } from "./packages.mjs";
import { renderMainCf, renderMasterCf, renderVirtualMailboxes } from "./postfix-conf.mjs";
import { tailOf } from "./probe.mjs";
import { isAlive, ourProcesses, readPid, terminate } from "./processes.mjs";

/** @typedef {"dovecot" | "postfix"} Daemon */

/** @param {Daemon} daemon @returns {[string, string, number][]} path, content, mode */
export function renderFiles(daemon) {
  if (daemon === "dovecot") {
    return [
      [paths.dovecotConf, renderDovecotConf(), 0o644],
      // Dovecot's auth process reads it as default_internal_user (dovecot), nobody else may.
      [paths.passwdFile, renderPasswd(), 0o640],
    ];
  }
  return [
    [`${paths.postfixDir}/main.cf`, renderMainCf(), 0o644],
    [`${paths.postfixDir}/master.cf`, renderMasterCf(), 0o644],
    [paths.virtualMailboxes, renderVirtualMailboxes(), 0o644],
  ];
}

/** @param {Daemon} daemon */
export function fingerprint(daemon) {
  const hash = crypto.createHash("sha256");
  for (const [file, content] of renderFiles(daemon)) hash.update(`${file}\0${content}\0`);
  hash.update(fs.readFileSync(paths.certFile));
  return hash.digest("hex");
}

/** @param {Daemon} daemon */
function fingerprintFile(daemon) {
  return `${paths.fingerprintFile}.${daemon}`;
}

/** @param {Daemon} daemon */
export function startedFingerprint(daemon) {
  try {
    return fs.readFileSync(fingerprintFile(daemon), "utf8");
  } catch {
    return null; // never started from this state dir
  }
}

/**
 * The live master process of a daemon, or null. Both write their PID files readable by root
 * only, so start() copies the PIDs into a world-readable file for everyone else's status().
 * @param {Daemon} daemon
 */
export function masterPid(daemon) {
  const own = daemon === "dovecot" ? paths.dovecotPid : paths.postfixPid;
  let pid = readPid(own);
  if (pid === null && fs.existsSync(own)) pid = readPid(`${paths.publicPidFile}.${daemon}`);
  return pid !== null && isAlive(pid) ? pid : null;
}

/** @param {Daemon} daemon @param {number} pid */
export function publishPid(daemon, pid) {
  fs.writeFileSync(`${paths.publicPidFile}.${daemon}`, `${pid}\n`, { mode: 0o644 });
}

/** @param {Daemon} daemon */
export async function stopDaemon(daemon) {
  const pid = masterPid(daemon);
  if (pid !== null) await terminate([pid], "SIGTERM", 5000);
  // Children that outlived a killed master still hold our ports or our state dir.
  const exe = daemon === "dovecot" ? /dovecot/ : /postfix|post(drop|queue)/;
  const leftovers = ourProcesses().filter((p) => exe.test(exeName(p)));
  if (leftovers.length > 0) await terminate(leftovers, "SIGKILL", 2000);
  fs.rmSync(fingerprintFile(daemon), { force: true });
}

/** @param {number} pid */
function exeName(pid) {
  try {
    return fs.readlinkSync(`/proc/${pid}/exe`);
  } catch {
    return "";
  }
}

/** @param {Daemon} daemon */
export function startDaemon(daemon) {
  for (const [file, content, mode] of renderFiles(daemon)) writeIfChanged(file, content, mode);
  if (daemon === "dovecot") {
    const dovecotGroup = lookupUser("dovecot");
    if (dovecotGroup) fs.chownSync(paths.passwdFile, 0, dovecotGroup.gid);
    fs.rmSync(paths.dovecotPid, { force: true });
    // dovecot.conf disables the auth penalty by not creating this socket. A file left from an
    // instance that had it makes the auth process retry connecting for 5 s before it serves
    // anyone, and every login greeting waits for that.
    fs.rmSync(`${paths.dovecotRun}/anvil-auth-penalty`, { force: true });
    run("dovecot", ["-c", paths.dovecotConf], paths.dovecotLog);
  } else {
    registerPostfixInstance();
    run("postfix", ["-c", paths.postfixDir, "start"], paths.postfixLog);
  }
  fs.writeFileSync(fingerprintFile(daemon), fingerprint(daemon));
}

/**
 * Rewriting an unchanged main.cf still costs: `postfix start` then takes 2 s instead of 0.2 s.
 * @param {string} file @param {string} content @param {number} mode
 */
function writeIfChanged(file, content, mode) {
  let current = null;
  try {
    current = fs.readFileSync(file, "utf8");
  } catch {
    // first start: no file yet
  }
  if (current !== content) fs.writeFileSync(file, content, { mode });
  fs.chmodSync(file, mode);
}

/**
 * Postfix only runs an alternate configuration directory that the default instance lists in
 * alternate_config_directories; otherwise `postfix -c` exits 1 and logs why to a syslog that
 * does not exist here.
 */
function registerPostfixInstance() {
  const defaultMain = "/etc/postfix/main.cf";
  if (!fs.existsSync(defaultMain)) {
    // Debian's "No configuration" choice leaves no main.cf; the default instance needs none
    // of its own settings, only this list.
    if (!isRoot()) throw notRoot(defaultMain);
    fs.writeFileSync(
      defaultMain,
      "# Written by Letterbox scripts/mailstack: lists the test stack's Postfix instance.\ncompatibility_level = 3.6\n",
    );
  }
  const listed = spawnSync("postconf", ["-h", "alternate_config_directories"], {
    encoding: "utf8",
  });
  const dirs = (listed.stdout ?? "").split(/[\s,]+/).filter(Boolean);
  if (dirs.includes(paths.postfixDir)) return;
  if (!isRoot()) throw notRoot(defaultMain);
  // Entries of state dirs that are gone (another TMPDIR, a wiped temp dir) are dropped.
  const kept = dirs.filter((d) => !d.includes("letterbox-mailstack") || fs.existsSync(d));
  run("postconf", [
    "-e",
    `alternate_config_directories = ${[...kept, paths.postfixDir].join(" ")}`,
  ]);
}

/** @param {string} file */
function notRoot(file) {
  return new MailstackError("not-root", `${file} must list ${paths.postfixDir}: run as root once`);
}

/**
 * Runs a command to completion. Output goes to a file, not a pipe: a daemon that forks keeps
 * inherited pipes open (Dovecot's master for about 30 s), and spawnSync would wait for them.
 * @param {string} command @param {string[]} args @param {string} [logFile]
 */
function run(command, args, logFile) {
  const outFile = `${paths.logDir}/last-command.out`;
  const out = fs.openSync(outFile, "w");
  let result;
  try {
    result = spawnSync(command, args, { stdio: ["ignore", out, out], timeout: 30_000 });
  } finally {
    fs.closeSync(out);
  }
  if (result.status === 0) return;
  const output = fs.readFileSync(outFile, "utf8").trim();
  const log = logFile ? `\n--- tail of ${logFile} ---\n${tailOf(logFile)}` : "";
  throw new MailstackError(
    "start-failed",
    `${command} ${args.join(" ")} failed (${result.error?.message ?? `exit ${result.status}`}):\n${output}${log}`,
  );
}
