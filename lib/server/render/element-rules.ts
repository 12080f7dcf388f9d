// The mail rules DOMPurify does not know, applied to its output element by element: every URL
// through the URL policy, every style attribute through the CSS filter, links made explicit,
// forms made inert, media and image inputs reduced to what an image viewer needs.

import { type CssDeclaration, serializeDeclarations } from "./css/css-declarations.ts";
import { serializeComponents } from "./css/css-serialize.ts";
import { styleAttributeDeclarations } from "./css/css-stylesheet.ts";
import { MAX_DOM_DEPTH } from "./render-limits.ts";
import { parseSrcset, serializeSrcset } from "./srcset.ts";
import type { LoadUse, RenderTally } from "./url-policy.ts";

/** Marks an element whose remote source was removed; the reader styles it as a placeholder. */
export const BLOCKED_ATTRIBUTE = "data-lbx-blocked";

interface FilteredStyle {
  declarations: CssDeclaration[];
  text: string;
}

/**
 * Newsletters repeat the same style attribute on hundreds of cells; filtering each distinct text
 * once halves the time of the rules pass. Only texts that cannot hold a URL are cached (a url()
 * is counted and decided each time it occurs; a backslash could spell `\75rl(`).
 */
type StyleCache = Map<string, FilteredStyle>;

/** Filters the style attribute in place; returns the surviving declarations. */
function filterStyle(el: Element, tally: RenderTally, cache: StyleCache): CssDeclaration[] {
  const css = el.getAttribute("style");
  if (css === null) return [];
  let filtered = cache.get(css);
  if (!filtered) {
    const declarations = styleAttributeDeclarations(css, tally);
    filtered = { declarations, text: serializeDeclarations(declarations) };
    if (!/url|\\/i.test(css)) cache.set(css, filtered);
  }
  if (!filtered.text) el.removeAttribute("style");
  else if (filtered.text !== css) el.setAttribute("style", filtered.text);
  return filtered.declarations;
}

/** Decides a single-URL attribute in place. */
function filterUrlAttribute(
  el: Element,
  name: string,
  use: LoadUse,
  tally: RenderTally,
): { blocked: boolean; remote: boolean } {
  const value = el.getAttribute(name);
  if (value === null) return { blocked: false, remote: false };
  const decision = tally.load(value, use);
  if (decision.url === null) el.removeAttribute(name);
  else if (decision.url !== value) el.setAttribute(name, decision.url);
  return { blocked: decision.url === null && decision.remote, remote: decision.remote };
}

const DESCRIPTOR = /^(?:\d+(?:\.\d+)?(?:e[+-]?\d+)?[xwh](?: |$))*$/i;

/** Decides each srcset candidate; returns whether a remote one was removed / any was remote. */
function filterSrcset(el: Element, tally: RenderTally): { blocked: boolean; remote: boolean } {
  const value = el.getAttribute("srcset");
  if (value === null) return { blocked: false, remote: false };
  let blocked = false;
  let remote = false;
  const kept = [];
  for (const candidate of parseSrcset(value)) {
    // Descriptors are kept only in their valid forms (`2x`, `600w`, `1.5x 300h`), not as free
    // text; a browser ignores a candidate with any other descriptor, so it is not a load.
    if (!DESCRIPTOR.test(candidate.descriptor)) continue;
    const decision = tally.load(candidate.url, "image");
    remote ||= decision.remote;
    blocked ||= decision.url === null && decision.remote;
    // A URL with whitespace or a trailing comma would split into other candidates on re-parse.
    if (decision.url !== null && !/\s|,$/.test(decision.url)) {
      kept.push({ url: decision.url, descriptor: candidate.descriptor });
    }
  }
  if (kept.length > 0) el.setAttribute("srcset", serializeSrcset(kept));
  else el.removeAttribute("srcset");
  return { blocked, remote };
}

const pixels = (value: string | null | undefined): number | null => {
  if (value === null || value === undefined) return null;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*$/i.exec(value);
  return match ? Number(match[1]) : null;
};

/**
 * A tracking pixel: an image at most 1×1 (by attributes or style) or hidden outright. Only remote
 * images are counted; the reader reports them next to the blocked count.
 */
function isTrackingPixel(el: Element, declarations: readonly CssDeclaration[]): boolean {
  const style = new Map(declarations.map((d) => [d.property, serializeComponents(d.value)]));
  if (el.hasAttribute("hidden")) return true;
  if (style.get("display")?.toLowerCase() === "none") return true;
  if (style.get("visibility")?.toLowerCase() === "hidden") return true;
  if (style.get("opacity") === "0") return true;
  const width = pixels(style.get("width")) ?? pixels(el.getAttribute("width"));
  const height = pixels(style.get("height")) ?? pixels(el.getAttribute("height"));
  if (width === null && height === null) return false;
  return (width ?? 0) <= 1 && (height ?? 0) <= 1;
}

