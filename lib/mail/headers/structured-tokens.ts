/**
 * A forgiving tokenizer for structured header values (RFC 5322 section 3.2: comments, quoted
 * strings, domain literals, angle brackets). It never fails: an unterminated comment, quote or
 * bracket runs to the end of the value, which is what a reader of the raw text would assume.
 * One pass, no backtracking, so hostile input costs linear time.
 */
import { readComment, readQuoted } from "../mime/lexical.ts";

export type TokenKind = "word" | "comment" | "quoted" | "angle" | "literal" | "semicolon";

export interface Token {
  kind: TokenKind;
  /**
   * word: the characters; comment: the inner text with nested parentheses kept and quoted-pairs
   * unescaped; quoted: the unescaped content; angle / literal: the content between the brackets.
   */
  text: string;
  /** Offsets in the input: [start, end). */
  start: number;
  end: number;
}

export interface TokenizeOptions {
  /** Read `<...>` as one token (Received: `for <a@b>`, `id <x@y>`). */
  angle?: boolean;
  /** Read `[...]` as one token (Received: address literals `[192.0.2.1]`, `[IPv6:...]`). */
  literal?: boolean;
}

const SPACE = /[ \t\r\n]/;

export function tokenize(value: string, options: TokenizeOptions = {}): Token[] {
  const tokens: Token[] = [];
  const wordStops = `()";${options.angle ? "<" : ""}${options.literal ? "[" : ""}`;
  let i = 0;
  const n = value.length;
  while (i < n) {
    const c = value[i]!;
    if (SPACE.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === ";") {
      tokens.push({ kind: "semicolon", text: ";", start, end: ++i });
    } else if (c === "(") {
      // RFC 5322 section 3.2.2: comments nest and take quoted-pairs.
      const comment = readComment(value, i);
      i = comment.end;
      tokens.push({ kind: "comment", text: comment.text.trim(), start, end: i });
    } else if (c === '"') {
      const quoted = readQuoted(value, i);
      i = quoted.end;
      tokens.push({ kind: "quoted", text: quoted.text, start, end: i });
    } else if ((c === "<" && options.angle) || (c === "[" && options.literal)) {
      const close = value.indexOf(c === "<" ? ">" : "]", i + 1);
      const stop = close === -1 ? n : close;
      const kind = c === "<" ? "angle" : "literal";
      const text = value.slice(i + 1, stop).trim();
      i = Math.min(n, stop + 1);
      tokens.push({ kind, text, start, end: i });
    } else {
      while (i < n && !SPACE.test(value[i]!) && !wordStops.includes(value[i]!)) i++;
      // A stray ")" or closing bracket would otherwise stop the scan without consuming anything.
      if (i === start) i++;
      tokens.push({ kind: "word", text: value.slice(start, i), start, end: i });
    }
  }
  return tokens;
}
