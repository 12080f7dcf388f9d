// Serializes component values back to CSS text (CSSOM §2.1 and CSS Syntax Level 3 §9). The filter
// never copies source text: whatever the browser parses is exactly what we decided on. Two
// properties matter for safety:
//   - no `<` ever appears, so the output cannot close a <style> element (`</style><img onerror>`)
//     nor open a comment, and a style attribute cannot hold anything but CSS;
//   - tokens that would merge when printed side by side (`a` `b` → `ab`, `1` `px` → `1px`) are
//     separated by an empty comment, so re-tokenizing gives back the same tokens (idempotence).

import type { CssComponent } from "./css-components.ts";
import type { CssToken } from "./css-tokenizer.ts";

const hexEscape = (cp: number) => `\\${cp.toString(16)} `;

function escapeChars(value: string, identifier: boolean): string {
  let out = "";
  let index = 0;
  for (const ch of value) {
    const cp = ch.codePointAt(0)!;
    const first = index === 0;
    const second = index === 1;
    index++;
    if (cp === 0) out += "\uFFFD";
    else if ((cp >= 1 && cp <= 0x1f) || cp === 0x7f) out += hexEscape(cp);
    else if (identifier && first && cp >= 0x30 && cp <= 0x39) out += hexEscape(cp);
    else if (identifier && second && cp >= 0x30 && cp <= 0x39 && value.startsWith("-")) {
      out += hexEscape(cp);
    } else if (identifier && first && cp === 0x2d && value.length === 1) out += "\\-";
    else if (cp >= 0x80 || /[-_0-9A-Za-z]/.test(ch)) out += ch;
    // `<` and `>` as hex so that no `</style` or `<!--` can be spelled, even escaped.
    else if (cp === 0x3c || cp === 0x3e) out += hexEscape(cp);
    else out += `\\${ch}`;
  }
  return out;
}

/** CSSOM "serialize an identifier". */
export const serializeIdent = (value: string) => escapeChars(value, true);

/** CSSOM "serialize a string", plus `<`/`>` as hex escapes. */
export function serializeString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0) out += "\uFFFD";
    else if ((cp >= 1 && cp <= 0x1f) || cp === 0x7f || cp === 0x3c || cp === 0x3e) {
      out += hexEscape(cp);
    } else if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else out += ch;
  }
  return `${out}"`;
}

export const serializeUrl = (url: string) => `url(${serializeString(url)})`;

/** A dimension's unit must not read as an exponent when printed after the number (`1` `e3`). */
function serializeUnit(unit: string): string {
  const ident = serializeIdent(unit);
  if (/^[eE](?:[0-9]|[-+][0-9])/.test(ident))
    return hexEscape(unit.codePointAt(0)!) + ident.slice(1);
  return ident;
}

function tokenText(t: CssToken): string {
  switch (t.type) {
    case "ident":
      return serializeIdent(t.value);
    case "function":
      return `${serializeIdent(t.value)}(`;
    case "at-keyword":
      return `@${serializeIdent(t.value)}`;
    case "hash":
      return `#${escapeChars(t.value, false)}`;
    case "string":
      return serializeString(t.value);
    case "url":
      return serializeUrl(t.value);
    case "delim":
      // The filters never keep `<` or `\`; printing nothing for them is a second guard (`<` could
      // start `</style`). A lone `>` (child combinator) cannot end a raw-text element.
      return t.value === "<" || t.value === "\\" ? "" : t.value;
    case "number":
      return t.repr;
    case "percentage":
      return `${t.repr}%`;
    case "dimension":
      return t.repr + serializeUnit(t.unit);
    case "whitespace":
      return " ";
    case "colon":
      return ":";
    case "semicolon":
      return ";";
    case "comma":
      return ",";
    case "[":
    case "]":
    case "(":
    case ")":
    case "{":
    case "}":
      return t.type;
    // cdo, cdc, bad-string, bad-url: never valid where the filter keeps tokens.
    default:
      return "";
  }
}

type Kind = string;

function kindOf(c: CssComponent): Kind {
  if (c.type === "func") return "function";
  if (c.type === "block") return c.open;
  if (c.type === "delim") return `delim${c.value}`;
  return c.type;
}

function lastKindOf(c: CssComponent): Kind {
  if (c.type === "func" || c.type === "block") return ")";
  return kindOf(c);
}

const IDENTISH = [
  "ident",
  "function",
  "url",
  "bad-url",
  "delim-",
  "number",
  "percentage",
  "dimension",
];
// CSS Syntax Level 3 §9, the table of token pairs that need a comment between them.
const NEEDS_COMMENT: Record<Kind, readonly Kind[]> = {
  ident: [...IDENTISH, "cdc", "("],
  "at-keyword": [...IDENTISH, "cdc"],
  hash: [...IDENTISH, "cdc"],
  dimension: [...IDENTISH, "cdc"],
  "delim#": IDENTISH,
  "delim-": IDENTISH,
  number: ["ident", "function", "url", "bad-url", "number", "percentage", "dimension", "delim%"],
  "delim@": ["ident", "function", "url", "bad-url", "delim-"],
  "delim.": ["number", "percentage", "dimension"],
  "delim+": ["number", "percentage", "dimension"],
  "delim/": ["delim*"],
};

/** Serializes component values; functions and blocks recurse (depth is capped at parse time). */
export function serializeComponents(list: readonly CssComponent[]): string {
  let out = "";
  let previous: Kind | null = null;
  for (const c of list) {
    if (previous !== null && NEEDS_COMMENT[previous]?.includes(kindOf(c))) out += "/**/";
    if (c.type === "func") out += `${serializeIdent(c.name)}(${serializeComponents(c.value)})`;
    else if (c.type === "block") {
      const close = c.open === "{" ? "}" : c.open === "[" ? "]" : ")";
      out += c.open + serializeComponents(c.value) + close;
    } else out += tokenText(c);
    previous = lastKindOf(c);
  }
  return out;
}
