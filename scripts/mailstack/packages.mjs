/**
 * Debian packages and system users the stack needs. CI starts from a fresh machine, so `start`
 * installs what is missing (as root, non-interactively) instead of assuming a prepared host.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import { VMAIL_USER } from "./config.mjs";
import { isRoot, MailstackError } from "./errors.mjs";

export const PACKAGES = ["dovecot-imapd", "dovecot-pop3d", "dovecot-lmtpd", "postfix", "openssl"];

/** @returns {string[]} the packages of PACKAGES that dpkg does not list as installed */
export function missingPackages() {
  const run = spawnSync(
    "dpkg-query",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own format syntax
    ["-W", "-f=${Package}\\t${db:Status-Status}\\n", ...PACKAGES],
    {
      encoding: "utf8",
    },
  );
  if (run.error) {
    throw new MailstackError(
      "not-debian",
      `dpkg-query is not available (${run.error.message}): the mail stack needs Debian or Ubuntu ` +
        `with the packages ${PACKAGES.join(" ")}.`,
    );
  }
  // dpkg-query exits 1 when a package is unknown; the lines it did print are still right.
  const installed = new Set(
    run.stdout
      .split("\n")
      .map((line) => line.split("\t"))
      .filter(([, status]) => status === "installed")
      .map(([name]) => name),
  );
  return PACKAGES.filter((p) => !installed.has(p));
}

/**
 * Installs missing packages. `apt-get update` only when the plain install fails: it is slow and
 * the package lists of a CI image are usually fresh enough.
 * @param {(line: string) => void} log
 */
export function ensurePackages(log) {
  const missing = missingPackages();
  if (missing.length === 0) return;
  if (!isRoot()) {
    throw new MailstackError(
      "not-root",
      `missing Debian packages: ${missing.join(" ")}. Install them as root ` +
        `(sudo apt-get install -y ${missing.join(" ")}) or run the mail stack as root.`,
    );
  }
  log(`installing ${missing.join(" ")} (apt-get, about a minute)`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive", NEEDRESTART_MODE: "a" };
  // Debian starts a freshly installed daemon on the standard ports (25, 143, 993...). The stack
  // needs none of them, so a policy-rc.d that refuses service starts is in place during the
  // install, unless the machine already has its own policy.
  const policy = "/usr/sbin/policy-rc.d";
  const ownPolicy = !fs.existsSync(policy);
  if (ownPolicy) fs.writeFileSync(policy, "#!/bin/sh\nexit 101\n", { mode: 0o755 });
  try {
    const args = ["install", "-y", "-q", "--no-install-recommends", ...missing];
    let run = spawnSync("apt-get", args, { env, encoding: "utf8" });
    if (run.status !== 0) {
      log("apt-get install failed; running apt-get update and trying again");
      spawnSync("apt-get", ["update", "-q"], { env, encoding: "utf8" });
      run = spawnSync("apt-get", args, { env, encoding: "utf8" });
    }
    if (run.status !== 0) {
      const tail = `${run.stdout ?? ""}${run.stderr ?? ""}`
        .trim()
        .split("\n")
        .slice(-15)
        .join("\n");
      throw new MailstackError(
        "install-failed",
        `apt-get install ${missing.join(" ")} failed:\n${tail || run.error?.message}`,
      );
    }
  } finally {
    if (ownPolicy) fs.rmSync(policy, { force: true });
  }
}

/**
 * The owner of every maildir (Dovecot's static userdb); created when missing.
 * @returns {{ uid: number, gid: number }}
 */
export function ensureVmailUser() {
  const found = lookupUser(VMAIL_USER);
  if (found) return found;
  if (!isRoot()) {
    throw new MailstackError(
      "not-root",
      `the system user ${VMAIL_USER} is missing; run the mail stack as root once to create it`,
    );
  }
  // --user-group fails when a group of that name is already there (left by an earlier setup).
  const groupExists = spawnSync("getent", ["group", VMAIL_USER]).status === 0;
  execFileSync("useradd", [
    "--system",
    ...(groupExists ? ["--gid", VMAIL_USER] : ["--user-group"]),
    "--no-create-home",
    "--home-dir",
    "/nonexistent",
    "--shell",
    "/usr/sbin/nologin",
    VMAIL_USER,
  ]);
  const created = lookupUser(VMAIL_USER);
  if (!created) throw new MailstackError("start-failed", `useradd ${VMAIL_USER} did not create it`);
  return created;
}

/** @param {string} name */
export function lookupUser(name) {
  const run = spawnSync("getent", ["passwd", name], { encoding: "utf8" });
  if (run.status !== 0) return null;
  const fields = run.stdout.trim().split(":");
  return { uid: Number(fields[2]), gid: Number(fields[3]) };
}
