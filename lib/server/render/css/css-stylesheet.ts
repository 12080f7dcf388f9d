// Filters a message's <style> sheet and style attributes. Rules are rebuilt from tokens
// (CSS Syntax Level 3 §5.4) and only these survive:
//   - style rules, with scoped selectors and filtered declarations;
//   - @media and @supports around them (conditions without functions, urls or strings);
//   - @keyframes (filtered declarations);
//   - @font-face whose every src is a data: font (CSP font-src data:); a remote src drops the
//     whole rule and counts as a blocked remote load (Roundcube CVE-2024-42010, p04).
// Everything else is dropped, whatever its spelling: @import (Zimbra CVE-2025-66376, exploited in
// the wild; `@IMPORT`, `@im\70 ort`, `@import/**/url(…)` all tokenize to at-keyword "import"),
// @namespace, @charset, @layer, @property, @page, @container, @scope, @-moz-document.

import { MAX_AT_RULE_NESTING, MAX_CSS_CHARS } from "../render-limits.ts";
import type { LoadDecision, LoadUse } from "../url-policy.ts";
import {
  type CssComponent,
  isWhitespace,
  parseComponents,
  trimComponents,
} from "./css-components.ts";
import {
  BACKGROUND_PROPERTIES,
  type CssDeclaration,
  type CssUrlDecider,
  filterDeclarations,
  serializeDeclarations,
} from "./css-declarations.ts";
import { keyframeSelectorList, scopeSelectorList } from "./css-selector-scope.ts";
import { serializeComponents } from "./css-serialize.ts";
import { tokenizeCss } from "./css-tokenizer.ts";

/** The part of the URL policy the CSS filter needs (RenderTally implements it). */
export interface CssLoader {
  load(url: string, use: LoadUse): LoadDecision;
}

/** url() in ordinary declarations: background images are images, anything else is not. */
const ruleUrls =
  (loader: CssLoader): CssUrlDecider =>
  (url, property) =>
    loader.load(url, BACKGROUND_PROPERTIES.has(property) ? "image" : "other").url;

const FONT_DATA = /^\s*data:(?:font\/|application\/(?:x-)?font-)/i;

/** Filters a style attribute's value; returns "" when nothing survives. */
export function filterStyleAttribute(css: string, loader: CssLoader): string {
  return serializeDeclarations(styleAttributeDeclarations(css, loader));
}

/** Like filterStyleAttribute, but returns the declarations (the image rules read sizes). */
export function styleAttributeDeclarations(css: string, loader: CssLoader): CssDeclaration[] {
  if (css.length > MAX_CSS_CHARS) return [];
  const components = parseComponents(tokenizeCss(css));
  return components ? filterDeclarations(components, ruleUrls(loader)) : [];
}

/** Filters a whole <style> sheet; returns "" when nothing survives. */
export function filterStylesheet(css: string, loader: CssLoader): string {
  if (css.length > MAX_CSS_CHARS) return "";
  const components = parseComponents(tokenizeCss(css));
  return components ? filterRules(components, loader, 0).join("\n") : "";
}

interface Rule {
  atName: string | null;
  prelude: CssComponent[];
  block: CssComponent[] | null;
}

/** §5.4.1 consume a list of rules (CDO/CDC and whitespace between rules are ignored). */
function consumeRules(list: readonly CssComponent[]): Rule[] {
  const rules: Rule[] = [];
  let current: Rule | null = null;
  for (const c of list) {
    if (current === null) {
      if (isWhitespace(c) || c.type === "cdo" || c.type === "cdc") continue;
      current = { atName: null, prelude: [], block: null };
      if (c.type === "at-keyword") {
        current.atName = c.value.toLowerCase();
        continue;
      }
    }
    if (c.type === "block" && c.open === "{") {
      current.block = c.value;
      rules.push(current);
      current = null;
    } else if (c.type === "semicolon" && current.atName !== null) {
      // A statement at-rule (@import …; @charset …;): never kept, but seen (to count @import).
      rules.push(current);
      current = null;
    } else {
      current.prelude.push(c);
    }
  }
  // A rule cut off by EOF has no block and is dropped.
  return rules;
}

