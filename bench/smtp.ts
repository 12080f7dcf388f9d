/**
 * SMTP submission benchmark: Letterbox's client (lib/mail/smtp) side by side with nodemailer
 * (devDependency, for comparison only), both through the local stack's Postfix submission port
 * (STARTTLS + AUTH PLAIN), one connection each, messages sent one after another. Ours runs
 * twice over: as it meets Postfix (BDAT, since CHUNKING is offered) and with DATA forced, the
 * way nodemailer sends.
 *
 *   npx tsx bench/smtp.ts
 *
 * Sets: 200 multipart/alternative messages of ~40 KB (shared/bench/gen-corpus.mjs, set b) and
 * 5 messages with a 10 MB base64 attachment (generated here). Each client runs three times,
 * the order rotated every round; each run starts on a warmed-up connection, and after it we
 * wait until Dovecot holds every message so the next starts on a quiet stack. Prints the
 * median messages/s and MB/s of message bytes, and the client's own CPU time (steadier than the
 * wall clock when other work shares the machine). Everything sent goes to dave and is deleted
 * over POP3 after each set.
 */
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { mailstack, stackUser } from "../lib/dev/mailstack";
import { BENCH_GENERATOR } from "../lib/dev/shared-data.ts";
import { Pop3Client } from "../lib/mail/pop3";
import { SmtpClient } from "../lib/mail/smtp";
import { start } from "../scripts/mailstack/stack.mjs";

