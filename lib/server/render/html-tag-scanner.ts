// A fast, approximate HTML tag scanner for the pre-parse shape guard (html-shape-guard.ts): start
// tags, end tags and runs of text, with comments, doctypes and raw-text elements skipped. It
// follows the HTML tokenizer closely enough for real and pathological mail, and where it does not
// the only effect is a different estimate: its output is never trusted, DOMPurify parses after it.

import { MAX_ATTRIBUTES } from "./render-limits.ts";

export type ScannedToken =
  | { type: "text"; from: number; to: number }
  | {
      type: "start" | "end";
      name: string;
      /** The tag's source, `<` to `>` inclusive. */
      from: number;
      to: number;
      /** Where the attribute past MAX_ATTRIBUTES starts, or -1. */
      attributeCut: number;
    };

// biome-ignore format: a list
export const RAW_TEXT = new Set([
  "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
]);

const NAME = /[A-Za-z][^\s/>]*/y;
const isSpace = (c: string | undefined) =>
  c === " " || c === "\n" || c === "\t" || c === "\r" || c === "\f";

/** Scans the attributes of a tag whose name ends at `from`; returns its end and attribute cut. */
function scanAttributes(html: string, from: number): { to: number; attributeCut: number } {
  let i = from;
  let count = 0;
  let attributeCut = -1;
  for (;;) {
    while (i < html.length && (isSpace(html[i]) || html[i] === "/")) i++;
    if (i >= html.length) return { to: html.length, attributeCut };
    if (html[i] === ">") return { to: i + 1, attributeCut };
    count++;
    if (count === MAX_ATTRIBUTES + 1) attributeCut = i;
    // The name (a leading `=` belongs to it, as in the tokenizer).
    i++;
    while (
      i < html.length &&
      !isSpace(html[i]) &&
      html[i] !== "/" &&
      html[i] !== ">" &&
      html[i] !== "="
    )
      i++;
    while (i < html.length && isSpace(html[i])) i++;
    if (html[i] !== "=") continue;
    i++;
    while (i < html.length && isSpace(html[i])) i++;
    const quote = html[i];
    if (quote === '"' || quote === "'") {
      const close = html.indexOf(quote, i + 1);
      i = close === -1 ? html.length : close + 1;
    } else {
      while (i < html.length && !isSpace(html[i]) && html[i] !== ">") i++;
    }
  }
}

/** Start of the end tag that closes a raw-text element (its content is text, not tags). */
function rawTextEnd(html: string, from: number, name: string): number {
  const pattern = new RegExp(`</${name}[\\s/>]`, "gi");
  pattern.lastIndex = from;
  const match = pattern.exec(html);
  return match === null ? html.length : match.index;
}

export function* scanTags(html: string): Generator<ScannedToken> {
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf("<", i);
    const textEnd = lt === -1 ? html.length : lt;
    if (textEnd > i && /\S/.test(html.slice(i, textEnd)))
      yield { type: "text", from: i, to: textEnd };
    if (lt === -1) return;
    i = lt;
    const next = html[i + 1];
    if (html.startsWith("<!--", i)) {
      const end = html.indexOf("-->", i + 4);
      i = end === -1 ? html.length : end + 3;
      continue;
    }
    if (next === "!" || next === "?") {
      const end = html.indexOf(">", i + 2);
      i = end === -1 ? html.length : end + 1;
      continue;
    }
    const closing = next === "/";
    NAME.lastIndex = i + (closing ? 2 : 1);
    const name = NAME.exec(html)?.[0]?.toLowerCase();
    if (name === undefined) {
      // A `<` that starts no tag is text.
      yield { type: "text", from: i, to: i + 1 };
      i++;
      continue;
    }
    const { to, attributeCut } = scanAttributes(html, NAME.lastIndex);
    yield { type: closing ? "end" : "start", name, from: i, to, attributeCut };
    i = to;
    if (!closing && RAW_TEXT.has(name)) i = rawTextEnd(html, i, name);
    if (!closing && name === "plaintext") return;
  }
}
