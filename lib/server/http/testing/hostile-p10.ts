/** Test helper: the attachment names of hostile message p10, decoded, read in place. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { HOSTILE_DIR } from "../../../dev/shared-data.ts";

export { HOSTILE_DIR };

/** Names in order: "../../../tmp/lbx-pub-1.txt", "invoice\u202Efdp.exe", 5,000 "L" + ".pdf". */
export function p10Names(): string[] {
  const source = readFileSync(path.join(HOSTILE_DIR, "p10-filenames.eml"), "utf8");
  const names: string[] = [];
  // filename*=UTF-8''... (RFC 2231, percent-encoded UTF-8) or filename="..."
  for (const match of source.matchAll(/filename\*=UTF-8''(\S+)|filename="([^"]*)"/g)) {
    names.push(match[1] ? decodeURIComponent(match[1]) : match[2]!);
  }
  return names;
}
