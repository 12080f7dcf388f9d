// A CSS tokenizer following CSS Syntax Level 3, §4 (https://www.w3.org/TR/css-syntax-3/#tokenization).
// The filter decides on *decoded* token values, so every obfuscation a browser undoes is undone here
// first: escapes (`\75rl(` and `u\rl(` are both the url( function), comments between tokens
// (`@im/**/port` is two tokens, not @import), case (`URL(`, `@IMPORT`). Nothing of the source text
// is passed through: the output is re-serialized from these tokens (css-serialize.ts).

export type CssToken =
  | { type: "ident" | "function" | "at-keyword"; value: string }
  | { type: "hash"; value: string; id: boolean }
  | { type: "string" | "url"; value: string }
  | { type: "bad-string" | "bad-url" }
  | { type: "delim"; value: string }
  | { type: "number"; repr: string }
  | { type: "percentage"; repr: string }
  | { type: "dimension"; repr: string; unit: string }
  | { type: "whitespace" | "cdo" | "cdc" | "colon" | "semicolon" | "comma" }
  | { type: "[" | "]" | "(" | ")" | "{" | "}" };

const EOF = -1;

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const isLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isIdentStart = (c: number) => isLetter(c) || c >= 0x80 || c === 0x5f;
const isIdentChar = (c: number) => isIdentStart(c) || isDigit(c) || c === 0x2d;
const isNewline = (c: number) => c === 0x0a;
const isWhitespace = (c: number) => c === 0x0a || c === 0x09 || c === 0x20;
const isNonPrintable = (c: number) =>
  (c >= 0 && c <= 8) || c === 0x0b || (c >= 0x0e && c <= 0x1f) || c === 0x7f;

/** §3.3 preprocessing: CR, CRLF and FF become LF; NUL and lone surrogates become U+FFFD. */
function preprocess(input: string): string {
  return input
    .replace(/\r\n?|\f/g, "\n")
    .replace(
      /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      "\uFFFD",
    );
}

