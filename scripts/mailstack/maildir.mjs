/**
 * Putting messages into mailboxes byte for byte, without SMTP: hostile test messages contain
 * CRLF.CRLF, bare LFs, NULs and sizes that Postfix refuses or rewrites. Files are written
 * straight into the mailbox's maildir (cur/, with flags in the name and INTERNALDATE as mtime)
 * and Dovecot is then made to index them, so the caller gets the UIDs back.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { findUser, paths, userHome, userMaildir, VMAIL_USER } from "./config.mjs";
import { MailstackError } from "./errors.mjs";
import { lookupUser } from "./packages.mjs";

export const DOVEADM = "doveadm";

/** Maildir info letters of the IMAP system flags (maildir spec, "2," section). */
const FLAG_LETTERS = new Map([
  ["\\draft", "D"],
  ["\\flagged", "F"],
  ["\\answered", "R"],
  ["\\seen", "S"],
  ["\\deleted", "T"],
]);

/**
 * Runs doveadm against the stack's Dovecot. doveadm reads the same config, so it sees the same
 * users and mailboxes; it needs the stack to be running (userdb lookups go through its auth).
 * @param {string[]} args
 * @param {{ input?: Buffer | string, allowExit?: number[] }} [options]
 * @returns {string} stdout
 */
