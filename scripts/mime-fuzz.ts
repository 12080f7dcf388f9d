/**
 * Long-running fuzzer for the MIME parser (the unit suite runs a bounded version):
 *   npx tsx scripts/mime-fuzz.ts [--minutes 10] [--seed N] [--out DIR]
 * Mutates corpus and hostile messages (lib/mail/mime/fuzz-mutator.ts) and checks every
 * property of lib/mail/mime/fuzz-check.ts on each: no throw, limits held, stream parse equal to
 * whole parse, time linear in size. A failing input is written to DIR with its seed and run
 * number so it can be replayed.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { checkInput } from "../lib/mail/mime/fuzz-check.ts";
import { mutate, rng } from "../lib/mail/mime/fuzz-mutator.ts";
import { DEFAULT_MIME_LIMITS, resolveLimits } from "../lib/mail/mime/limits.ts";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : (process.argv[i + 1] ?? fallback);
}

const repoRoot = path.resolve(import.meta.dirname, "..");
const minutes = Number(arg("minutes", "10"));
const seed = Number(arg("seed", String(Date.now() % 1_000_000)));
const outDir = arg("out", path.join(os.tmpdir(), "mime-fuzz"));
const corpus = path.resolve(repoRoot, "../shared/corpus/public");
const hostile = path.resolve(repoRoot, "../shared/hostile-public");

const seeds = [
  ...readdirSync(corpus)
    .filter((f) => f.endsWith(".eml"))
    .map((f) => path.join(corpus, f)),
  ...readdirSync(hostile)
    .filter((f) => f.endsWith(".eml"))
    .map((f) => path.join(hostile, f)),
].map((f) => new Uint8Array(readFileSync(f)));

const r = rng(seed);
const limitSets = [
  { ...DEFAULT_MIME_LIMITS },
  resolveLimits({
    maxDepth: 4,
    maxParts: 50,
    maxHeaderLineBytes: 300,
    maxHeaderBlockBytes: 3000,
    maxHeaders: 20,
    maxEncodedWords: 5,
  }),
  resolveLimits({
    maxDepth: 1,
    maxParts: 2,
    maxHeaderLineBytes: 1,
    maxHeaderBlockBytes: 1,
    maxHeaders: 1,
    maxEncodedWords: 1,
  }),
];
const deadline = Date.now() + minutes * 60_000;
let runs = 0;
let failures = 0;
let bytesTotal = 0;
let worstMsPerMb = 0;
console.log(
  `mime fuzz: seed ${seed}, ${seeds.length} seed messages, ${minutes} min, failures -> ${outDir}`,
);
while (Date.now() < deadline) {
  const base = seeds[Math.floor(r() * seeds.length)]!;
  const other = seeds[Math.floor(r() * seeds.length)]!;
  const { bytes, applied } = mutate(r, base, other);
  const limits = limitSets[runs % limitSets.length]!;
  const chunk = 1 + Math.floor(r() * 65536);
  const { problems, ms: first } = checkInput(bytes, limits, chunk);
  const perMb = (ms: number) => ms / Math.max(0.05, bytes.length / 1_000_000);
  let ms = first;
  // Linear time: even the worst input is checked (two parses, every view) at over 0.5 MB/s.
  // The machine is shared, so a slow-looking input is timed twice more and the best counts.
  if (bytes.length > 200_000 && perMb(ms) > 2000) {
    ms = Math.min(ms, checkInput(bytes, limits, chunk).ms, checkInput(bytes, limits, chunk).ms);
    if (perMb(ms) > 2000) problems.push(`slow: ${ms.toFixed(0)} ms for ${bytes.length} bytes`);
  }
  worstMsPerMb = Math.max(worstMsPerMb, perMb(ms));
  if (problems.length > 0) {
    failures++;
    mkdirSync(outDir, { recursive: true });
    const name = path.join(outDir, `seed${seed}-run${runs}.eml`);
    writeFileSync(name, bytes);
    writeFileSync(
      `${name}.txt`,
      `${applied.join("+")}\nlimits ${JSON.stringify(limits)}\n${problems.join("\n")}\n`,
    );
    console.log(`run ${runs} (${applied.join("+")}): ${problems[0]} -> ${name}`);
  }
  runs++;
  bytesTotal += bytes.length;
  if (runs % 5000 === 0)
    console.log(
      `${runs} inputs, ${(bytesTotal / 1e6).toFixed(0)} MB, ${failures} failures, worst ${worstMsPerMb.toFixed(0)} ms/MB`,
    );
}
console.log(
  `done: ${runs} inputs, ${(bytesTotal / 1e6).toFixed(0)} MB, ${failures} failures, worst ${worstMsPerMb.toFixed(0)} ms/MB`,
);
process.exitCode = failures > 0 ? 1 : 0;
