/**
 * RFC 5322 section 3.2's quoted strings and comments, read the one forgiving way every
 * structured-header reader here uses (addresses, parameters, dates, message ids, Received):
 * a quoted-pair (`\x`) stands for `x`; comments nest, so "(a (b) c)" is one comment; an
 * unclosed quote or comment runs to the end of the value, which is what a reader of the raw
 * text would assume. One pass, no backtracking: a hostile value costs linear time.
 */

export interface Lexeme {
  /** The content: quoted-pairs unescaped; a comment's nested parentheses kept. */
  text: string;
  /** Index after the closing quote or parenthesis (the value's length when unclosed). */
  end: number;
  closed: boolean;
}

/** The quoted string whose opening `"` is at `start` (RFC 5322 3.2.4). */
export function readQuoted(value: string, start: number): Lexeme {
  let text = "";
  for (let i = start + 1; i < value.length; i++) {
    const c = value[i]!;
    if (c === "\\" && i + 1 < value.length) text += value[++i];
    else if (c === '"') return { text, end: i + 1, closed: true };
    else text += c;
  }
  return { text, end: value.length, closed: false };
}

/** The comment whose opening `(` is at `start` (RFC 5322 3.2.2). */
export function readComment(value: string, start: number): Lexeme {
  let text = "";
  let depth = 1;
  for (let i = start + 1; i < value.length; i++) {
    const c = value[i]!;
    if (c === "\\" && i + 1 < value.length) {
      text += value[++i];
      continue;
    }
    if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return { text, end: i + 1, closed: true };
    text += c;
  }
  return { text, end: value.length, closed: false };
}

/**
 * `value` with its comments removed, each replaced by a space (a comment separates what stands
 * around it, as white space does). Quoted strings are not looked at: the values this serves
 * (dates, message ids: RFC 5322 3.3 and 3.6.4) have none, and one stray quote would otherwise
 * hide every comment after it.
 */
export function withoutComments(value: string): string {
  let start = value.indexOf("(");
  if (start === -1) return value;
  let out = "";
  let kept = 0;
  while (start !== -1) {
    out += `${value.slice(kept, start)} `;
    kept = readComment(value, start).end;
    start = value.indexOf("(", kept);
  }
  return out + value.slice(kept);
}
