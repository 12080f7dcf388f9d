/**
 * POP3 listing benchmark: a 2,000-message mailbox listed the first time (a check — UIDL, LIST,
 * a TOP per message — then the first page) and the second time, from the kept state (the first
 * page straight from the store, and a check that finds nothing new: UIDL + LIST). Not a test:
 * `npx tsx bench/pop3.ts [--runs N]`.
 *
 * Anchors, same server, same run: a bare client session sending exactly the commands of each
 * listing (the protocol's own cost, no store), its TOPs one at a time and pipelined (RFC 2449
 * PIPELINING, as the check sends them when the server offers it), and what a client that
 * downloads everything to list would pay (RETR of all 2,000).
 *
 * Mailbox: dave's INBOX on the local stack (Dovecot on loopback, STARTTLS), seeded once with
 * 2,000 messages of the shared bench corpus (sets a-small, b-alt, d-nested, each copy with its
 * own Message-ID), reused while it holds exactly them. The store is SQLite in a temp data dir.
 */
import { execFileSync } from "node:child_process";
import crypto, { X509Certificate } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { mailstack, stackUser } from "@/lib/dev/mailstack";
import { Pop3Client, type Pop3ClientOptions } from "@/lib/mail/pop3";
import { deliverMany, doveadm, start } from "@/scripts/mailstack/stack.mjs";
import { getDb } from "../lib/db/client.ts";
import { BENCH_GENERATOR } from "../lib/dev/shared-data.ts";
import {
  checkPop3,
  listPop3Page,
  onPop3Change,
  setPop3OptionsResolver,
} from "../lib/server/pop3/index.ts";

const RUNS = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 3;
const COUNT = 2000;
const PAGE = 50;
const MARK = "X-Letterbox-Bench: pop3-2000";
const USER = stackUser("dave");
const CORPUS = path.join(os.tmpdir(), "letterbox-imap-bench-corpus");

await start();
const CA = fs.readFileSync(mailstack.certFile);
// Pinned like the app pins a self-signed certificate: an extra `ca` would build a CA store
// per connection, a cost no deployment pays.
const options: Pop3ClientOptions = {
  host: mailstack.host,
  port: mailstack.ports.pop3,
  security: "starttls",
  tlsPolicy: { pinnedFingerprint256: new X509Certificate(CA).fingerprint256 },
  auth: { user: USER.login, password: USER.password },
};

function corpusFiles(): string[] {
  if (!fs.existsSync(path.join(CORPUS, "manifest.json"))) {
    execFileSync("node", [BENCH_GENERATOR, CORPUS], { stdio: "inherit" });
  }
  return ["a-small", "b-alt", "d-nested"].flatMap((set) =>
    fs
      .readdirSync(path.join(CORPUS, set))
      .filter((f) => f.endsWith(".eml"))
      .sort()
      .map((f) => path.join(CORPUS, set, f)),
  );
}

function* messages(): Generator<Buffer> {
  const files = corpusFiles();
  for (let i = 0; i < COUNT; i++) {
    const copy = Math.floor(i / files.length);
    const text = fs.readFileSync(files[i % files.length]!).toString("latin1");
    yield Buffer.from(
      `${MARK}\r\n${text.replace(/^(Message-ID:\s*<)/im, `$1p${copy}.`)}`,
      "latin1",
    );
  }
}

/** The server offers PIPELINING (RFC 2449 section 6.6): the check then pipelines its TOPs. */
let pipeliningOffered = false;

async function seeded(): Promise<boolean> {
  const client = await Pop3Client.connect(options);
  pipeliningOffered = client.pipelining;
  try {
    const { count } = await client.stat();
    return count === COUNT && (await client.top(1, 0)).toString("latin1").startsWith(MARK);
  } finally {
    await client.quit();
  }
}

async function seed(): Promise<void> {
  if (await seeded()) return;
  process.stdout.write(`seeding ${USER.login} INBOX with ${COUNT} messages...\n`);
  // Only the INBOX (POP3's one mailbox): other benchmarks keep mailboxes of dave's.
  doveadm(["expunge", "-u", USER.login, "mailbox", "INBOX", "all"]);
  await deliverMany(USER.login, "INBOX", messages());
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

interface Timing {
  /** Wall-clock milliseconds. */
  wall: number;
  /** This process's CPU milliseconds (user + system): steadier on a shared machine. */
  cpu: number;
}

async function time(fn: () => Promise<unknown>): Promise<Timing> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await fn();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - started, cpu: (used.user + used.system) / 1000 };
}

/**
 * A bare session: the protocol's own cost of a listing, nothing kept. "sequential" waits for
 * each TOP's answer before the next (what every listing did before PIPELINING was used);
 * "pipelined" sends them as the check now does, when the server offers PIPELINING.
 */