function filterRules(list: readonly CssComponent[], loader: CssLoader, depth: number): string[] {
  const out: string[] = [];
  for (const rule of consumeRules(list)) {
    const text = filterRule(rule, loader, depth);
    if (text) out.push(text);
  }
  return out;
}

function filterRule(rule: Rule, loader: CssLoader, depth: number): string | null {
  if (rule.atName === "import") {
    // @import "x" / url(x) / url("x"), ended by `;` or (malformed) swallowing the next block:
    // a stylesheet that would load; dropped, and counted as blocked.
    const target = importTarget(rule.prelude);
    if (target !== null) loader.load(target, "other");
    return null;
  }
  const block = rule.block;
  if (block === null) return null;
  if (rule.atName === null) {
    const selectors = scopeSelectorList(rule.prelude);
    const declarations = serializeDeclarations(filterDeclarations(block, ruleUrls(loader)));
    return selectors && declarations ? `${selectors}{${declarations}}` : null;
  }
  const name = rule.atName;
  if ((name === "media" || name === "supports") && depth < MAX_AT_RULE_NESTING) {
    const condition = trimComponents(rule.prelude);
    if (!isPlainCondition(condition)) return null;
    const inner = filterRules(block, loader, depth + 1);
    return inner.length > 0
      ? `@${name} ${serializeComponents(condition)}{${inner.join("")}}`
      : null;
  }
  if (name === "font-face") return filterFontFace(block, loader);
  if (/^(?:-(?:webkit|moz|o)-)?keyframes$/.test(name)) return filterKeyframes(rule, loader);
  return null;
}

function importTarget(prelude: readonly CssComponent[]): string | null {
  for (const c of prelude) {
    if (c.type === "string" || c.type === "url") return c.value;
    if (c.type === "func" && c.name.toLowerCase() === "url") {
      const [arg] = trimComponents(c.value);
      return arg?.type === "string" ? arg.value : null;
    }
  }
  return null;
}

/** @media/@supports conditions: keywords, numbers, `(feature: value)`; no functions or urls. */
function isPlainCondition(list: readonly CssComponent[]): boolean {
  return list.every((c) => {
    switch (c.type) {
      case "ident":
      case "number":
      case "percentage":
      case "dimension":
      case "whitespace":
      case "comma":
      case "colon":
        return true;
      case "delim":
        return c.value === "/" || c.value === "=";
      case "block":
        return c.open === "(" && isPlainCondition(c.value);
      default:
        return false;
    }
  });
}

function filterFontFace(block: readonly CssComponent[], loader: CssLoader): string | null {
  let refused = false;
  const declarations = filterDeclarations(block, (url) => {
    if (FONT_DATA.test(url)) return url;
    // Counts a remote src as blocked (and records its host); any other src is just refused.
    loader.load(url, "other");
    refused = true;
    return null;
  });
  if (refused || declarations.length === 0) return null;
  return `@font-face{${serializeDeclarations(declarations)}}`;
}

function filterKeyframes(rule: Rule, loader: CssLoader): string | null {
  const name = trimComponents(rule.prelude);
  if (name.length !== 1 || (name[0]!.type !== "ident" && name[0]!.type !== "string")) return null;
  const frames: string[] = [];
  for (const frame of consumeRules(rule.block!)) {
    if (frame.atName !== null || frame.block === null) continue;
    const selectors = keyframeSelectorList(frame.prelude);
    const declarations = serializeDeclarations(filterDeclarations(frame.block, ruleUrls(loader)));
    if (selectors && declarations) frames.push(`${selectors}{${declarations}}`);
  }
  return frames.length > 0 ? `@keyframes ${serializeComponents(name)}{${frames.join("")}}` : null;
}
