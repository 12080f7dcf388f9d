/**
 * Bounded fuzzing inside the unit suite: mutated corpus and hostile messages never make the
 * parser or a view throw, hang or exceed a limit, and the stream parser still agrees with the
 * whole-message parser. The long-running version is scripts/mime-fuzz.ts.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS_DIR, HOSTILE_DIR } from "../../dev/shared-data.ts";
import { checkInput } from "./fuzz-check.ts";
import { mutate, rng } from "./fuzz-mutator.ts";
import { DEFAULT_MIME_LIMITS, resolveLimits } from "./limits.ts";

const corpus = CORPUS_DIR;
const hostileDir = HOSTILE_DIR;

const seeds = [
  ...readdirSync(corpus)
    .filter((f) => f.endsWith(".eml"))
    .sort()
    .map((f) => new Uint8Array(readFileSync(path.join(corpus, f))))
    .filter((b) => b.length < 60_000),
  ...["p10-filenames.eml", "p11-nesting-1000.eml", "p14-reply-injection-header-xss.eml"].map(
    (f) => new Uint8Array(readFileSync(path.join(hostileDir, f))),
  ),
];

describe("fuzzing", () => {
  it("survives thousands of mutated messages within limits and time", () => {
    const r = rng(20261123);
    const tight = resolveLimits({
      maxDepth: 8,
      maxParts: 200,
      maxHeaderLineBytes: 2000,
      maxHeaderBlockBytes: 20_000,
      maxHeaders: 100,
      maxEncodedWords: 50,
    });
    const deadline = performance.now() + 17_000;
    let runs = 0;
    let slowest = 0;
    const failures: string[] = [];
    while (runs < 3000 && performance.now() < deadline) {
      const base = seeds[Math.floor(r() * seeds.length)]!;
      const other = seeds[Math.floor(r() * seeds.length)]!;
      const { bytes, applied } = mutate(r, base, other);
      const limits = runs % 3 === 0 ? tight : { ...DEFAULT_MIME_LIMITS };
      const { problems, ms } = checkInput(bytes, limits, 1 + Math.floor(r() * 4096));
      slowest = Math.max(slowest, ms / Math.max(1, bytes.length / 1_000_000));
      if (ms > 2000) problems.push(`took ${ms.toFixed(0)} ms for ${bytes.length} bytes`);
      if (problems.length > 0)
        failures.push(
          `run ${runs} (${applied.join("+")}, ${bytes.length} bytes): ${problems.join("; ")}`,
        );
      runs++;
    }
    console.log(`fuzz: ${runs} inputs, slowest ${slowest.toFixed(0)} ms per MB`);
    expect(failures.slice(0, 5)).toEqual([]);
    // 3,000 inputs normally (about 10 s of CPU); the time budget may cut that short on a
    // loaded shared machine, but never below a thousand.
    expect(runs).toBeGreaterThanOrEqual(1000);
  }, 30_000);
});
