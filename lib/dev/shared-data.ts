/**
 * Where the team's shared test data lives: the real-message corpus, the hostile messages and
 * the benchmark generator. It sits beside the repository (`../shared`) on a developer's
 * machine; a clone elsewhere (CI, /tmp) finds it through LETTERBOX_SHARED_DIR or the
 * workplace's fixed location. Tests that need it fail with this message rather than skip.
 */
import fs from "node:fs";
import path from "node:path";

const REPO_ROOT = path.resolve(import.meta.dirname, "../..");

function locate(): string {
  const candidates = [
    process.env.LETTERBOX_SHARED_DIR,
    path.resolve(REPO_ROOT, "../shared"),
    "/work/shared",
  ].filter((c): c is string => Boolean(c));
  for (const candidate of candidates) {
    if (fs.existsSync(path.join(candidate, "corpus", "public"))) return candidate;
  }
  throw new Error(
    `The shared test data (corpus/, hostile-public/, bench/) was not found in ${candidates.join(", ")}. Set LETTERBOX_SHARED_DIR to its folder.`,
  );
}

export const SHARED_DIR = locate();
export const CORPUS_DIR = path.join(SHARED_DIR, "corpus", "public");
export const HOSTILE_DIR = path.join(SHARED_DIR, "hostile-public");
export const BENCH_GENERATOR = path.join(SHARED_DIR, "bench", "gen-corpus.mjs");

export interface HostileInput {
  id: string;
  field: string;
  value: string;
  cls: string;
  must: string;
}

export type HostileInputs = Record<
  "imap_folder_names" | "imap_search_terms" | "compose_inputs" | "login_inputs",
  HostileInput[]
>;

/** hostile-public/inputs.json: strings for folder names, searches, compose fields, passwords. */
export function hostileInputs(): HostileInputs {
  return JSON.parse(
    fs.readFileSync(path.join(HOSTILE_DIR, "inputs.json"), "utf8"),
  ) as HostileInputs;
}

export function hostileInput(id: string): HostileInput {
  for (const list of Object.values(hostileInputs())) {
    const found = list.find((input) => input.id === id);
    if (found) return found;
  }
  throw new Error(`hostile-public/inputs.json has no ${id}`);
}
