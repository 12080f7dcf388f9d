/**
 * MIME parse benchmark: Letterbox's parser side by side with postal-mime and mailparser on the
 * shared benchmark mailboxes (../shared/bench/gen-corpus.mjs, sets a-d), plus peak memory on
 * the largest message and the stream parser's memory as the attachment grows.
 *
 *   npx tsx bench/mime-parse.ts [--runs 5] [--sets a,b,c,d] [--skip-memory]
 *
 * Every library does the same work per message: parse, decode every text part to a string and
 * every other leaf to bytes, read subject/from/to/date. MB/s is the set's size over the median
 * of the timed runs (after one warm-up run); runs interleave the libraries so machine noise hits
 * them alike. Not a test: it prints figures next to the anchors from ../shared/bench/README.md.
 */
import { spawnSync } from "node:child_process";
import {
  createReadStream,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { simpleParser } from "mailparser";
import PostalMime from "postal-mime";
import { envelopeOf } from "../lib/mail/mime/envelope.ts";
import type { ParsedMessage } from "../lib/mail/mime/message.ts";
import { parseMessage } from "../lib/mail/mime/parser.ts";
import { MimeStreamParser } from "../lib/mail/mime/stream-parser.ts";

const repoRoot = path.resolve(import.meta.dirname, "..");
const genCorpus = path.resolve(repoRoot, "../shared/bench/gen-corpus.mjs");
/** Reference figures (MB/s) from ../shared/bench/README.md, measured on this machine kind. */
const ANCHORS: Record<string, { postal: number; mailparser: number }> = {
  "a-small": { postal: 7.7, mailparser: 7.4 },
  "b-alt": { postal: 42.6, mailparser: 10.9 },
  "c-attach": { postal: 48.9, mailparser: 78.7 },
  "d-nested": { postal: 4.9, mailparser: 23.8 },
};

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}

/** Full use of a parsed message: what postal-mime and mailparser hand back unasked. */
function materialize(msg: ParsedMessage): number {
  const env = envelopeOf(msg.headers);
  let n = (env.subject?.length ?? 0) + env.from.length + env.to.length + (env.date ? 1 : 0);
  for (const part of msg.parts()) {
    if (part.kind !== "leaf") continue;
    if (part.contentType.startsWith("text/")) n += msg.text(part)?.length ?? 0;
    else n += msg.content(part)?.length ?? 0;
  }
  return n;
}

type Parser = (bytes: Uint8Array) => Promise<unknown> | unknown;

const LIBRARIES: Record<string, Parser> = {
  letterbox: (bytes) => materialize(parseMessage(bytes)),
  "postal-mime": (bytes) => PostalMime.parse(bytes),
  mailparser: (bytes) =>
    simpleParser(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)),
};

async function timeSet(parse: Parser, files: Uint8Array[]): Promise<number> {
  const t0 = performance.now();
  for (const bytes of files) await parse(bytes);
  return performance.now() - t0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (bytes: number) => bytes / 1e6;

// ---------- child mode: one parse in a fresh process, peak memory reported as JSON ----------

/**
 * Peak RSS of this process: VmHWM on Linux (getrusage's maxRSS can carry the parent's peak over
 * fork+exec, which here holds the 200 MB c-attach set), else maxRSS.
 */
function peakRss(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    if (m) return Number(m[1]) * 1024;
  } catch {
    // Not Linux: fall back below.
  }
  return process.resourceUsage().maxRSS * 1024;
}

