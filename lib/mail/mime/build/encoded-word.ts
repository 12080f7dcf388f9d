/**
 * RFC 2047 encoded-words, the mechanics: how one piece of text becomes `=?UTF-8?Q?...?=` or
 * `=?UTF-8?B?...?=` words. The header writer decides where each word ends (it knows the room
 * left on the line); this module only says how long a run of characters encodes to.
 *
 * Words are cut between code points only: RFC 2047 section 5 requires each encoded-word to hold
 * whole characters, and many decoders decode each word on its own.
 */
import { MAX_ENCODED_WORD } from "./limits.ts";
import { utf8Bytes } from "./utf8.ts";

export type WordEncoding = "Q" | "B";

/** `=?UTF-8?Q?` + `?=`: the fixed cost of one encoded-word. */
export const ENCODED_WORD_OVERHEAD = 12;
/** Room for encoded text inside one word of at most 75 characters. */
export const MAX_ENCODED_TEXT = MAX_ENCODED_WORD - ENCODED_WORD_OVERHEAD;

/**
 * Characters left as they are in Q encoding. This is the narrowest set RFC 2047 section 5(3)
 * allows (inside a phrase), so one encoder is safe in every context: "=", "?", "_", quotes,
 * parentheses and "," are always escaped.
 */
const Q_SAFE = /[A-Za-z0-9!*+\-/]/;

function hex2(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, "0");
}

/** Q encoding of one code point (RFC 2047 section 4.2): SP becomes "_". */
export function qEncodeChar(char: string): string {
  if (char === " ") return "_";
  if (char.length === 1 && Q_SAFE.test(char)) return char;
  let out = "";
  for (const byte of utf8Bytes(char)) out += `=${hex2(byte)}`;
  return out;
}

/** One code point of text to encode, with its cost in both encodings. */
export interface EncodableChar {
  char: string;
  q: string;
  bytes: number;
}

export function toEncodableChars(text: string): EncodableChar[] {
  const out: EncodableChar[] = [];
  for (const char of text) out.push({ char, q: qEncodeChar(char), bytes: utf8Bytes(char).length });
  return out;
}

/**
 * Q unless B is clearly shorter: Q keeps mostly-ASCII text readable in the raw source, which
 * Letterbox shows; B is shorter for most non-Latin scripts.
 */
export function chooseEncoding(chars: readonly EncodableChar[]): WordEncoding {
  let q = 0;
  let bytes = 0;
  for (const c of chars) {
    q += c.q.length;
    bytes += c.bytes;
  }
  return q * 3 <= Math.ceil(bytes / 3) * 4 * 4 ? "Q" : "B";
}

/**
 * The longest run of chars from `start` whose encoded text fits in `budget` characters (never
 * fewer than one char: a single character always fits in MAX_ENCODED_TEXT). Returns the end index.
 */
export function fitChars(
  chars: readonly EncodableChar[],
  start: number,
  encoding: WordEncoding,
  budget: number,
): number {
  let end = start;
  let q = 0;
  let bytes = 0;
  while (end < chars.length) {
    const c = chars[end]!;
    const cost = encoding === "Q" ? q + c.q.length : Math.ceil((bytes + c.bytes) / 3) * 4;
    if (cost > budget && end > start) break;
    q += c.q.length;
    bytes += c.bytes;
    end++;
    if (cost > budget) break;
  }
  return end;
}

/** The encoded-word for chars[start, end). */
export function encodeWord(
  chars: readonly EncodableChar[],
  start: number,
  end: number,
  encoding: WordEncoding,
): string {
  if (encoding === "Q") {
    let text = "";
    for (let i = start; i < end; i++) text += chars[i]!.q;
    return `=?UTF-8?Q?${text}?=`;
  }
  let text = "";
  for (let i = start; i < end; i++) text += chars[i]!.char;
  return `=?UTF-8?B?${Buffer.from(text, "utf8").toString("base64")}?=`;
}
