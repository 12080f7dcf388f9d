/**
 * Test helper: the header fields of a message file, split the simple way (RFC 5322 section 2.2:
 * a field runs until the next line that does not start with white space; the header ends at the
 * first empty line). It stands in for the MIME parser, which was being written at the same time,
 * so the header analysers are tested on real messages read in place from the shared corpus.
 * Bytes are read as latin1: trace and authentication fields are ASCII, and no value is decoded.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { type HeaderFieldInput, unfold } from "../header-field";

export const CORPUS_DIR = path.resolve(import.meta.dirname, "../../../../../shared/corpus/public");
export const HOSTILE_DIR = path.resolve(
  import.meta.dirname,
  "../../../../../shared/hostile-public",
);

export function splitHeaderFields(source: string): HeaderFieldInput[] {
  const end = source.search(/\r?\n\r?\n/);
  const block = end === -1 ? source : source.slice(0, end);
  const lines = block.split(/\r?\n/);
  // mbox envelope line ("From jm@example.org  Wed May 16 00:40:34 2001"), not a field.
  if (lines[0]?.startsWith("From ")) lines.shift();
  const fields: HeaderFieldInput[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length === 0) return;
    const raw = current.join("\r\n");
    const colon = raw.indexOf(":");
    if (colon > 0) {
      const name = raw.slice(0, colon).trim();
      fields.push({ name, raw, value: unfold(raw.slice(colon + 1)).trim() });
    }
    current = [];
  };
  for (const line of lines) {
    if (/^[ \t]/.test(line) && current.length > 0) current.push(line);
    else {
      flush();
      current = [line];
    }
  }
  flush();
  return fields;
}

export function corpusHeaders(file: string): HeaderFieldInput[] {
  return splitHeaderFields(readFileSync(path.join(CORPUS_DIR, file), "latin1"));
}
