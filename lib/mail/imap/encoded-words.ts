/**
 * A minimal RFC 2047 decoder for ENVELOPE fields and BODYSTRUCTURE parameters, written here
 * because lib/mail/mime had no decoder yet when the IMAP client was built. Swap it for the MIME
 * parser's decoder once that exists, so both views of a message decode headers the same way.
 *
 * It decodes the way mail clients do (RFC 2047 strictly forbids some of these): adjacent words
 * of one charset are joined before decoding (a UTF-8 character split across two words), white
 * space between encoded words is dropped (section 6.2), and an unknown charset leaves the word
 * as it was rather than guessing.
 */
import { isUtf8 } from "node:buffer";

// Node 20's TextDecoder maps 0x80–0x9F of windows-1252 (and the labels iso-8859-1, latin1,
// us-ascii) to C1 controls (nodejs/node#60888); mail in those charsets means windows-1252.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152,
  0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
  0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
const WINDOWS_1252_LABELS = new Set([
  "windows-1252",
  "cp1252",
  "iso-8859-1",
  "iso8859-1",
  "latin1",
  "l1",
  "us-ascii",
  "ascii",
  "x-cp1252",
]);

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) {
    out += String.fromCharCode(byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80]! : byte);
  }
  return out;
}

/** Bytes in a named charset; null when the charset is unknown. */
export function decodeCharset(bytes: Uint8Array, charset: string): string | null {
  const label = charset.trim().toLowerCase();
  if (WINDOWS_1252_LABELS.has(label)) return decodeWindows1252(bytes);
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return null;
  }
}

/** Raw header bytes: UTF-8 when valid (RFC 6532), else windows-1252 as clients guess. */
export function decodeRawHeader(bytes: Buffer): string {
  return isUtf8(bytes) ? bytes.toString("utf8") : decodeWindows1252(bytes);
}

const WORD = /=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g;

export function decodeEncodedWords(text: string): string {
  if (!text.includes("=?")) return text;
  let out = "";
  let last = 0;
  let pending: { charset: string; bytes: number[] } | null = null;
  const flush = () => {
    if (!pending) return;
    out +=
      decodeCharset(Uint8Array.from(pending.bytes), pending.charset) ??
      Buffer.from(pending.bytes).toString("latin1");
    pending = null;
  };
  for (const match of text.matchAll(WORD)) {
    const between = text.slice(last, match.index);
    // Section 6.2: white space between adjacent encoded words is not displayed.
    if (!(pending && /^[ \t\r\n]*$/.test(between))) {
      flush();
      out += between;
    }
    const charset = match[1]!.split("*")[0]!.toLowerCase();
    const bytes = decodeWord(match[2]!.toUpperCase(), match[3]!);
    if (decodeCharset(new Uint8Array(0), charset) === null) {
      flush();
      out += match[0];
    } else if (pending && pending.charset === charset) {
      pending.bytes.push(...bytes);
    } else {
      flush();
      pending = { charset, bytes: [...bytes] };
    }
    last = match.index + match[0].length;
  }
  flush();
  return out + text.slice(last);
}

function decodeWord(encoding: string, text: string): Uint8Array {
  if (encoding === "B") return Buffer.from(text, "base64");
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "_") bytes.push(0x20);
    else if (ch === "=" && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(text.charCodeAt(i) & 0xff);
  }
  return Uint8Array.from(bytes);
}
