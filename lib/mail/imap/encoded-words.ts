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

/** One decoder per label (creating a TextDecoder costs more than most headers it decodes). */
const decoders = new Map<string, TextDecoder | null>();

function decoderFor(label: string): TextDecoder | null {
  let decoder = decoders.get(label);
  if (decoder === undefined) {
    try {
      decoder = new TextDecoder(label);
    } catch {
      // RangeError: a label the WHATWG Encoding Standard does not know.
      decoder = null;
    }
    if (decoders.size < 256) decoders.set(label, decoder);
  }
  return decoder;
}

/** Whether decodeCharset can decode this charset. */
export function knownCharset(charset: string): boolean {
  const label = charset.trim().toLowerCase();
  return WINDOWS_1252_LABELS.has(label) || decoderFor(label) !== null;
}

/** Bytes in a named charset; null when the charset is unknown. */
export function decodeCharset(bytes: Uint8Array, charset: string): string | null {
  const label = charset.trim().toLowerCase();
  if (label === "utf-8" || label === "utf8") {
    // Buffer's decoder is several times faster than TextDecoder and replaces bad bytes alike.
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("utf8");
  }
  if (WINDOWS_1252_LABELS.has(label)) return decodeWindows1252(bytes);
  return decoderFor(label)?.decode(bytes) ?? null;
}

/** Raw header bytes: UTF-8 when valid (RFC 6532), else windows-1252 as clients guess. */
export function decodeRawHeader(bytes: Buffer): string {
  return isUtf8(bytes) ? bytes.toString("utf8") : decodeWindows1252(bytes);
}

const WORD = /=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g;
const ONLY_SPACE = /^[ \t\r\n]*$/;

export function decodeEncodedWords(text: string): string {
  if (!text.includes("=?")) return text;
  let out = "";
  let last = 0;
  let pending: { charset: string; parts: Buffer[] } | null = null;
  const flush = () => {
    if (!pending) return;
    const bytes = pending.parts.length === 1 ? pending.parts[0]! : Buffer.concat(pending.parts);
    out += decodeCharset(bytes, pending.charset) ?? bytes.toString("latin1");
    pending = null;
  };
  WORD.lastIndex = 0;
  for (let match = WORD.exec(text); match !== null; match = WORD.exec(text)) {
    const between = text.slice(last, match.index);
    // Section 6.2: white space between adjacent encoded words is not displayed.
    if (!(pending && ONLY_SPACE.test(between))) {
      flush();
      out += between;
    }
    last = match.index + match[0].length;
    // RFC 2231 section 5 allows a language after "*": "=?utf-8*en?q?...?=".
    const star = match[1]!.indexOf("*");
    const charset = (star < 0 ? match[1]! : match[1]!.slice(0, star)).toLowerCase();
    if (!knownCharset(charset)) {
      flush();
      out += match[0];
      continue;
    }
    const bytes = decodeWord(match[2]!, match[3]!);
    if (pending && pending.charset === charset) pending.parts.push(bytes);
    else {
      flush();
      pending = { charset, parts: [bytes] };
    }
  }
  flush();
  return out + text.slice(last);
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

function decodeWord(encoding: string, text: string): Buffer {
  if (encoding === "B" || encoding === "b") return Buffer.from(text, "base64");
  const out = Buffer.allocUnsafe(text.length);
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x5f) out[length++] = 0x20;
    else if (code === 0x3d && i + 2 < text.length) {
      const hi = hexValue(text.charCodeAt(i + 1));
      const lo = hexValue(text.charCodeAt(i + 2));
      if (hi >= 0 && lo >= 0) {
        out[length++] = (hi << 4) | lo;
        i += 2;
      } else out[length++] = code;
    } else out[length++] = code & 0xff;
  }
  return out.subarray(0, length);
}