export function doveadm(args, options = {}) {
  const result = spawnSync(DOVEADM, ["-c", paths.dovecotConf, ...args], {
    input: options.input,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.status === 0 || options.allowExit?.includes(result.status ?? -1)) {
    return result.stdout;
  }
  throw new MailstackError(
    "doveadm-failed",
    `doveadm ${args.join(" ")} failed (${result.error?.message ?? `exit ${result.status}`}): ` +
      `${(result.stderr ?? "").trim()}`,
  );
}

/** @type {Map<string, string>} */
const pathCache = new Map();

/**
 * The maildir (holding cur/, new/, tmp/) of a mailbox, created (and subscribed) if missing.
 * @param {string} login @param {string} mailbox
 */
export function mailboxPath(login, mailbox) {
  const user = findUser(login).login.toLowerCase();
  const key = `${user}\0${mailbox}`;
  const cached = pathCache.get(key);
  if (cached && fs.existsSync(path.join(cached, "cur"))) return cached;
  // 65 (EX_DATAERR) = the mailbox already exists.
  doveadm(["mailbox", "create", "-s", "-u", user, mailbox], { allowExit: [65] });
  const dir =
    mailbox.toUpperCase() === "INBOX"
      ? userMaildir(user)
      : doveadm(["mailbox", "path", "-u", user, mailbox]).trim();
  if (!fs.existsSync(path.join(dir, "cur"))) {
    // A fresh user's INBOX exists for Dovecot before its directories do.
    const owner = vmail();
    for (const sub of ["cur", "new", "tmp"]) {
      fs.mkdirSync(path.join(dir, sub), { recursive: true, mode: 0o700 });
    }
    chownTree(userHome(user), dir, owner);
  }
  pathCache.set(key, dir);
  return dir;
}

/**
 * Delivers one message exactly as given.
 * @param {string} login
 * @param {string} mailbox e.g. "INBOX", "Archive/2024"; created if missing
 * @param {Uint8Array | string} bytes a string is taken as UTF-8
 * @param {import("./stack.d.mts").DeliverOptions} [options]
 * @returns {Promise<{ uid: number }>}
 */
export async function deliverRaw(login, mailbox, bytes, options = {}) {
  const { uids } = await deliverMany(login, mailbox, [{ bytes, ...options }]);
  return { uid: /** @type {number} */ (uids[0]) };
}

/**
 * Delivers many messages in one go (a 10,000-message benchmark INBOX in seconds): all files
 * first, then a single Dovecot sync assigns UIDs in the order given.
 * @param {string} login
 * @param {string} mailbox
 * @param {Iterable<Uint8Array | string | import("./stack.d.mts").DeliverMessage>
 *   | AsyncIterable<Uint8Array | string | import("./stack.d.mts").DeliverMessage>} messages
 * @returns {Promise<{ uids: number[] }>} UIDs in the order of `messages`
 */
export async function deliverMany(login, mailbox, messages) {
  const user = findUser(login).login.toLowerCase();
  const dir = mailboxPath(user, mailbox);
  const owner = vmail();
  /** @type {string[]} */
  const bases = [];
  /** @type {Map<string, number[]>} keyword list -> indexes into bases */
  const keywordSets = new Map();
  for await (const item of messages) {
    const message = typeof item === "string" || item instanceof Uint8Array ? { bytes: item } : item;
    const { base, keywords } = writeMessage(dir, message, owner);
    if (keywords.length > 0) {
      const k = keywords.join(" ");
      keywordSets.set(k, [...(keywordSets.get(k) ?? []), bases.length]);
    }
    bases.push(base);
  }
  if (bases.length === 0) return { uids: [] };
  const uids = uidsOf(user, mailbox, bases);
  for (const [k, indexes] of keywordSets) {
    const set = indexes.map((i) => uids[i]).join(",");
    doveadm(["flags", "add", "-u", user, ...k.split(" "), "mailbox", mailbox, "uid", set]);
  }
  return { uids };
}

/**
 * Makes Dovecot sync the mailbox (it finds the new files and numbers them by the time in their
 * names, which writeMessage keeps increasing) and maps each file to its UID. For maildir the
 * message GUID is the file's base name.
 * @param {string} user @param {string} mailbox @param {string[]} bases
 */
function uidsOf(user, mailbox, bases) {
  const query = bases.length === 1 ? ["guid", /** @type {string} */ (bases[0])] : ["all"];
  const out = doveadm(["-f", "tab", "fetch", "-u", user, "uid guid", "mailbox", mailbox, ...query]);
  /** @type {Map<string, number>} */
  const byGuid = new Map();
  for (const line of out.split("\n").slice(1)) {
    const [uid, guid] = line.split("\t");
    if (uid && guid) byGuid.set(guid, Number(uid));
  }
  return bases.map((base) => {
    const uid = byGuid.get(base);
    if (uid === undefined) {
      throw new MailstackError("doveadm-failed", `Dovecot did not index ${base} in ${mailbox}`);
    }
    return uid;
  });
}

let lastMicros = 0;
let sequence = 0;

/**
 * Writes one file the maildir way: into tmp/, then renamed into cur/ (readers never see half a
 * message). Name: <secs>.M<usecs>P<pid>Q<n>.<host>,S=<size>:2,<flags>. Dovecot trusts S= as the
 * file's size, and numbers new files by the time in the name, so that time increases with
 * every message (INTERNALDATE is the mtime instead).
 * @param {string} dir
 * @param {import("./stack.d.mts").DeliverMessage} message
 * @param {{ uid: number, gid: number }} owner
 */
function writeMessage(dir, message, owner) {
  const bytes =
    typeof message.bytes === "string" ? Buffer.from(message.bytes, "utf8") : message.bytes;
  const { letters, keywords } = splitFlags(message.flags ?? []);
  lastMicros = Math.max(Date.now() * 1000, lastMicros + 1);
  const secs = Math.floor(lastMicros / 1e6);
  const usecs = lastMicros % 1e6;
  sequence += 1;
  const base = `${secs}.M${usecs}P${process.pid}Q${sequence}.${hostName},S=${bytes.length}`;
  const tmp = path.join(dir, "tmp", base);
  fs.writeFileSync(tmp, bytes, { mode: 0o600 });
  fs.chownSync(tmp, owner.uid, owner.gid);
  const date = message.internalDate ?? new Date();
  fs.utimesSync(tmp, date, date);
  fs.renameSync(tmp, path.join(dir, "cur", `${base}:2,${letters}`));
  return { base, keywords };
}

/** Maildir names must not contain "/" or ":"; the host part is only for uniqueness. */
const hostName = os.hostname().replace(/[/:,]/g, "_") || "localhost";

/** @param {string[]} flags */
function splitFlags(flags) {
  /** @type {Set<string>} */
  const letters = new Set();
  /** @type {string[]} */
  const keywords = [];
  for (const flag of flags) {
    const letter = FLAG_LETTERS.get(flag.toLowerCase());
    if (letter) letters.add(letter);
    else if (flag.startsWith("\\")) {
      throw new MailstackError("bad-argument", `${flag} is not an IMAP system flag`);
    } else if (/^[^\s(){%*"\\\]]+$/.test(flag)) keywords.push(flag);
    else throw new MailstackError("bad-argument", `${JSON.stringify(flag)} is not a valid keyword`);
  }
  // The maildir spec wants info letters in ASCII order.
  return { letters: [...letters].sort().join(""), keywords };
}

/**
 * Deletes one user's mail (all mailboxes) and ends their sessions; the rest of the stack keeps
 * running. The next login finds the special-use mailboxes again, empty.
 * @param {string} login
 */
export function resetUser(login) {
  const user = findUser(login).login.toLowerCase();
  doveadm(["kick", user], { allowExit: [68] }); // 68: no sessions to kick
  fs.rmSync(userHome(user), { recursive: true, force: true });
  for (const key of pathCache.keys()) {
    if (key.startsWith(`${user}\0`)) pathCache.delete(key);
  }
}

/** @type {{ uid: number, gid: number } | null} */
let vmailOwner = null;

function vmail() {
  vmailOwner ??= lookupUser(VMAIL_USER);
  if (!vmailOwner) {
    throw new MailstackError("start-failed", `no system user ${VMAIL_USER}: run start first`);
  }
  return vmailOwner;
}

/**
 * Gives `to` and its parents up to (and including) `from` to the mail owner.
 * @param {string} from @param {string} to @param {{ uid: number, gid: number }} owner
 */
function chownTree(from, to, owner) {
  for (let dir = to; dir.startsWith(from); dir = path.dirname(dir)) {
    fs.chownSync(dir, owner.uid, owner.gid);
    for (const sub of ["cur", "new", "tmp"]) {
      const child = path.join(dir, sub);
      if (dir === to && fs.existsSync(child)) fs.chownSync(child, owner.uid, owner.gid);
    }
    if (dir === from) break;
  }
}
