#!/usr/bin/env node
/**
 * Fills a mailbox of the local mail stack for benchmarks, byte for byte and fast (maildir
 * files + one Dovecot sync: 10,000 messages in a couple of seconds).
 *
 *   node bench/mailbox-seed.mjs [--user dave@example.test] [--mailbox INBOX] [--count 10000]
 *                               [--from DIR] [--replace]
 *
 * --from DIR  cycle through the .eml files under DIR (e.g. the output of
 *             ../shared/bench/gen-corpus.mjs), giving every copy its own Message-ID;
 *             without it, deterministic text/plain messages of about 3 KB.
 * --replace   expunge the mailbox first, so it holds exactly --count messages.
 *
 * Also importable: `await seedMailbox({ user, mailbox, count, from, replace })`.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { deliverMany, doveadm, start } from "../scripts/mailstack/stack.mjs";

const CRLF = "\r\n";
const SENDERS = [
  "Ada Lovelace",
  "Grace Hopper",
  "Alan Turing",
  "Edsger Dijkstra",
  "Barbara Liskov",
];
const TOPICS = ["quarterly report", "lunch", "release 2.4", "invoice", "meeting notes", "travel"];

/** Deterministic PRNG (mulberry32): the same seed gives the same mailbox. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** @param {number} count */
function* syntheticMessages(count) {
  const random = rng(20261122);
  const pick = (/** @type {string[]} */ list) => list[Math.floor(random() * list.length)];
  const first = Date.UTC(2024, 0, 1);
  for (let i = 0; i < count; i++) {
    const date = new Date(first + i * 47 * 60_000);
    const sender = pick(SENDERS);
    const address = `${sender.split(" ")[0].toLowerCase()}@sender.example`;
    const lines = Array.from(
      { length: 30 + Math.floor(random() * 20) },
      (_, n) =>
        `Line ${n + 1} of message ${i + 1}: ${pick(TOPICS)} ${random().toString(36).slice(2)}`,
    );
    const bytes = Buffer.from(
      [
        `From: ${sender} <${address}>`,
        "To: Dave Lister <dave@example.test>",
        `Subject: ${pick(TOPICS)} #${i + 1}`,
        `Date: ${date.toUTCString().replace("GMT", "+0000")}`,
        `Message-ID: <seed-${i + 1}@sender.example>`,
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "",
        ...lines,
        "",
      ].join(CRLF),
    );
    const r = random();
    const flags = r < 0.7 ? ["\\Seen"] : r < 0.75 ? ["\\Seen", "\\Flagged"] : [];
    yield { bytes, flags, internalDate: date };
  }
}

/** @param {string} dir @returns {string[]} */
function emlFiles(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".eml"))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/**
 * Copies of real files, each with a Message-ID of its own (replacing the first one in the
 * header, or added in front when there is none).
 * @param {string} dir @param {number} count
 */
function* fileMessages(dir, count) {
  const files = emlFiles(dir);
  if (files.length === 0) throw new Error(`no .eml files under ${dir}`);
  for (let i = 0; i < count; i++) {
    const original = fs.readFileSync(/** @type {string} */ (files[i % files.length]));
    const id = Buffer.from(`Message-ID: <seed-${i + 1}@mailbox-seed.example>`);
    const headerEnd = original.indexOf("\r\n\r\n");
    const header = original.subarray(0, headerEnd < 0 ? original.length : headerEnd);
    const match = /^message-id:[^\r\n]*(\r\n[ \t][^\r\n]*)*/im.exec(header.toString("latin1"));
    yield match
      ? Buffer.concat([
          original.subarray(0, match.index),
          id,
          original.subarray(match.index + match[0].length),
        ])
      : Buffer.concat([id, Buffer.from(CRLF), original]);
  }
}

/**
 * @param {{ user?: string, mailbox?: string, count?: number, from?: string, replace?: boolean }} options
 */
export async function seedMailbox(options = {}) {
  const { user = "dave@example.test", mailbox = "INBOX", count = 10_000, from, replace } = options;
  await start();
  if (replace) {
    doveadm(["mailbox", "create", "-u", user, mailbox], { allowExit: [65] });
    doveadm(["expunge", "-u", user, "mailbox", mailbox, "all"]);
  }
  const began = performance.now();
  let bytes = 0;
  const source = from ? fileMessages(from, count) : syntheticMessages(count);
  const counted = (function* () {
    for (const m of source) {
      bytes += m instanceof Uint8Array ? m.length : m.bytes.length;
      yield m;
    }
  })();
  const { uids } = await deliverMany(user, mailbox, counted);
  return { user, mailbox, count: uids.length, bytes, ms: performance.now() - began };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  /** @type {Record<string, string | boolean>} */
  const args = {};
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i]?.replace(/^--/, "") ?? "";
    if (name === "replace") args.replace = true;
    else args[name] = argv[++i] ?? "";
  }
  const result = await seedMailbox({
    user: typeof args.user === "string" ? args.user : undefined,
    mailbox: typeof args.mailbox === "string" ? args.mailbox : undefined,
    count: typeof args.count === "string" ? Number(args.count) : undefined,
    from: typeof args.from === "string" ? args.from : undefined,
    replace: args.replace === true,
  });
  const mb = result.bytes / 1e6;
  process.stdout.write(
    `seeded ${result.count} messages (${mb.toFixed(1)} MB) into ${result.user} ${result.mailbox} ` +
      `in ${Math.round(result.ms)} ms (${Math.round(result.count / (result.ms / 1000))} msg/s)\n`,
  );
}
