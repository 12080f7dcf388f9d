/**
 * Runs the parser over the shared corpus and compares every message with the oracle's JSON
 * (oracle-compare.ts), keeping per-field and per-category counts. Used by the conformance test
 * and by `npx tsx scripts/mime-conformance.ts`, which print the same table.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import {
  compareWithOracle,
  type Expected,
  FIELD_KINDS,
  type FieldKind,
  type Mismatch,
} from "./oracle-compare.ts";
import { toOracleJson } from "./oracle-json.ts";
import { parseMessage } from "./parser.ts";

export interface MessageResult {
  file: string;
  category: string;
  mismatches: Mismatch[];
  compared: Record<FieldKind, number>;
}

export interface Exception {
  file: string;
  field: string;
  reason: string;
}

export function readManifest(corpusDir: string): Map<string, string> {
  const lines = readFileSync(path.join(corpusDir, "manifest.tsv"), "utf8").trim().split("\n");
  const header = lines[0]!.split("\t");
  const fileCol = header.indexOf("file");
  const categoryCol = header.indexOf("category");
  return new Map(
    lines.slice(1).map((line) => {
      const cols = line.split("\t");
      return [cols[fileCol]!, cols[categoryCol]!];
    }),
  );
}

export function runCorpus(corpusDir: string): MessageResult[] {
  const categories = readManifest(corpusDir);
  const results: MessageResult[] = [];
  for (const file of readdirSync(corpusDir)
    .filter((f) => f.endsWith(".eml"))
    .sort()) {
    const expected = JSON.parse(
      readFileSync(path.join(corpusDir, "expected", file.replace(/\.eml$/, ".json")), "utf8"),
    ) as Expected;
    const bytes = new Uint8Array(readFileSync(path.join(corpusDir, file)));
    const ours = toOracleJson(parseMessage(bytes), bytes, file);
    if (expected.error) {
      results.push({
        file,
        category: categories.get(file) ?? "?",
        mismatches: [],
        compared: Object.fromEntries(FIELD_KINDS.map((k) => [k, 0])) as Record<FieldKind, number>,
      });
      continue;
    }
    const { mismatches, compared } = compareWithOracle(expected, ours);
    results.push({ file, category: categories.get(file) ?? "?", mismatches, compared });
  }
  return results;
}

const pct = (agree: number, total: number) =>
  total === 0 ? "   -  " : `${((100 * agree) / total).toFixed(2).padStart(6)}%`;

/**
 * The agreement table: per field, raw agreement (compared fields equal to the oracle) and
 * agreement once the listed exceptions are accounted for; per category, messages with no
 * difference at all and messages whose every difference is a listed exception.
 */
export function agreementTable(results: MessageResult[], exceptions: Exception[]): string {
  const listed = new Set(exceptions.map((e) => `${e.file} ${e.field}`));
  const lines: string[] = [];
  lines.push(`${results.length} messages compared with the oracle`);
  lines.push("");
  lines.push("field          compared   agree    raw-rate  exceptions  explained-rate");
  const fields = new Map<string, { compared: number; diff: number; listed: number }>();
  for (const kind of FIELD_KINDS) fields.set(kind, { compared: 0, diff: 0, listed: 0 });
  for (const r of results) {
    for (const kind of FIELD_KINDS) fields.get(kind)!.compared += r.compared[kind];
    for (const m of r.mismatches) {
      const f = fields.get(m.kind)!;
      f.diff++;
      if (listed.has(`${r.file} ${m.field}`)) f.listed++;
    }
  }
  let totalCompared = 0;
  let totalDiff = 0;
  let totalListed = 0;
  for (const [kind, f] of fields) {
    totalCompared += f.compared;
    totalDiff += f.diff;
    totalListed += f.listed;
    lines.push(
      `${kind.padEnd(14)} ${String(f.compared).padStart(8)} ${String(f.compared - f.diff).padStart(7)}  ${pct(f.compared - f.diff, f.compared)}  ${String(f.listed).padStart(10)}  ${pct(f.compared - f.diff + f.listed, f.compared)}`,
    );
  }
  lines.push(
    `${"all".padEnd(14)} ${String(totalCompared).padStart(8)} ${String(totalCompared - totalDiff).padStart(7)}  ${pct(totalCompared - totalDiff, totalCompared)}  ${String(totalListed).padStart(10)}  ${pct(totalCompared - totalDiff + totalListed, totalCompared)}`,
  );
  lines.push("");
  lines.push(
    "category               messages  identical  rate     fields-agree-rate  all-diffs-listed",
  );
  const cats = new Map<string, MessageResult[]>();
  for (const r of results) cats.set(r.category, [...(cats.get(r.category) ?? []), r]);
  for (const [cat, rs] of [...cats].sort((a, b) => b[1].length - a[1].length)) {
    const identical = rs.filter((r) => r.mismatches.length === 0).length;
    const explained = rs.filter((r) =>
      r.mismatches.every((m) => listed.has(`${r.file} ${m.field}`)),
    ).length;
    let compared = 0;
    let diff = 0;
    for (const r of rs) {
      for (const kind of FIELD_KINDS) compared += r.compared[kind];
      diff += r.mismatches.length;
    }
    lines.push(
      `${cat.padEnd(22)} ${String(rs.length).padStart(8)} ${String(identical).padStart(10)}  ${pct(identical, rs.length)}  ${pct(compared - diff, compared).padStart(17)}  ${String(explained).padStart(16)}`,
    );
  }
  return lines.join("\n");
}