/** Live memory: V8 heap in use plus ArrayBuffer bytes (where message bytes live), after GC. */
function live(): number {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

async function child(mode: string, file: string): Promise<void> {
  const baseline = live();
  let maxLive = baseline;
  const t0 = performance.now();
  let kept: unknown = null;
  if (mode === "idle") {
    // Loads the same modules and does nothing: its peak is the floor every other child shares.
  } else if (mode === "letterbox-stream") {
    const parser = new MimeStreamParser();
    let chunks = 0;
    for await (const chunk of createReadStream(file, { highWaterMark: 64 * 1024 })) {
      parser.write(chunk as Uint8Array);
      // Sampled every 4 MB: what the parser holds while the attachment streams through.
      if (++chunks % 64 === 0) maxLive = Math.max(maxLive, live());
    }
    const { message } = parser.end();
    materialize(message);
    kept = message;
  } else {
    const bytes = new Uint8Array(readFileSync(file));
    kept = await LIBRARIES[mode]!(bytes);
    kept = [kept, bytes];
  }
  const ms = performance.now() - t0;
  maxLive = Math.max(maxLive, live());
  const peak = peakRss();
  process.stdout.write(
    JSON.stringify({ baseline, peak, ms, live: maxLive - baseline, kept: kept !== null }),
  );
}

function measureInChild(
  mode: string,
  file: string,
): { baseline: number; peak: number; ms: number; live: number } {
  const script = path.resolve(import.meta.dirname, "mime-parse.ts");
  const result = spawnSync(
    process.execPath,
    [...process.execArgv, "--expose-gc", script, "--child", mode, file],
    {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    },
  );
  if (result.status !== 0) throw new Error(`child ${mode} failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

/** A message with one base64 attachment of `size` random bytes (incompressible, like c-attach). */
function attachmentMessage(file: string, size: number): void {
  const random = new Uint8Array(size);
  let x = 2463534242;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    random[i] = x & 0xff;
  }
  const b64 = Buffer.from(random).toString("base64").replace(/.{76}/g, "$&\r\n");
  const head = [
    "From: a@example.test",
    "To: b@example.test",
    "Subject: big attachment",
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="b"',
    "",
    "--b",
    "Content-Type: text/plain; charset=utf-8",
    "",
    "See attached.",
    "--b",
    'Content-Type: application/octet-stream; name="big.bin"',
    "Content-Disposition: attachment; filename=big.bin",
    "Content-Transfer-Encoding: base64",
    "",
    "",
  ].join("\r\n");
  writeFileSync(file, `${head}${b64}\r\n--b--\r\n`);
}

async function main(): Promise<void> {
  const runs = Number(arg("runs") ?? 5);
  const sets = (arg("sets") ?? "a,b,c,d").split(",");
  const tmp = mkdtempSync(path.join(os.tmpdir(), "mime-bench-"));
  try {
    console.log(`generating benchmark mailboxes in ${tmp} ...`);
    const gen = spawnSync(process.execPath, [genCorpus, tmp, "--sets", sets.join(",")], {
      encoding: "utf8",
    });
    if (gen.status !== 0) throw new Error(gen.stderr);
    const setDirs = readdirSync(tmp)
      .filter((d) => sets.includes(d[0]!) && statSync(path.join(tmp, d)).isDirectory())
      .sort();

    console.log(
      `\nparse throughput, MB/s (median of ${runs} runs after a warm-up; higher is better)`,
    );
    console.log(
      "set        size MB   letterbox  postal-mime  mailparser   | anchors: postal-mime  mailparser",
    );
    let largest = { file: "", size: 0 };
    for (const set of setDirs) {
      const dir = path.join(tmp, set);
      const names = readdirSync(dir).sort();
      const files = names.map((f) => new Uint8Array(readFileSync(path.join(dir, f))));
      names.forEach((f, i) => {
        if (files[i]!.length > largest.size)
          largest = { file: path.join(dir, f), size: files[i]!.length };
      });
      const bytes = files.reduce((n, b) => n + b.length, 0);
      const times: Record<string, number[]> = {};
      const setRuns = set.startsWith("c") ? Math.max(3, Math.ceil(runs / 2)) : runs;
      for (let r = 0; r <= setRuns; r++) {
        const order = Object.keys(LIBRARIES);
        if (r % 2 === 1) order.reverse();
        for (const lib of order) {
          const ms = await timeSet(LIBRARIES[lib]!, files);
          if (r > 0) times[lib] = [...(times[lib] ?? []), ms];
        }
      }
      const rate = (lib: string) => mb(bytes) / (median(times[lib]!) / 1000);
      const a = ANCHORS[set];
      console.log(
        `${set.padEnd(10)} ${mb(bytes).toFixed(1).padStart(7)}  ${rate("letterbox").toFixed(1).padStart(10)}  ${rate("postal-mime").toFixed(1).padStart(11)}  ${rate("mailparser").toFixed(1).padStart(10)}   |          ${String(a?.postal ?? "-").padStart(6)}  ${String(a?.mailparser ?? "-").padStart(10)}`,
      );
    }

    if (process.argv.includes("--skip-memory")) return;
    // Peak RSS of a fresh process, less that of an idle process that loaded the same code: what
    // the parse itself added at its worst (module loading has its own peak, shared by all).
    const idle = median([0, 1, 2].map(() => measureInChild("idle", largest.file).peak));
    const above = (peak: number) => Math.max(0, mb(peak - idle));
    console.log(
      `\npeak memory parsing the largest message (${mb(largest.size).toFixed(1)} MB), each in a fresh process`,
    );
    console.log(
      `library              peak RSS MB   above idle (${mb(idle).toFixed(0)} MB)   live after parse MB   time ms`,
    );
    for (const mode of ["letterbox", "letterbox-stream", "postal-mime", "mailparser"]) {
      const m = measureInChild(mode, largest.file);
      console.log(
        `${mode.padEnd(20)} ${mb(m.peak).toFixed(0).padStart(11)}   ${above(m.peak).toFixed(0).padStart(17)}   ${mb(m.live).toFixed(1).padStart(19)}   ${m.ms.toFixed(0).padStart(7)}`,
      );
    }

    console.log(
      "\nstream parser memory as the attachment grows (64 KB chunks from disk; default keep: text only)",
    );
    console.log(
      "live = V8 heap + ArrayBuffers after GC (max of samples every 4 MB); RSS = peak above an idle process",
    );
    console.log(
      "attachment MB   message MB   stream: live MB   RSS MB   whole-message parse: live MB   RSS MB",
    );
    for (const size of [5, 25, 45]) {
      const file = path.join(tmp, `attach-${size}.eml`);
      attachmentMessage(file, size * 1024 * 1024);
      const stream = measureInChild("letterbox-stream", file);
      const whole = measureInChild("letterbox", file);
      console.log(
        `${String(size).padStart(13)}   ${mb(statSync(file).size).toFixed(1).padStart(10)}   ${mb(stream.live).toFixed(1).padStart(15)}   ${above(stream.peak).toFixed(0).padStart(6)}   ${mb(whole.live).toFixed(1).padStart(28)}   ${above(whole.peak).toFixed(0).padStart(6)}`,
      );
      rmSync(file);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv.includes("--child")) {
  const i = process.argv.indexOf("--child");
  await child(process.argv[i + 1]!, process.argv[i + 2]!);
} else {
  await main();
}
