/**
 * MIME builder benchmark: Letterbox's builder (lib/mail/mime/build) side by side with
 * nodemailer's MailComposer (devDependency, for comparison only), and an anchor: Node's own
 * Buffer base64 of the same attachment bytes, the floor no MIME builder can beat.
 *
 *   node --expose-gc --import tsx bench/mime-build.ts
 *
 * Prints medians of 5 runs: messages/s for small messages, MB/s of output for the larger
 * ones, and the heap growth while streaming a 25 MB attachment (the builder must not hold it
 * twice).
 */
import { randomBytes } from "node:crypto";
import MailComposer from "nodemailer/lib/mail-composer";
import { buildMessage, collectMessage, type MessageSpec } from "../lib/mail/mime/build";

const RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function time(fn: () => Promise<number>): Promise<{ ms: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    bytes = await fn();
    times.push(performance.now() - start);
  }
  return { ms: median(times), bytes };
}

function nodemailerBuild(mail: object): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    new MailComposer(mail)
      .compile()
      .build((error, message) => (error ? reject(error) : resolve(message)));
  });
}

async function nodemailerStream(mail: object): Promise<number> {
  let size = 0;
  for await (const chunk of new MailComposer(mail).compile().createReadStream())
    size += chunk.length;
  return size;
}

const paragraph =
  "Grüße aus Köln — the quarterly numbers are attached; see the summary below. 会议纪要在附件中。\n";
const small = {
  from: { name: "Zoë Example", address: "zoe@letterbox.test" },
  to: [{ name: "Doe, John", address: "john@example.com" }, { address: "team@example.com" }],
  subject: "Quarterly numbers — Q3 résumé",
  text: paragraph.repeat(30),
};
const alt = { ...small, text: paragraph.repeat(400), html: `<p>${paragraph.repeat(400)}</p>` };
const attachment = randomBytes(25 * 1024 * 1024);

function ours(spec: typeof small & { html?: string }, attach?: Uint8Array): MessageSpec {
  return {
    ...spec,
    attachments: attach ? [{ filename: "numbers.bin", content: attach }] : [],
  };
}

function theirs(spec: typeof small & { html?: string }, attach?: Uint8Array): object {
  return {
    from: spec.from,
    to: spec.to,
    subject: spec.subject,
    text: spec.text,
    html: spec.html,
    attachments: attach ? [{ filename: "numbers.bin", content: Buffer.from(attach) }] : [],
  };
}

function row(label: string, letterbox: string, nodemailer: string, anchor = ""): void {
  console.log(
    `${label.padEnd(34)}${letterbox.padStart(16)}${nodemailer.padStart(16)}${anchor.padStart(22)}`,
  );
}

async function main(): Promise<void> {
  row("", "letterbox", "nodemailer", "anchor");

  const count = 500;
  const a = await time(async () => {
    for (let i = 0; i < count; i++) await collectMessage(buildMessage(ours(small)));
    return 0;
  });
  const b = await time(async () => {
    for (let i = 0; i < count; i++) await nodemailerBuild(theirs(small));
    return 0;
  });
  row(
    "small text, messages/s",
    (count / (a.ms / 1000)).toFixed(0),
    (count / (b.ms / 1000)).toFixed(0),
  );

  const c = await time(async () => (await collectMessage(buildMessage(ours(alt)))).length);
  const d = await time(async () => (await nodemailerBuild(theirs(alt))).length);
  const mbs = (r: { ms: number; bytes: number }) => (r.bytes / 1e6 / (r.ms / 1000)).toFixed(1);
  row("text+html 70 KB, MB/s out", mbs(c), mbs(d));

  const anchor = await time(async () => Buffer.from(attachment).toString("base64").length);
  const e = await time(async () => {
    let size = 0;
    for await (const chunk of buildMessage(ours(small, attachment)).stream) size += chunk.length;
    return size;
  });
  const f = await time(async () => nodemailerStream(theirs(small, attachment)));
  row("25 MB attachment streamed, MB/s", mbs(e), mbs(f), `${mbs(anchor)} (Buffer b64)`);

  // Sampled on every chunk: the consuming loops run on microtasks, so a timer would never fire.
  const usage = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const peakExtra = async (chunks: AsyncIterable<Uint8Array>) => {
    globalThis.gc?.();
    const before = usage();
    let peak = before;
    for await (const _ of chunks) peak = Math.max(peak, usage());
    return ((peak - before) / 1e6).toFixed(1);
  };
  const g = await peakExtra(buildMessage(ours(small, attachment)).stream);
  const h = await peakExtra(
    new MailComposer(theirs(small, attachment)).compile().createReadStream(),
  );
  row("25 MB streamed, peak extra MB", g, h);
  console.log(`\n(${RUNS} runs, medians; Node ${process.version})`);
}

await main();