async function bare(tops: "none" | "sequential" | "pipelined"): Promise<void> {
  const client = await Pop3Client.connect(options);
  const uidls = await client.uidl();
  await client.list();
  if (tops === "sequential") for (const { id } of uidls) await client.top(id, 30);
  if (tops === "pipelined") {
    for await (const result of client.tops(
      uidls.map((u) => u.id),
      30,
    )) {
      if (!result.ok) throw result.error;
    }
  }
  await client.quit();
}

async function retrieveAll(): Promise<void> {
  const client = await Pop3Client.connect(options);
  const { count } = await client.stat();
  for (let id = 1; id <= count; id++) await client.retrieve(id);
  await client.quit();
}

async function main(): Promise<void> {
  await seed();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lbx-pop3-bench-"));
  process.env.LETTERBOX_DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  let commands: string[] = [];
  setPop3OptionsResolver(async () => ({
    ...options,
    transcript: (direction, text) => {
      if (direction === "C") commands.push(text.split(" ")[0]!);
    },
  }));
  await getDb();

  const first = {
    letterbox: [] as Timing[],
    firstPage: [] as Timing[],
    bare: [] as Timing[],
    barePipelined: [] as Timing[],
    commands: 0,
  };
  const second = { page: [] as Timing[], check: [] as Timing[], bare: [] as Timing[], commands: 0 };
  for (let run = 0; run < RUNS; run++) {
    // A new account each run: its first listing really is the first.
    const account = crypto.randomUUID();
    commands = [];
    // While a first check runs, the list can show its first page as soon as the first batch
    // is in: the "new" event the live-updates route forwards.
    const started = performance.now();
    let shown: number | undefined;
    const off = onPop3Change((event) => {
      if (event.accountId === account && event.kind === "new") shown ??= performance.now();
    });
    first.letterbox.push(
      await time(async () => {
        const result = await checkPop3(account);
        if (result.error || result.newMessages !== COUNT) {
          throw new Error(`first check: ${JSON.stringify(result)}`);
        }
        const page = await listPop3Page(account, "INBOX", 0, PAGE);
        if (page.total !== COUNT || page.messages.length !== PAGE) throw new Error("short page");
      }),
    );
    off();
    first.firstPage.push({ wall: (shown ?? Number.NaN) - started, cpu: Number.NaN });
    first.commands = commands.filter((c) => /^(UIDL|LIST|TOP|RETR)$/.test(c)).length;
    first.bare.push(await time(() => bare("sequential")));
    first.barePipelined.push(await time(() => bare("pipelined")));

    second.page.push(await time(() => listPop3Page(account, "INBOX", 0, PAGE)));
    commands = [];
    second.check.push(
      await time(async () => {
        const result = await checkPop3(account);
        if (result.error || result.newMessages !== 0) throw new Error(JSON.stringify(result));
        await listPop3Page(account, "INBOX", 0, PAGE);
      }),
    );
    second.commands = commands.filter((c) => /^(UIDL|LIST|TOP|RETR)$/.test(c)).length;
    second.bare.push(await time(() => bare("none")));
  }
  const naive = await time(retrieveAll);

  const ms = (values: Timing[]) =>
    `${median(values.map((t) => t.wall)).toFixed(0)} (${median(values.map((t) => t.cpu)).toFixed(0)}) ms`;
  const line = (name: string, a: string, b: string) =>
    process.stdout.write(`${name.padEnd(44)}${a.padStart(20)}${b.padStart(20)}\n`);
  process.stdout.write(
    `\nPOP3 listing benchmark — ${COUNT} messages, Dovecot on loopback (STARTTLS), first page of ${PAGE}, medians of ${RUNS} runs, Node ${process.version}\n` +
      `wall-clock ms, with this process's CPU ms in brackets; load average now ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs\n\n`,
  );
  line("", "first listing", "second listing");
  line("letterbox: check, then the first page", ms(first.letterbox), ms(second.check));
  line(
    "  of which: until the first page is in",
    `${median(first.firstPage.map((t) => t.wall)).toFixed(0)} ms`,
    "—",
  );
  line("letterbox: the first page from the store", "—", ms(second.page));
  line("  commands sent (UIDL, LIST, TOP, RETR)", String(first.commands), String(second.commands));
  line("anchor: bare session, TOPs one at a time", ms(first.bare), ms(second.bare));
  line(
    `anchor: bare session, TOPs pipelined${pipeliningOffered ? "" : " (not offered)"}`,
    ms(first.barePipelined),
    "—",
  );
  line("anchor: RETR all (download to list)", ms([naive]), "—");
  process.stdout.write(
    `\nSecond listing = after a reload or a new login: the page comes from the store at once; the\n` +
      "check beside it (UIDL + LIST, no TOP) only looks for news. The first listing's store overhead\n" +
      "is the difference to the bare session: parsing 2,000 TOP answers and inserting the rows.\n",
  );
  fs.rmSync(dataDir, { recursive: true, force: true });
}

await main();
