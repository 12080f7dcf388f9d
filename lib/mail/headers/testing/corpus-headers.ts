/**
 * Test helper: the top-level header fields of a corpus message, read in place and split by the
 * MIME parser (lib/mail/mime), exactly as the app will feed the analysers.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { CORPUS_DIR } from "../../../dev/shared-data.ts";
import { parseMessage } from "../../mime/index.ts";
import type { HeaderFieldInput } from "../header-field.ts";

export { CORPUS_DIR };

export function corpusHeaders(file: string): HeaderFieldInput[] {
  const message = parseMessage(readFileSync(path.join(CORPUS_DIR, file)));
  return [...message.headers.fields];
}
