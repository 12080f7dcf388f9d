// Component values (CSS Syntax Level 3, §5.4.8): tokens grouped into functions and {} [] () blocks,
// so that filters see `url(` … `)` or a nested `{…}` as one unit. Built iteratively: hostile CSS can
// open thousands of blocks, and the depth check below refuses it before any recursive walk.

import { MAX_CSS_NESTING } from "../render-limits.ts";
import type { CssToken } from "./css-tokenizer.ts";

export type CssFunction = { type: "func"; name: string; value: CssComponent[] };
export type CssBlock = { type: "block"; open: "{" | "[" | "("; value: CssComponent[] };
export type CssComponent = CssToken | CssFunction | CssBlock;

const CLOSER = { "{": "}", "[": "]", "(": ")" } as const;

/**
 * Groups tokens into component values. Returns null when nesting exceeds MAX_CSS_NESTING, which
 * the callers treat as "drop this stylesheet / declaration list" — never real CSS.
 */
export function parseComponents(tokens: readonly CssToken[]): CssComponent[] | null {
  const root: CssComponent[] = [];
  const stack: { list: CssComponent[]; close: string }[] = [{ list: root, close: "" }];
  for (const token of tokens) {
    const top = stack[stack.length - 1]!;
    if (token.type === top.close) {
      stack.pop();
      continue;
    }
    if (token.type === "{" || token.type === "[" || token.type === "(") {
      const block: CssBlock = { type: "block", open: token.type, value: [] };
      top.list.push(block);
      stack.push({ list: block.value, close: CLOSER[token.type] });
    } else if (token.type === "function") {
      const fn: CssFunction = { type: "func", name: token.value, value: [] };
      top.list.push(fn);
      stack.push({ list: fn.value, close: ")" });
    } else {
      // A stray closer (`}` with no block open) stays a token: callers reject it where it matters.
      top.list.push(token);
    }
    if (stack.length > MAX_CSS_NESTING + 1) return null;
  }
  // Unclosed blocks and functions are closed at EOF (§5.4.8), as a browser does.
  return root;
}

export const isWhitespace = (c: CssComponent | undefined) => c?.type === "whitespace";

/** Removes leading and trailing whitespace components. */
export function trimComponents(list: readonly CssComponent[]): CssComponent[] {
  let start = 0;
  let end = list.length;
  while (start < end && isWhitespace(list[start])) start++;
  while (end > start && isWhitespace(list[end - 1])) end--;
  return list.slice(start, end);
}

/** Splits at top-level tokens of the given type (commas or semicolons). */
export function splitComponents(
  list: readonly CssComponent[],
  separator: "comma" | "semicolon",
): CssComponent[][] {
  const parts: CssComponent[][] = [[]];
  for (const c of list) {
    if (c.type === separator) parts.push([]);
    else parts[parts.length - 1]!.push(c);
  }
  return parts;
}

/** True if an ident token has this value, ASCII case-insensitively (CSS keywords are). */
export function isIdent(c: CssComponent | undefined, value: string): boolean {
  return c?.type === "ident" && c.value.toLowerCase() === value;
}