export function tokenizeCss(source: string): CssToken[] {
  const s = preprocess(source);
  const tokens: CssToken[] = [];
  let i = 0;
  // Code points, not UTF-16 units: escapes may produce astral characters and identifiers may hold them.
  const at = (k: number): number => (k < s.length ? s.charCodeAt(k) : EOF);

  const validEscape = (k: number) => at(k) === 0x5c && !isNewline(at(k + 1)) && at(k + 1) !== EOF;
  const startsIdent = (k: number): boolean => {
    const c = at(k);
    if (c === 0x2d) return isIdentStart(at(k + 1)) || at(k + 1) === 0x2d || validEscape(k + 1);
    if (isIdentStart(c)) return true;
    return validEscape(k);
  };
  const startsNumber = (k: number): boolean => {
    const c = at(k);
    if (c === 0x2b || c === 0x2d) {
      return isDigit(at(k + 1)) || (at(k + 1) === 0x2e && isDigit(at(k + 2)));
    }
    if (c === 0x2e) return isDigit(at(k + 1));
    return isDigit(c);
  };

  /** §4.3.7: called with i just past the backslash. */
  const consumeEscape = (): string => {
    const c = at(i);
    if (c === EOF) return "\uFFFD";
    if (isHex(c)) {
      let hex = "";
      while (hex.length < 6 && isHex(at(i))) hex += s[i++];
      if (isWhitespace(at(i))) i++;
      const cp = Number.parseInt(hex, 16);
      if (cp === 0 || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return "\uFFFD";
      return String.fromCodePoint(cp);
    }
    // Not hex: the escaped character itself, whole code point (surrogate pairs included).
    const cp = s.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    return String.fromCodePoint(cp);
  };

  /** §4.3.11 consume an ident sequence. */
  const consumeName = (): string => {
    let out = "";
    for (;;) {
      const c = at(i);
      if (isIdentChar(c)) {
        // Fast path over a run of plain identifier characters.
        const start = i;
        while (isIdentChar(at(i))) i++;
        out += s.slice(start, i);
      } else if (validEscape(i)) {
        i++;
        out += consumeEscape();
      } else {
        return out;
      }
    }
  };

  const consumeNumberRepr = (): string => {
    const start = i;
    if (at(i) === 0x2b || at(i) === 0x2d) i++;
    while (isDigit(at(i))) i++;
    if (at(i) === 0x2e && isDigit(at(i + 1))) {
      i += 2;
      while (isDigit(at(i))) i++;
    }
    const e = at(i);
    if (e === 0x45 || e === 0x65) {
      const n1 = at(i + 1);
      if (isDigit(n1) || ((n1 === 0x2b || n1 === 0x2d) && isDigit(at(i + 2)))) {
        i += isDigit(n1) ? 2 : 3;
        while (isDigit(at(i))) i++;
      }
    }
    return s.slice(start, i);
  };

  const consumeNumeric = (): CssToken => {
    const repr = consumeNumberRepr();
    if (startsIdent(i)) return { type: "dimension", repr, unit: consumeName() };
    if (at(i) === 0x25) {
      i++;
      return { type: "percentage", repr };
    }
    return { type: "number", repr };
  };

  /** §4.3.14: skip to the end of a bad url, honouring escapes. */
  const consumeBadUrlRemnants = () => {
    for (;;) {
      const c = at(i);
      if (c === EOF) return;
      if (c === 0x29) {
        i++;
        return;
      }
      if (validEscape(i)) {
        i++;
        consumeEscape();
      } else {
        i++;
      }
    }
  };

  /** §4.3.6 consume a url token; i is just past `url(` and its leading whitespace. */
  const consumeUrl = (): CssToken => {
    let value = "";
    for (;;) {
      const c = at(i);
      if (c === 0x29) {
        i++;
        return { type: "url", value };
      }
      if (c === EOF) return { type: "url", value };
      if (isWhitespace(c)) {
        while (isWhitespace(at(i))) i++;
        if (at(i) === 0x29 || at(i) === EOF) {
          if (at(i) === 0x29) i++;
          return { type: "url", value };
        }
        consumeBadUrlRemnants();
        return { type: "bad-url" };
      }
      if (c === 0x22 || c === 0x27 || c === 0x28 || isNonPrintable(c)) {
        consumeBadUrlRemnants();
        return { type: "bad-url" };
      }
      if (c === 0x5c) {
        if (validEscape(i)) {
          i++;
          value += consumeEscape();
        } else {
          consumeBadUrlRemnants();
          return { type: "bad-url" };
        }
      } else {
        value += s[i++];
      }
    }
  };

  /** §4.3.4 consume an ident-like token: ident, function, or url. */
  const consumeIdentLike = (): CssToken => {
    const name = consumeName();
    if (name.toLowerCase() === "url" && at(i) === 0x28) {
      i++;
      while (isWhitespace(at(i)) && isWhitespace(at(i + 1))) i++;
      const q = isWhitespace(at(i)) ? at(i + 1) : at(i);
      if (q === 0x22 || q === 0x27) return { type: "function", value: name };
      while (isWhitespace(at(i))) i++;
      return consumeUrl();
    }
    if (at(i) === 0x28) {
      i++;
      return { type: "function", value: name };
    }
    return { type: "ident", value: name };
  };

  /** §4.3.5 consume a string token; i is just past the opening quote. */
  const consumeString = (quote: number): CssToken => {
    let value = "";
    for (;;) {
      const c = at(i);
      if (c === quote || c === EOF) {
        if (c !== EOF) i++;
        return { type: "string", value };
      }
      if (isNewline(c)) return { type: "bad-string" };
      if (c === 0x5c) {
        if (at(i + 1) === EOF) i++;
        else if (isNewline(at(i + 1))) i += 2;
        else {
          i++;
          value += consumeEscape();
        }
      } else {
        const start = i;
        while (i < s.length && at(i) !== quote && at(i) !== 0x5c && !isNewline(at(i))) i++;
        value += s.slice(start, i);
      }
    }
  };

  const simple: Record<string, CssToken["type"]> = {
    "(": "(",
    ")": ")",
    "[": "[",
    "]": "]",
    "{": "{",
    "}": "}",
    ",": "comma",
    ":": "colon",
    ";": "semicolon",
  };

  while (i < s.length) {
    const c = at(i);
    // §4.3.2 comments are consumed and produce no token.
    if (c === 0x2f && at(i + 1) === 0x2a) {
      const end = s.indexOf("*/", i + 2);
      i = end === -1 ? s.length : end + 2;
      continue;
    }
    if (isWhitespace(c)) {
      while (isWhitespace(at(i))) i++;
      tokens.push({ type: "whitespace" });
    } else if (c === 0x22 || c === 0x27) {
      i++;
      tokens.push(consumeString(c));
    } else if (c === 0x23) {
      if (isIdentChar(at(i + 1)) || validEscape(i + 1)) {
        i++;
        const id = startsIdent(i);
        tokens.push({ type: "hash", value: consumeName(), id });
      } else {
        i++;
        tokens.push({ type: "delim", value: "#" });
      }
    } else if (c === 0x2b || c === 0x2e) {
      if (startsNumber(i)) tokens.push(consumeNumeric());
      else tokens.push({ type: "delim", value: s[i++]! });
    } else if (c === 0x2d) {
      if (startsNumber(i)) tokens.push(consumeNumeric());
      else if (at(i + 1) === 0x2d && at(i + 2) === 0x3e) {
        i += 3;
        tokens.push({ type: "cdc" });
      } else if (startsIdent(i)) tokens.push(consumeIdentLike());
      else tokens.push({ type: "delim", value: s[i++]! });
    } else if (c === 0x3c && s.startsWith("<!--", i)) {
      i += 4;
      tokens.push({ type: "cdo" });
    } else if (c === 0x40) {
      i++;
      if (startsIdent(i)) tokens.push({ type: "at-keyword", value: consumeName() });
      else tokens.push({ type: "delim", value: "@" });
    } else if (c === 0x5c) {
      if (validEscape(i)) tokens.push(consumeIdentLike());
      else tokens.push({ type: "delim", value: s[i++]! });
    } else if (isDigit(c)) {
      tokens.push(consumeNumeric());
    } else if (isIdentStart(c)) {
      tokens.push(consumeIdentLike());
    } else {
      const ch = s[i]!;
      const kind = simple[ch];
      if (kind) {
        i++;
        tokens.push({ type: kind } as CssToken);
      } else {
        // A delim is one code point (keep surrogate pairs whole).
        const cp = s.codePointAt(i)!;
        i += cp > 0xffff ? 2 : 1;
        tokens.push({ type: "delim", value: String.fromCodePoint(cp) });
      }
    }
  }
  return tokens;
}
