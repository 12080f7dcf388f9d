/**
 * The one header writer. Every header line Letterbox writes passes through `writeHeader`, which
 *
 * - refuses CR, LF, NUL and every other C0 control except TAB anywhere in the value, with
 *   MailError("HEADER_INJECTION"): a CR or LF would end the field and start a new one
 *   ("Subject: Hi\r\nBcc: ..."), and one hidden inside an encoded-word comes back out of the
 *   recipient's decoder (see hostile p14). It refuses, never strips: stripping silently changes
 *   what the user sent and hides the attack;
 * - folds (RFC 5322 section 2.2.3) only at the spaces between pieces, which callers place where
 *   folding is harmless, to lines of at most 78 octets where it can and never more than 998;
 * - cuts RFC 2047 encoded-words to fit the room left on the line.
 */
import { MailError } from "../../errors.ts";
import {
  ENCODED_WORD_OVERHEAD,
  encodeWord,
  fitChars,
  MAX_ENCODED_TEXT,
  toEncodableChars,
  type WordEncoding,
} from "./encoded-word.ts";
import { MAX_HEADER_TEXT_CHARS, MAX_LINE_OCTETS, SOFT_LINE_OCTETS } from "./limits.ts";
import { hasLoneSurrogate, utf8Length } from "./utf8.ts";

/** Text to write as RFC 2047 encoded-words; `prefix`/`suffix` are glued to the first/last word. */
export interface EncodedPiece {
  encode: string;
  encoding: WordEncoding;
  prefix?: string;
  suffix?: string;
}

/**
 * A header value is a list of pieces joined by single spaces; the writer may fold at any of
 * those spaces. A string piece is written as it is; "" stands for an extra space in a run of
 * spaces (the writer never folds before it, so no line is only whitespace).
 */
export type HeaderPiece = string | EncodedPiece;

const CONTROL = /[\x00-\x08\x0a-\x1f]/;

/**
 * Refuse what must never reach a header: C0 controls other than TAB (HEADER_INJECTION), lone
 * surrogates (they would silently become U+FFFD) and absurd lengths (INVALID_INPUT).
 * `field` names the input for the error message ("Subject", "To", "attachment filename").
 */
export function assertHeaderText(value: string, field: string): void {
  const control = CONTROL.exec(value);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
    throw new MailError(
      "HEADER_INJECTION",
      `${field} contains the control character U+${code}; line breaks and controls are not allowed in a header`,
    );
  }
  if (hasLoneSurrogate(value)) {
    throw new MailError("INVALID_INPUT", `${field} contains an unpaired UTF-16 surrogate`);
  }
  if (value.length > MAX_HEADER_TEXT_CHARS) {
    throw new MailError(
      "INVALID_INPUT",
      `${field} is longer than ${MAX_HEADER_TEXT_CHARS} characters`,
    );
  }
}

/** RFC 5322 section 3.6.8: a field name is printable US-ASCII except ":". */
const FIELD_NAME = /^[\x21-\x39\x3b-\x7e]+$/;

export function assertHeaderName(name: string): void {
  if (!FIELD_NAME.test(name)) {
    if (CONTROL.test(name)) {
      throw new MailError("HEADER_INJECTION", "a header name contains a control character");
    }
    throw new MailError("INVALID_INPUT", `"${name}" is not a valid header field name`);
  }
}

/** Writes one header field, folded, ending in CRLF. */
export function writeHeader(name: string, pieces: readonly HeaderPiece[]): string {
  assertHeaderName(name);
  const lines: string[] = [];
  let line = `${name}:`;
  let length = line.length;
  let hasWord = false;

  const newLine = () => {
    lines.push(line);
    line = "";
    length = 0;
  };
  const append = (word: string, octets: number) => {
    line += ` ${word}`;
    length += 1 + octets;
    hasWord = true;
    if (length > MAX_LINE_OCTETS) {
      throw new MailError(
        "INVALID_INPUT",
        `${name} has a word too long for one line of ${MAX_LINE_OCTETS} octets`,
      );
    }
  };

  for (const piece of pieces) {
    if (typeof piece === "string") {
      assertHeaderText(piece, name);
      const octets = utf8Length(piece);
      if (piece !== "" && hasWord && length + 1 + octets > SOFT_LINE_OCTETS) newLine();
      append(piece, octets);
      continue;
    }
    assertHeaderText(piece.encode, name);
    const prefix = piece.prefix ?? "";
    const suffix = piece.suffix ?? "";
    assertHeaderText(prefix + suffix, name);
    const chars = toEncodableChars(piece.encode);
    if (chars.length === 0) throw new MailError("INVALID_INPUT", `${name}: nothing to encode`);
    let start = 0;
    while (start < chars.length) {
      const fixed = ENCODED_WORD_OVERHEAD + (start === 0 ? prefix.length : 0);
      // Room for encoded text on this line; fold first when not even a few characters fit.
      let room = Math.min(MAX_ENCODED_TEXT, SOFT_LINE_OCTETS - length - 1 - fixed);
      if (room < 12 && hasWord) {
        newLine();
        room = Math.min(MAX_ENCODED_TEXT, SOFT_LINE_OCTETS - 1 - fixed);
      }
      room = Math.max(room, 12);
      let end = fitChars(chars, start, piece.encoding, room);
      // The last word also carries the suffix: leave a char for one more word when it won't fit.
      if (end === chars.length && end - start > 1) {
        const word = encodeWord(chars, start, end, piece.encoding);
        const total = (start === 0 ? prefix.length : 0) + word.length + suffix.length;
        if (length + 1 + total > SOFT_LINE_OCTETS) end--;
      }
      let word = encodeWord(chars, start, end, piece.encoding);
      if (start === 0) word = prefix + word;
      if (end === chars.length) word += suffix;
      append(word, word.length);
      start = end;
    }
  }
  lines.push(line);
  return `${lines.join("\r\n")}\r\n`;
}
