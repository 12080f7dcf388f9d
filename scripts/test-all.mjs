// `npm test`: the whole suite, as CI runs it. Installs what is missing (Debian's Chromium, the
// mail stack's Dovecot and Postfix, PostgreSQL), starts the real servers, runs lint, type
// check, unit, integration and end-to-end tests, prints the counts, stops what it started,
// and exits non-zero on any failure.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const reports = fs.mkdtempSync(path.join(os.tmpdir(), "lbx-test-reports-"));
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const results = [];

function run(step, command, args, env = {}) {
  const started = Date.now();
  console.log(`\n=== ${step}: ${[path.basename(command), ...args].join(" ")}`);
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, ...env },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = result.status === 0;
  results.push({ step, ok, seconds, counts: null });
  if (!ok) console.log(`=== ${step} FAILED (exit ${result.status ?? result.signal})`);
  return results.at(-1);
}

function vitestCounts(file) {
  if (!fs.existsSync(file)) return null;
  const report = JSON.parse(fs.readFileSync(file, "utf8"));
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
    files: report.numTotalTestSuites,
  };
}

function playwrightCounts(file) {
  if (!fs.existsSync(file)) return null;
  const stats = JSON.parse(fs.readFileSync(file, "utf8")).stats;
  return {
    passed: stats.expected,
    failed: stats.unexpected,
    flaky: stats.flaky,
    skipped: stats.skipped,
  };
}

function ensureChromium() {
  if (fs.existsSync("/usr/bin/chromium")) return true;
  console.log("=== installing Debian's chromium for the end-to-end tests …");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  let r = spawnSync("apt-get", ["install", "-y", "-q", "chromium"], { stdio: "inherit", env });
  if (r.status !== 0) {
    spawnSync("apt-get", ["update", "-q"], { stdio: "inherit", env });
    r = spawnSync("apt-get", ["install", "-y", "-q", "chromium"], { stdio: "inherit", env });
  }
  return r.status === 0 && fs.existsSync("/usr/bin/chromium");
}

const startedAll = Date.now();
run("lint", bin("biome"), ["check", "."]);
run("typecheck", bin("tsc"), ["--noEmit", "-p", "."]);
const unit = run("unit", bin("vitest"), [
  "run",
  "--project",
  "unit",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${path.join(reports, "unit.json")}`,
]);
unit.counts = vitestCounts(path.join(reports, "unit.json"));

// Servers a developer already had running are used and left running; what we start, we stop.
const quiet = (args) =>
  spawnSync(process.execPath, args, { cwd: root, stdio: "ignore" }).status === 0;
const stackWasUp = quiet(["scripts/mailstack/cli.mjs", "status"]);
const postgresWasUp = quiet(["scripts/postgres/temp-postgres.mjs", "status"]);
const stack = run("mail stack", process.execPath, ["scripts/mailstack/cli.mjs", "start"]);
const postgres = run("postgres", process.execPath, ["scripts/postgres/temp-postgres.mjs", "start"]);
if (stack.ok && postgres.ok) {
  const integration = run("integration", bin("vitest"), [
    "run",
    "--project",
    "integration",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${path.join(reports, "integration.json")}`,
  ]);
  integration.counts = vitestCounts(path.join(reports, "integration.json"));

  if (ensureChromium()) {
    const build = run("build", process.execPath, [
      path.join(root, "node_modules", "next", "dist", "bin", "next"),
      "build",
    ]);
    if (build.ok) {
      const e2e = run("e2e", bin("playwright"), ["test"], {
        PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(reports, "e2e.json"),
      });
      e2e.counts = playwrightCounts(path.join(reports, "e2e.json"));
    }
  } else {
    results.push({ step: "e2e", ok: false, seconds: "0", counts: null });
    console.log("=== e2e FAILED: Debian's chromium could not be installed");
  }
}
if (!stackWasUp) run("stop mail stack", process.execPath, ["scripts/mailstack/cli.mjs", "stop"]);
if (!postgresWasUp)
  run("stop postgres", process.execPath, ["scripts/postgres/temp-postgres.mjs", "stop"]);

console.log("\n=== Summary");
for (const r of results) {
  const counts = r.counts
    ? Object.entries(r.counts)
        .map(([k, v]) => `${v} ${k}`)
        .join(", ")
    : "";
  console.log(
    `${r.ok ? "PASS" : "FAIL"}  ${r.step.padEnd(16)} ${r.seconds.padStart(7)} s  ${counts}`,
  );
}
const failed = results.filter((r) => !r.ok);
console.log(
  `Total ${((Date.now() - startedAll) / 1000).toFixed(0)} s; ${failed.length ? `${failed.length} step(s) failed` : "all passed"}`,
);
fs.rmSync(reports, { recursive: true, force: true });
process.exit(failed.length ? 1 : 0);
