// A throwaway PostgreSQL cluster on loopback for the test suite: proves the PostgreSQL
// migrations and client work, next to the default SQLite. All state in a temp dir; started
// as the `postgres` system user because initdb refuses to run as root.
// Usage: node scripts/postgres/temp-postgres.mjs start|stop|url
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const PORT = 10432;
const stateDir = path.join(process.env.TMPDIR ?? os.tmpdir(), "letterbox-postgres");
const dataDir = path.join(stateDir, "data");
const socketDir = path.join(stateDir, "run");
const logFile = path.join(stateDir, "postgres.log");

export const url = `postgresql://postgres@127.0.0.1:${PORT}/letterbox_test`;

function binDir() {
  const base = "/usr/lib/postgresql";
  const versions = fs.existsSync(base) ? fs.readdirSync(base).sort().reverse() : [];
  for (const version of versions) {
    const dir = path.join(base, version, "bin");
    if (fs.existsSync(path.join(dir, "initdb"))) return dir;
  }
  return null;
}

function ensureInstalled() {
  if (binDir()) return;
  if (process.getuid?.() !== 0) {
    throw new Error("PostgreSQL is not installed; run as root or `apt-get install -y postgresql`");
  }
  console.log("temp-postgres: installing Debian's postgresql …");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  let result = spawnSync("apt-get", ["install", "-y", "-q", "postgresql"], {
    stdio: "inherit",
    env,
  });
  if (result.status !== 0) {
    spawnSync("apt-get", ["update", "-q"], { stdio: "inherit", env });
    result = spawnSync("apt-get", ["install", "-y", "-q", "postgresql"], { stdio: "inherit", env });
  }
  if (result.status !== 0 || !binDir()) throw new Error("installing postgresql failed");
}

function asPostgres(command, args) {
  const quoted = [command, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(" ");
  return process.getuid?.() === 0
    ? execFileSync("su", ["postgres", "-s", "/bin/sh", "-c", quoted], { encoding: "utf8" })
    : execFileSync(command, args, { encoding: "utf8" });
}

function running() {
  const bin = binDir();
  if (!bin || !fs.existsSync(path.join(dataDir, "PG_VERSION"))) return false;
  const result = spawnSync(path.join(bin, "pg_isready"), ["-h", "127.0.0.1", "-p", String(PORT)]);
  return result.status === 0;
}

export function start() {
  ensureInstalled();
  const bin = binDir();
  if (running()) return url;
  fs.mkdirSync(socketDir, { recursive: true });
  if (process.getuid?.() === 0) execFileSync("chown", ["-R", "postgres:postgres", stateDir]);
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    asPostgres(path.join(bin, "initdb"), [
      "-D",
      dataDir,
      "-A",
      "trust",
      "-U",
      "postgres",
      "--no-sync",
    ]);
  }
  // A crash can leave a stale postmaster.pid behind; pg_ctl refuses to start over it.
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = true;
    } catch {}
    if (!alive) fs.rmSync(pidFile);
  }
  asPostgres(path.join(bin, "pg_ctl"), [
    "-D",
    dataDir,
    "-l",
    logFile,
    "-w",
    "-o",
    `-p ${PORT} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${socketDir} -c fsync=off`,
    "start",
  ]);
  const exists = asPostgres(path.join(bin, "psql"), [
    "-h",
    "127.0.0.1",
    "-p",
    String(PORT),
    "-tAc",
    "SELECT 1 FROM pg_database WHERE datname = 'letterbox_test'",
  ]);
  if (!exists.trim()) {
    asPostgres(path.join(bin, "createdb"), [
      "-h",
      "127.0.0.1",
      "-p",
      String(PORT),
      "letterbox_test",
    ]);
  }
  return url;
}

export function stop() {
  const bin = binDir();
  if (!bin || !running()) return;
  asPostgres(path.join(bin, "pg_ctl"), ["-D", dataDir, "-m", "fast", "-w", "stop"]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const command = process.argv[2];
  if (command === "start") console.log(start());
  else if (command === "stop") stop();
  else if (command === "url") console.log(url);
  else if (command === "status") process.exit(running() ? 0 : 1);
  else {
    console.error("usage: temp-postgres.mjs start|stop|status|url");
    process.exit(2);
  }
}
