/**
 * RFC 2047 encoded words (`=?charset?B|Q?text?=`) in header values, decoded as mail clients do:
 * - white space between two adjacent encoded words is dropped (section 6.2);
 * - adjacent words in one charset are joined as bytes before charset decoding, so a multi-byte
 *   character split across two words (common in Japanese and Chinese subjects) comes out whole;
 * - words inside a word (`foo=?utf-8?q?bar?=`) or inside a quoted string are decoded too: not
 *   allowed by section 5, but sent by many mailers and decoded by every major client;
 * - a malformed word (bad encoding letter, invalid base64) stays as the text it was;
 * - the RFC 2231 section 5 language suffix (`=?utf-8*en?Q?...?=`) is ignored;
 * - an unknown charset falls back like body text (UTF-8 if valid, else windows-1252).
 * At most `maxWords` words are decoded per value (a cheap header can carry thousands).
 */
import { decodeBase64 } from "./base64.ts";
import { bytesOfBinaryString, concatBytes } from "./bytes.ts";
import { cleanCharsetLabel, decodeCharset } from "./charsets.ts";
import { DEFAULT_MIME_LIMITS } from "./limits.ts";
import { decodeQEncoding } from "./quoted-printable.ts";

// charset: no `?` or white space; text: no `?` (white space tolerated, as Python does).
const WORD = /=\?([^?\s]+)\?([bBqQ])\?([^?]*)\?=/g;
const STATEFUL = /^(?:iso-2022|csiso2022|utf-7|unicode-1-1-utf-7)/;
const BASE64_TEXT = /^[A-Za-z0-9+/]*=*$/;

export interface EncodedWordResult {
  text: string;
  /** Number of words decoded. */
  words: number;
  /** True when `maxWords` stopped decoding before the end of the value. */
  limited: boolean;
}

function wordBytes(encoding: string, text: string): Uint8Array | null {
  if (encoding === "b" || encoding === "B") {
    const compact = text.replace(/\s+/g, "");
    if (!BASE64_TEXT.test(compact)) return null;
    return decodeBase64(bytesOfBinaryString(compact));
  }
  return decodeQEncoding(bytesOfBinaryString(text));
}

/**
 * Decodes every encoded word in `value`. The input is a header value already unfolded and read
 * as text; characters above U+00FF (raw UTF-8 headers) pass through untouched.
 */
export function decodeEncodedWords(
  value: string,
  maxWords: number = DEFAULT_MIME_LIMITS.maxEncodedWords,
): EncodedWordResult {
  if (!value.includes("=?")) return { text: value, words: 0, limited: false };
  let out = "";
  let last = 0;
  let words = 0;
  let limited = false;
  // Pending run of adjacent words in one charset, joined as bytes.
  let runCharset = "";
  let runBytes: Uint8Array[] = [];
  const flush = () => {
    if (runBytes.length > 0) out += decodeCharset(concatBytes(runBytes), runCharset).text;
    runBytes = [];
    runCharset = "";
  };
  WORD.lastIndex = 0;
  for (let m = WORD.exec(value); m !== null; m = WORD.exec(value)) {
    if (words >= maxWords) {
      limited = true;
      break;
    }
    const [whole, rawCharset, encoding, text] = m as unknown as [string, string, string, string];
    // Text inside must not carry characters above U+00FF: then it was not ASCII on the wire.
    const bytes = /[^\x00-\xff]/.test(text) ? null : wordBytes(encoding, text);
    if (bytes === null) continue; // malformed: leave it as text (it is copied with the gap)
    const between = value.slice(last, m.index);
    const adjacent = runBytes.length > 0 && /^[ \t\r\n]*$/.test(between);
    const charset = cleanCharsetLabel(rawCharset.split("*")[0]);
    if (!adjacent) {
      flush();
      out += between;
    } else if (charset !== runCharset || STATEFUL.test(charset)) {
      // Stateful encodings (ISO-2022-*, UTF-7) reset at each word's end: joining the bytes
      // would put two escape sequences back to back, which WHATWG decodes as an error.
      flush();
    }
    runCharset = charset;
    runBytes.push(bytes);
    words++;
    last = m.index + whole.length;
  }
  flush();
  out += value.slice(last);
  return { text: out, words, limited };
}
