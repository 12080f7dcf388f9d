// Scopes every selector of the message's stylesheets under the wrapper element of the message.
// The message lives in its own sandboxed document today, so this is defence in depth: if the
// reader ever renders inline (or the frame design changes), `:root`, `html`, `body` and `*` rules
// still cannot restyle the app (Roundcube #6897: `:root` rules from mail restyled the UI;
// CVE-2026-35544). `html`/`:root`/`body` become the wrapper itself, anything else becomes a
// descendant of it. A selector that already starts at the wrapper (our own output, re-sanitized)
// is kept, unless a sibling combinator follows the wrapper (`.lbx-mail ~ x` leaves the wrapper).

import { type CssComponent, isIdent, splitComponents, trimComponents } from "./css-components.ts";
import { serializeComponents } from "./css-serialize.ts";

/** Class of the element that holds the message (the former <body>), see sanitize-mail-html.ts. */
export const MAIL_ROOT_CLASS = "lbx-mail";

const SELECTOR_DELIMS = new Set([".", "*", ">", "+", "~", "|"]);
const ATTRIBUTE_DELIMS = new Set(["=", "^", "$", "*", "~", "|"]);

/** Only selector syntax: no blocks, no url, no `&` (nesting), no at-keywords or semicolons. */
function isSelectorSyntax(list: readonly CssComponent[], delims: ReadonlySet<string>): boolean {
  for (const [index, c] of list.entries()) {
    switch (c.type) {
      case "ident":
      case "hash":
      case "colon":
      case "whitespace":
      case "comma":
      case "string":
      case "number":
      case "dimension":
        break;
      case "delim":
        if (!delims.has(c.value)) return false;
        break;
      case "func":
        // Only as a pseudo-class or pseudo-element (:not, :is, :has, :nth-child(2n+1 of …),
        // ::part): right after a colon. Their arguments are selector syntax again.
        if (list[index - 1]?.type !== "colon") return false;
        if (!isSelectorSyntax(c.value, SELECTOR_DELIMS)) return false;
        break;
      case "block":
        if (c.open !== "[" || !isSelectorSyntax(c.value, ATTRIBUTE_DELIMS)) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

interface Compound {
  combinator: string | null;
  parts: CssComponent[];
}

function compounds(list: readonly CssComponent[]): Compound[] {
  const out: Compound[] = [];
  let pending: string | null = null;
  for (const c of list) {
    if (c.type === "whitespace") {
      pending ??= " ";
    } else if (c.type === "delim" && (c.value === ">" || c.value === "+" || c.value === "~")) {
      pending = c.value;
    } else {
      const current = out[out.length - 1];
      if (!current || pending !== null) {
        out.push({ combinator: current ? (pending ?? " ") : null, parts: [c] });
      } else {
        current.parts.push(c);
      }
      pending = null;
    }
  }
  return out;
}

const rootClass = (): CssComponent[] => [
  { type: "delim", value: "." },
  { type: "ident", value: MAIL_ROOT_CLASS },
];

/** Length of a leading `html` or `:root` type/pseudo in a compound, 0 if none. */
function rootPrefix(parts: readonly CssComponent[]): number {
  if (isIdent(parts[0], "html")) return 1;
  if (parts[0]?.type === "colon" && isIdent(parts[1], "root")) return 2;
  return 0;
}

function startsAtWrapper(parts: readonly CssComponent[]): boolean {
  const [dot, name] = parts;
  return (
    dot?.type === "delim" &&
    dot.value === "." &&
    name?.type === "ident" &&
    name.value === MAIL_ROOT_CLASS
  );
}

function scopeComplex(list: readonly CssComponent[]): CssComponent[] {
  const chain = compounds(list);
  // `html body .x`, `:root > body`: drop leading document-root compounds.
  while (chain.length > 1 && rootPrefix(chain[0]!.parts) > 0) {
    chain.shift();
    chain[0]!.combinator = null;
  }
  const first = chain[0]!;
  const root = rootPrefix(first.parts);
  if (root > 0) first.parts.splice(0, root, ...rootClass());
  else if (isIdent(first.parts[0], "body")) first.parts.splice(0, 1, ...rootClass());

  const next = chain[1]?.combinator;
  const scoped =
    startsAtWrapper(first.parts) && (next === undefined || next === " " || next === ">");
  const out: CssComponent[] = scoped ? [] : [...rootClass(), { type: "whitespace" }];
  chain.forEach((compound, index) => {
    if (index > 0) {
      if (compound.combinator === " ") out.push({ type: "whitespace" });
      else {
        out.push({ type: "whitespace" }, { type: "delim", value: compound.combinator! });
        out.push({ type: "whitespace" });
      }
    }
    out.push(...compound.parts);
  });
  return out;
}

/**
 * Scopes a style rule's prelude. Returns the serialized selector list, or null when any selector
 * is empty or not plain selector syntax (the whole rule is then dropped, as a browser would).
 */
export function scopeSelectorList(prelude: readonly CssComponent[]): string | null {
  const out: string[] = [];
  for (const part of splitComponents(prelude, "comma")) {
    const selector = trimComponents(part);
    if (selector.length === 0 || !isSelectorSyntax(selector, SELECTOR_DELIMS)) return null;
    out.push(serializeComponents(scopeComplex(selector)));
  }
  return out.join(", ");
}

/** Keyframe selectors: `from`, `to`, percentages. */
export function keyframeSelectorList(prelude: readonly CssComponent[]): string | null {
  const out: string[] = [];
  for (const part of splitComponents(prelude, "comma")) {
    const [only, ...rest] = trimComponents(part);
    if (!only || rest.length > 0) return null;
    if (only.type !== "percentage" && !isIdent(only, "from") && !isIdent(only, "to")) return null;
    out.push(serializeComponents([only]));
  }
  return out.join(", ");
}
