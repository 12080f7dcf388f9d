/**
 * Quoted-printable (RFC 2045 section 6.7) for text bodies. Input is text already in canonical
 * form (CRLF line ends); each CRLF is a hard line break, everything else that is not printable
 * ASCII is escaped, so a stray CR or LF can only leave as =0D / =0A (never bare on the wire, the
 * SMTP smuggling class of CVE-2023-51764). Encoded lines are at most 76 characters.
 */
import { MAX_ENCODED_LINE } from "./limits.ts";

const ESCAPED: string[] = Array.from(
  { length: 256 },
  (_, b) => `=${b.toString(16).toUpperCase().padStart(2, "0")}`,
);
/** Printable ASCII except "=" (rule 2); SP and TAB are handled apart (rule 3). */
const LITERAL: Array<string | null> = Array.from({ length: 256 }, (_, b) =>
  b >= 33 && b <= 126 && b !== 61 ? String.fromCharCode(b) : null,
);

export function encodeQuotedPrintable(bytes: Uint8Array): string {
  const out: string[] = [];
  let line = "";
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0x0d && bytes[i + 1] === 0x0a) {
      out.push(line, "\r\n");
      line = "";
      i++;
      continue;
    }
    let token = LITERAL[b] ?? ESCAPED[b]!;
    if (b === 0x20 || b === 0x09) {
      // Rule 3: whitespace at the end of a line is escaped, or a gateway may strip it.
      const endOfLine = i + 1 === n || (bytes[i + 1] === 0x0d && bytes[i + 2] === 0x0a);
      token = endOfLine ? ESCAPED[b]! : String.fromCharCode(b);
    }
    // Rule 5: a soft line break ("=" at the end) keeps each line within 76 characters.
    if (line.length + token.length > MAX_ENCODED_LINE - 1) {
      out.push(line, "=\r\n");
      line = "";
    }
    line += token;
  }
  out.push(line);
  return out.join("");
}
