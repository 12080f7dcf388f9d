/**
 * Finding and ending the stack's daemons. PID files first; after a crash (kill -9, a reboot of
 * the container, a wiped state dir) also every Dovecot or Postfix process that belongs to this
 * state dir, and whatever Dovecot or Postfix process still holds one of our ports.
 */
import fs from "node:fs";
import { paths, settings } from "./config.mjs";

/** Executables that may be ended: never a developer's `tail -f` on our log. */
const DAEMON_EXE = /^\/usr\/(sbin\/(dovecot|postfix|postdrop|postqueue)|lib\/(dovecot|postfix)\/)/;

/** @param {string} file */
export function readPid(file) {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, "utf8").trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null; // no PID file: the daemon never started or was cleaned up
  }
}

/** @param {number} pid */
export function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return !isZombie(pid);
  } catch (err) {
    return /** @type {NodeJS.ErrnoException} */ (err).code === "EPERM";
  }
}

/** @param {number} pid */
function isZombie(pid) {
  try {
    return /^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

/** @param {number} pid */
function exeOf(pid) {
  try {
    return fs.readlinkSync(`/proc/${pid}/exe`);
  } catch {
    return "";
  }
}

/** @param {number} pid */
function cwdOf(pid) {
  try {
    return fs.readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return "";
  }
}

/** @param {string} dir */
function isInside(dir) {
  return dir === paths.stateDir || dir.startsWith(`${paths.stateDir}/`);
}

/** @param {number} pid @param {string} name */
function procText(pid, name) {
  try {
    return fs.readFileSync(`/proc/${pid}/${name}`, "latin1");
  } catch {
    return "";
  }
}

function allPids() {
  return fs
    .readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((pid) => pid !== process.pid);
}

/**
 * Dovecot and Postfix processes of this state dir. Both chdir into it (Dovecot to base_dir or a
 * user's home, Postfix to its queue), Dovecot's master carries `-c <conf>` on its command
 * line, and a leftover child may still hold one of our listening sockets. (Dovecot's children
 * overwrite their environment with their process title, so that says nothing.)
 */
export function ourProcesses() {
  const portInodes = listeningInodes(Object.values(settings.ports));
  /** @type {number[]} */
  const found = [];
  for (const pid of allPids()) {
    if (!DAEMON_EXE.test(exeOf(pid))) continue;
    if (
      isInside(cwdOf(pid)) ||
      procText(pid, "cmdline").includes(paths.stateDir) ||
      holdsSocket(pid, portInodes)
    ) {
      found.push(pid);
    }
  }
  return found;
}

/**
 * Owners of our ports that are neither ours nor a daemon we may end: reported, never killed.
 * @returns {{ port: number, pid: number | null, exe: string }[]}
 */
export function foreignPortOwners() {
  /** @type {{ port: number, pid: number | null, exe: string }[]} */
  const owners = [];
  for (const port of Object.values(settings.ports)) {
    const inodes = listeningInodes([port]);
    if (inodes.size === 0) continue;
    const pid = allPids().find((p) => holdsSocket(p, inodes)) ?? null;
    const exe = pid === null ? "" : exeOf(pid);
    if (!DAEMON_EXE.test(exe)) owners.push({ port, pid, exe });
  }
  return owners;
}

/**
 * Socket inodes listening on the given TCP ports (any address), from /proc/net/tcp.
 * @param {number[]} ports
 */
function listeningInodes(ports) {
  const wanted = new Set(ports);
  /** @type {Set<string>} */
  const inodes = new Set();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = fs.readFileSync(table, "utf8");
    } catch {
      continue; // no IPv6 table on this kernel
    }
    for (const line of text.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      const local = cols[1];
      if (!local || cols[3] !== "0A") continue; // 0A = TCP_LISTEN
      const port = Number.parseInt(local.split(":")[1] ?? "", 16);
      if (wanted.has(port) && cols[9]) inodes.add(cols[9]);
    }
  }
  return inodes;
}

/** @param {number} pid @param {Set<string>} inodes */
function holdsSocket(pid, inodes) {
  if (inodes.size === 0) return false;
  let fds = [];
  try {
    fds = fs.readdirSync(`/proc/${pid}/fd`);
  } catch {
    return false;
  }
  for (const fd of fds) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m?.[1] && inodes.has(m[1])) return true;
    } catch {
      // the fd closed while we looked
    }
  }
  return false;
}

/**
 * Sends `signal`, then SIGKILL to whatever is still alive after `graceMs`.
 * @param {number[]} pids @param {NodeJS.Signals} signal @param {number} graceMs
 */
export async function terminate(pids, signal = "SIGTERM", graceMs = 5000) {
  for (const pid of pids) sendSignal(pid, signal);
  const deadline = Date.now() + graceMs;
  while (pids.some(isAlive) && Date.now() < deadline) await sleep(50);
  const stubborn = pids.filter(isAlive);
  for (const pid of stubborn) sendSignal(pid, "SIGKILL");
  const killDeadline = Date.now() + 2000;
  while (stubborn.some(isAlive) && Date.now() < killDeadline) await sleep(20);
}

/** @param {number} pid @param {NodeJS.Signals} signal */
function sendSignal(pid, signal) {
  try {
    process.kill(pid, signal);
  } catch (err) {
    if (/** @type {NodeJS.ErrnoException} */ (err).code !== "ESRCH") throw err;
  }
}

/** @param {number} ms */
export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
