/**
 * The stack's settings (scripts/mailstack/stack.json, the one place they are written down) and
 * every path under its state dir. lib/dev/mailstack.ts reads the same file for TypeScript code
 * and must resolve the same state dir: keep the `${TMPDIR}` rule identical there.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

/** @returns {import("./stack.d.mts").StackSettings} */
function loadSettings() {
  const raw = JSON.parse(fs.readFileSync(path.join(here, "stack.json"), "utf8"));
  const stateDir = path.resolve(
    // biome-ignore lint/suspicious/noTemplateCurlyInString: stack.json's literal placeholder
    raw.stateDir.replace("${TMPDIR}", process.env.TMPDIR ?? os.tmpdir()),
  );
  return { ...raw, stateDir };
}

export const settings = loadSettings();

const state = settings.stateDir;

/** Every file and directory the stack owns; all of it lives under the state dir. */
export const paths = {
  stateDir: state,
  /** Held while one process starts, stops or resets the stack (a sibling: reset wipes state). */
  lockFile: `${state}.lock`,
  tlsDir: path.join(state, "tls"),
  certFile: path.join(state, "tls", "cert.pem"),
  keyFile: path.join(state, "tls", "key.pem"),
  logDir: path.join(state, "logs"),
  dovecotLog: path.join(state, "logs", "dovecot.log"),
  postfixLog: path.join(state, "logs", "postfix.log"),
  mailDir: path.join(state, "mail"),
  dovecotDir: path.join(state, "dovecot"),
  dovecotConf: path.join(state, "dovecot", "dovecot.conf"),
  passwdFile: path.join(state, "dovecot", "passwd"),
  /** Dovecot's base_dir: sockets and master.pid. Unix socket paths must stay under 108 bytes. */
  dovecotRun: path.join(state, "dovecot", "run"),
  dovecotState: path.join(state, "dovecot", "state"),
  dovecotPid: path.join(state, "dovecot", "run", "master.pid"),
  postfixDir: path.join(state, "postfix"),
  /** Outside postfixDir: `postfix check` wants everything in the config dir owned by root. */
  postfixQueue: path.join(state, "postfix-queue"),
  postfixData: path.join(state, "postfix-data"),
  postfixPid: path.join(state, "postfix-queue", "pid", "master.pid"),
  virtualMailboxes: path.join(state, "postfix", "virtual-mailboxes"),
  /** Copies of the masters' PIDs, readable by everyone (the daemons' own files are not). */
  publicPidFile: path.join(state, "master-pid"),
  /** Hash of the generated configuration the running daemons were started with. */
  fingerprintFile: path.join(state, "fingerprint"),
};

/** The system user that owns every maildir (Dovecot's static userdb). */
export const VMAIL_USER = "vmail";

/** @param {string} login */
export function findUser(login) {
  const user = settings.users.find((u) => u.login.toLowerCase() === login.toLowerCase());
  if (!user) {
    throw new Error(`no user ${login} in scripts/mailstack/stack.json`);
  }
  return user;
}

/**
 * Home of a user: Dovecot's static userdb points `home` at mail/<domain>/<local part>.
 * @param {string} login
 */
export function userHome(login) {
  const user = findUser(login);
  const [local, domain] = user.login.toLowerCase().split("@");
  return path.join(paths.mailDir, domain ?? settings.domain, local ?? user.login);
}

/**
 * The maildir (the directory holding cur/, new/ and tmp/) of a user's INBOX. Other mailboxes:
 * mailboxPath() in maildir.mjs, which asks Dovecot (names are stored in modified UTF-7).
 * @param {string} login
 */
export function userMaildir(login) {
  return path.join(userHome(login), MAIL_ROOT, "INBOX", MAILDIR_NAME);
}

/**
 * Layout of the mail store. LAYOUT=fs with DIRNAME keeps each mailbox's cur/new/tmp in a
 * hidden directory of its own, so any name a user may type is a valid mailbox ("v1.2",
 * "cur", "a/b"); Maildir++ would refuse every name with a dot in it.
 */
export const MAIL_ROOT = "mailboxes";
export const MAILDIR_NAME = ".maildir";
export const MAIL_LOCATION = `maildir:~/${MAIL_ROOT}:LAYOUT=fs:DIRNAME=${MAILDIR_NAME}:INBOX=~/${MAIL_ROOT}/INBOX/${MAILDIR_NAME}`;