const alice = stackUser("alice");
const dave = stackUser("dave");
const RUN = crypto.randomUUID().slice(0, 8);
const TAG = `X-Letterbox-Bench: ${RUN}`;
const ROUNDS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function tagged(message: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${TAG}\r\n`), message]);
}

function corpusB(): Buffer[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lbx-bench-smtp-"));
  const script = BENCH_GENERATOR;
  execFileSync(process.execPath, [script, dir, "--sets", "b"], { stdio: "ignore" });
  const files = fs
    .readdirSync(path.join(dir, "b-alt"))
    .filter((f) => f.endsWith(".eml"))
    .sort();
  const messages = files.map((f) => tagged(fs.readFileSync(path.join(dir, "b-alt", f))));
  fs.rmSync(dir, { recursive: true, force: true });
  return messages;
}

function withAttachment(index: number): Buffer {
  const data = crypto.randomBytes(10 * 1024 * 1024).toString("base64");
  const lines = data.match(/.{1,76}/g)!.join("\r\n");
  const head = [
    `From: ${alice.login}`,
    `To: ${dave.login}`,
    `Subject: bench attachment ${index}`,
    `Message-ID: <bench-${RUN}-${index}@letterbox.test>`,
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="b1"',
    "",
    "--b1",
    "Content-Type: text/plain; charset=utf-8",
    "",
    "See the attachment.",
    "--b1",
    "Content-Type: application/octet-stream; name=data.bin",
    "Content-Transfer-Encoding: base64",
    'Content-Disposition: attachment; filename="data.bin"',
    "",
    "",
  ].join("\r\n");
  return tagged(Buffer.from(`${head}${lines}\r\n--b1--\r\n`));
}

interface Sender {
  name: string;
  open(): Promise<void>;
  send(message: Buffer): Promise<void>;
  close(): Promise<void>;
}

const ca = () => fs.readFileSync(mailstack.certFile);
const envelope = { from: alice.login, to: [dave.login] };

/** Ours as Postfix is met: BDAT (CHUNKING) and PIPELINING; `data` forces DATA instead. */
function ours(data = false): Sender {
  let client: SmtpClient | undefined;
  return {
    name: data ? "letterbox/DATA" : "letterbox",
    async open() {
      client = await SmtpClient.connect({
        host: mailstack.host,
        port: mailstack.ports.submission,
        security: "starttls",
        tlsPolicy: { ca: ca() },
        auth: { user: alice.login, password: alice.password },
        ignoreExtensions: data ? ["CHUNKING"] : [],
      });
    },
    async send(message) {
      await client!.send(envelope, message);
    },
    async close() {
      await client!.quit();
    },
  };
}

function theirs(): Sender {
  let transport: Transporter | undefined;
  return {
    name: "nodemailer",
    async open() {
      transport = nodemailer.createTransport({
        host: mailstack.host,
        port: mailstack.ports.submission,
        secure: false,
        requireTLS: true,
        tls: { ca: ca() },
        auth: { user: alice.login, pass: alice.password },
        // One reused connection, as ours: without a pool nodemailer connects per message.
        pool: true,
        maxConnections: 1,
        maxMessages: Number.POSITIVE_INFINITY,
      });
    },
    async send(message) {
      await transport!.sendMail({ envelope, raw: message });
    },
    async close() {
      transport!.close();
    },
  };
}

async function daveCount(): Promise<number> {
  const pop3 = await Pop3Client.connect({
    host: mailstack.host,
    port: mailstack.ports.pop3s,
    security: "tls",
    tlsPolicy: { ca: ca() },
    auth: { user: dave.login, password: dave.password },
  });
  const { count } = await pop3.stat();
  await pop3.quit();
  return count;
}

/** Wait until Postfix has handed everything to Dovecot, so runs start from a quiet stack. */
async function settle(expected: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  while ((await daveCount()) < expected) {
    if (Date.now() > deadline) throw new Error("delivery did not finish within 2 minutes");
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Messages sent untimed first: 10 of the 200, 1 of the 5 large ones. */
const warmUp = (messages: Buffer[]) => Math.max(1, Math.floor(messages.length / 20));

interface Timing {
  /** Wall-clock time of the run. */
  ms: number;
  /** CPU time of this process (user + system) during the run: the client's own cost, which
   * the other programs on a shared machine disturb far less than the wall clock. */
  cpuMs: number;
}

async function timeRun(sender: Sender, messages: Buffer[]): Promise<Timing> {
  await sender.open();
  // Warm-up: the connection, TLS, AUTH and the JIT are done before the clock starts.
  for (const message of messages.slice(0, warmUp(messages))) await sender.send(message);
  const cpu = process.cpuUsage();
  const began = performance.now();
  for (const message of messages) await sender.send(message);
  const ms = performance.now() - began;
  const used = process.cpuUsage(cpu);
  await sender.close();
  return { ms, cpuMs: (used.user + used.system) / 1000 };
}

async function cleanUp(): Promise<number> {
  const pop3 = await Pop3Client.connect({
    host: mailstack.host,
    port: mailstack.ports.pop3s,
    security: "tls",
    tlsPolicy: { ca: ca() },
    auth: { user: dave.login, password: dave.password },
  });
  let removed = 0;
  for (const { id } of await pop3.list()) {
    const head = (await pop3.top(id, 0)).toString("latin1");
    if (head.startsWith(`${TAG}\r\n`) || head.includes(`\r\n${TAG}\r\n`)) {
      await pop3.delete(id);
      removed++;
    }
  }
  await pop3.quit();
  return removed;
}

async function main(): Promise<void> {
  await start();
  const sets = [
    { name: "200 x ~40 KB", messages: corpusB() },
    {
      name: "5 x 10 MB attachment",
      messages: Array.from({ length: 5 }, (_, i) => withAttachment(i)),
    },
  ];
  console.log(
    `Postfix submission ${mailstack.host}:${mailstack.ports.submission}, STARTTLS + AUTH PLAIN, Node ${process.version}`,
  );
  const senders: Record<string, () => Sender> = {
    letterbox: () => ours(),
    nodemailer: theirs,
    "letterbox/DATA": () => ours(true),
  };
  const names = Object.keys(senders);
  try {
    for (const set of sets) {
      const bytes = set.messages.reduce((n, m) => n + m.length, 0);
      const results = new Map<string, Timing[]>(names.map((name) => [name, []]));
      let expected = await daveCount();
      // One untimed run of each first: the JIT warms both libraries' code before any clock.
      for (const name of names) {
        await timeRun(senders[name]!(), set.messages.slice(0, 20));
        expected += Math.min(20, set.messages.length) + 1;
      }
      await settle(expected);
      // Three rounds, the order rotated each time, so neither warm caches nor the delivery
      // of the previous run's mail favour one client.
      for (let round = 0; round < ROUNDS; round++) {
        for (let i = 0; i < names.length; i++) {
          const name = names[(i + round) % names.length]!;
          const timing = await timeRun(senders[name]!(), set.messages);
          expected += set.messages.length + warmUp(set.messages);
          await settle(expected);
          results.get(name)!.push(timing);
        }
      }
      console.log(`\n${set.name} (${(bytes / 1e6).toFixed(1)} MB), median of ${ROUNDS} runs each:`);
      console.log(
        "  client           messages/s      MB/s      ms  client CPU ms   (all runs, ms)",
      );
      for (const [name, timings] of results) {
        const ms = median(timings.map((t) => t.ms));
        const cpuMs = median(timings.map((t) => t.cpuMs));
        const perSecond = set.messages.length / (ms / 1000);
        const mbps = bytes / 1e6 / (ms / 1000);
        console.log(
          `  ${name.padEnd(16)} ${perSecond.toFixed(1).padStart(10)} ${mbps.toFixed(1).padStart(9)} ${ms.toFixed(0).padStart(7)} ${cpuMs.toFixed(0).padStart(14)}   (${timings.map((t) => t.ms.toFixed(0)).join(", ")})`,
        );
      }
      console.log(`  (removed ${await cleanUp()} benchmark messages from ${dave.login})`);
    }
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
