/**
 * Header text to header pieces: which words stay as they are and which become RFC 2047
 * encoded-words. The header writer then folds and cuts the words.
 */
import { chooseEncoding, toEncodableChars } from "./encoded-word.ts";
import { assertHeaderText, type HeaderPiece } from "./header-writer.ts";
import { SOFT_LINE_OCTETS } from "./limits.ts";

/**
 * A word must be encoded when it is not printable US-ASCII (RFC 5322 headers are 7-bit, RFC 2047
 * section 1), when a decoder would take it for an encoded-word ("=?" anywhere: lenient decoders
 * also decode words glued to text), or when it is too long to fold (RFC 5322 section 2.1.1).
 */
function mustEncode(word: string): boolean {
  return /[^\x20-\x7e\t]/.test(word) || word.includes("=?") || word.length > SOFT_LINE_OCTETS - 10;
}

function encoded(text: string): HeaderPiece {
  return { encode: text, encoding: chooseEncoding(toEncodableChars(text)) };
}

/**
 * Unstructured text (Subject, Comments, extra headers): RFC 5322 section 3.2.5. Words that need
 * it are encoded as one span from the first such word to the last, so the spaces between them
 * travel inside the encoded text: RFC 2047 section 6.2 drops whitespace between adjacent
 * encoded-words, so spaces outside them would be lost. Plain words before and after stay
 * readable; every run of spaces survives unfolding exactly.
 */
export function unstructuredPieces(text: string, field: string): HeaderPiece[] {
  assertHeaderText(text, field);
  const words = text.split(" ");
  let first = -1;
  let last = -1;
  words.forEach((word, i) => {
    if (mustEncode(word)) {
      if (first < 0) first = i;
      last = i;
    }
  });
  if (first < 0) return words;
  return [
    ...words.slice(0, first),
    encoded(words.slice(first, last + 1).join(" ")),
    ...words.slice(last + 1),
  ];
}

/** RFC 5322 section 3.2.3 atext: what an atom may hold without quoting. */
const ATOMS = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+( [A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+)*$/;

/**
 * A display name (RFC 5322 section 3.2.5 phrase): plain atoms when it is only atoms separated by
 * single spaces, a quoted-string when it is other printable ASCII, encoded-words (RFC 2047
 * section 5(3)) when it is not ASCII, looks like an encoded-word, or is too long to quote on
 * one line. Quoting keeps "Doe, John" one name and not two addresses.
 */
export function phrasePieces(name: string, field: string): HeaderPiece[] {
  assertHeaderText(name, field);
  if (name.includes("=?") || /[^\x20-\x7e]/.test(name)) return [encoded(name)];
  if (ATOMS.test(name)) return name.split(" ");
  const quoted = `"${name.replace(/[\\"]/g, "\\$&")}"`;
  if (quoted.length > SOFT_LINE_OCTETS - 20) return [encoded(name)];
  return [quoted];
}
