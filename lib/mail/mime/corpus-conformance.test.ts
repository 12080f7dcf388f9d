/**
 * Every corpus message against the oracle (Python's email package), field by field. The test
 * fails on a difference that corpus-exceptions.json does not list, and on a listed exception
 * that no longer differs, so the list stays exactly true. See oracle-compare.ts for the
 * normalisations and scripts/mime-corpus-exceptions.ts for how each reason was established.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS_DIR } from "../../dev/shared-data.ts";
import { agreementTable, type Exception, runCorpus } from "./corpus-report.ts";

const corpus = CORPUS_DIR;
const { exceptions } = JSON.parse(
  readFileSync(path.join(import.meta.dirname, "corpus-exceptions.json"), "utf8"),
) as {
  exceptions: Exception[];
};

describe("corpus conformance against the oracle", () => {
  const results = runCorpus(corpus);

  it("covers every message of the corpus", () => {
    expect(results.length).toBe(883);
  });

  it("lists each exception once, with a reason", () => {
    const keys = exceptions.map((e) => `${e.file} ${e.field}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const e of exceptions) expect(e.reason.length, `${e.file} ${e.field}`).toBeGreaterThan(20);
  });

  it("differs from the oracle only where an exception says why, and every exception still differs", () => {
    const listed = new Map(exceptions.map((e) => [`${e.file} ${e.field}`, e]));
    const seen = new Set<string>();
    const unlisted: string[] = [];
    for (const r of results) {
      for (const m of r.mismatches) {
        const key = `${r.file} ${m.field}`;
        if (listed.has(key)) seen.add(key);
        else
          unlisted.push(
            `${key}: expected ${JSON.stringify(m.expected)?.slice(0, 200)}, got ${JSON.stringify(m.actual)?.slice(0, 200)}`,
          );
      }
    }
    const stale = [...listed.keys()].filter((key) => !seen.has(key));
    console.log(agreementTable(results, exceptions));
    expect(unlisted, "differences not in corpus-exceptions.json").toEqual([]);
    expect(stale, "exceptions that no longer differ (remove them)").toEqual([]);
  });
});