function image(el: Element, tally: RenderTally, declarations: CssDeclaration[]): void {
  const src = filterUrlAttribute(el, "src", "image", tally);
  const srcset = filterSrcset(el, tally);
  if (src.blocked || srcset.blocked) el.setAttribute(BLOCKED_ATTRIBUTE, "");
  if ((src.remote || srcset.remote) && isTrackingPixel(el, declarations)) tally.trackingPixels++;
}

function link(el: Element, tally: RenderTally): void {
  const href = el.getAttribute("href");
  if (href === null) return; // a named anchor
  const url = tally.link(href);
  if (url === null) {
    el.removeAttribute("href");
    return;
  }
  el.setAttribute("href", url);
  // Removed first so that they always come last, in this order: re-sanitizing gives the same text.
  for (const name of ["target", "rel", "title"]) el.removeAttribute(name);
  // New browsing context, no opener, no Referer (the message's own URL must not leak).
  el.setAttribute("target", "_blank");
  el.setAttribute("rel", "noopener noreferrer");
  // The real target, visible on hover: link text that shows one URL and points to another.
  el.setAttribute("title", url);
}

/** <video>/<audio>: nothing plays in mail; src and poster are loads that are never images. */
function media(el: Element, tally: RenderTally): void {
  const src = filterUrlAttribute(el, "src", "other", tally);
  const poster = filterUrlAttribute(el, "poster", "other", tally);
  if (src.blocked || poster.blocked) el.setAttribute(BLOCKED_ATTRIBUTE, "");
}

/** Replaces `el` by a new element named `tag`, keeping the attributes listed and the children. */
function rename(el: Element, tag: string, keep: (name: string) => boolean): Element {
  const replacement = el.ownerDocument.createElement(tag);
  for (const attr of Array.from(el.attributes)) {
    if (keep(attr.name)) replacement.setAttribute(attr.name, attr.value);
  }
  while (el.firstChild) replacement.appendChild(el.firstChild);
  el.replaceWith(replacement);
  return replacement;
}

const INPUT_ONLY = new Set([
  "type",
  "name",
  "value",
  "disabled",
  "checked",
  "readonly",
  "required",
]);

function applyToElement(el: Element, tally: RenderTally, cache: StyleCache): void {
  let element = el;
  const tag = element.localName;
  if (tag === "input") {
    // <input type=image> is an image in a form: keep it as an <img> (p05-style beacons use it too).
    if (element.getAttribute("type")?.trim().toLowerCase() !== "image") {
      element.remove();
      return;
    }
    element = rename(element, "img", (name) => !INPUT_ONLY.has(name));
  } else if (tag === "button") {
    // Keep the button's look and text, not its behaviour (p07: formaction phishing). It stays a
    // <button> (the parser treats one specially, a <span> would re-parse differently).
    for (const name of INPUT_ONLY) element.removeAttribute(name);
    element.setAttribute("type", "button");
  } else if ((tag === "a" || tag === "nobr") && element.parentElement?.closest(tag)) {
    // The parser can build <a> inside <a> (tables, adoption agency) but never parses it back:
    // the inner one becomes a <span>, so the output means the same after re-parsing.
    element = rename(element, "span", (name) => name !== "href");
    tally.restructured = true;
  } else if (
    tag === "track" ||
    (tag === "source" && element.parentElement?.localName !== "picture")
  ) {
    // Media sources: counted like any load, then removed with their element.
    filterUrlAttribute(element, "src", "other", tally);
    element.remove();
    return;
  }
  const declarations = filterStyle(element, tally, cache);
  if (filterUrlAttribute(element, "background", "image", tally).blocked) {
    element.setAttribute(BLOCKED_ATTRIBUTE, "");
  }
  switch (element.localName) {
    case "img":
    case "source": // inside <picture>: an image candidate
      image(element, tally, declarations);
      break;
    case "a":
    case "area":
      link(element, tally);
      break;
    case "video":
    case "audio":
      media(element, tally);
      break;
  }
}

/**
 * Applies the rules to every element below `root` (not to `root` itself), in document order.
 * Elements deeper than MAX_DOM_DEPTH are replaced by their text (see render-limits.ts).
 */
export function applyElementRules(root: Element, tally: RenderTally): void {
  const cache: StyleCache = new Map();
  const stack: [Element, number][] = [];
  for (let child = root.lastElementChild; child; child = child.previousElementSibling) {
    stack.push([child, 1]);
  }
  while (stack.length > 0) {
    const [el, depth] = stack.pop()!;
    if (depth >= MAX_DOM_DEPTH) {
      el.replaceWith(el.ownerDocument.createTextNode(el.textContent ?? ""));
      tally.restructured = true;
      continue;
    }
    // Children first collected, then the element handled: handling may replace or remove it.
    const children: Element[] = [];
    for (let child = el.firstElementChild; child; child = child.nextElementSibling)
      children.push(child);
    applyToElement(el, tally, cache);
    for (let k = children.length - 1; k >= 0; k--) stack.push([children[k]!, depth + 1]);
  }
}
