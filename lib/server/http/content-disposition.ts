/**
 * The Content-Disposition header of a download (RFC 6266), written so every browser gets the
 * right name and nothing in it can break the header:
 *
 *   attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded UTF-8>
 *
 * RFC 6266 section 4.3: browsers that know RFC 8187 use `filename*`, older ones the quoted
 * `filename`, so the fallback is plain printable ASCII without `"`, `\` or `%` (which some
 * browsers would unescape). The name is first made safe by lib/mail/mime/safe-filename.ts,
 * the rules the reader shows names by, so the saved file is named as shown. The whole value
 * stays within `MAX_CONTENT_DISPOSITION_BYTES`: a long non-ASCII name percent-encodes to nine or
 * twelve bytes per character, and proxies refuse large headers.
 */
import { safeFilename, truncateKeepingExtension } from "../../mail/mime/safe-filename.ts";

/** Hostile corpus p10: "Content-Disposition <= 1 KB". */
export const MAX_CONTENT_DISPOSITION_BYTES = 1024;

export type DispositionType = "attachment" | "inline";

// RFC 8187 section 3.2.1 attr-char; everything else is percent-encoded.
const ATTR_CHAR = /[A-Za-z0-9!#$&+\-.^_`|~]/;

/** RFC 8187 value-chars for UTF-8. */
export function encodeRfc8187(text: string): string {
  let out = "";
  for (const byte of new TextEncoder().encode(text)) {
    const char = String.fromCharCode(byte);
    out +=
      byte < 0x80 && ATTR_CHAR.test(char)
        ? char
        : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/**
 * The name in printable ASCII for the quoted `filename`: accents dropped ("résumé" ->
 * "resume"), anything else "_". A name with no letter or digit left becomes "attachment" with
 * its extension, rather than "____.pdf".
 */
export function asciiFallback(name: string): string {
  const ascii = name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\x20-\x7E]|["\\%]/gu, "_");
  const extension = /\.[A-Za-z0-9]{1,16}$/.exec(ascii)?.[0] ?? "";
  const stem = ascii.slice(0, ascii.length - extension.length);
  return /[A-Za-z0-9]/.test(stem) ? ascii : `attachment${extension}`;
}

function build(type: DispositionType, name: string): string {
  return `${type}; filename="${asciiFallback(name)}"; filename*=UTF-8''${encodeRfc8187(name)}`;
}

/** The header value offering `filename` (hostile text) for download or inline display. */
export function contentDisposition(
  filename: string,
  options: { type?: DispositionType } = {},
): string {
  const type = options.type ?? "attachment";
  let name = safeFilename(filename);
  let value = build(type, name);
  // Shrink the name, keeping its extension, until the header fits (all of it is ASCII).
  for (let max = [...name].length - 1; value.length > MAX_CONTENT_DISPOSITION_BYTES; max--) {
    // One grapheme can be longer than the whole budget ("a" and 400 combining marks).
    name = truncateKeepingExtension(name, max) || "attachment";
    value = build(type, name);
  }
  return value;
}
