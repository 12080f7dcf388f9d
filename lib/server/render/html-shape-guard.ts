// Bounds the work of parsing a message's HTML before jsdom does it. jsdom costs ~15 µs and ~1 KB
// per element and every insertion walks the ancestors, so three shapes of hostile HTML hold the
// server for seconds to minutes with small inputs:
//   - deep nesting (100,000 <div>s): work is elements × depth. Chromium flattens at 512
//     (kMaximumHTMLParserDOMTreeDepth); we drop start tags past MAX_PARSE_DEPTH, keeping content;
//   - many elements (a 4 MB body of `<b>`): cut before the MAX_HTML_ELEMENTS-th element;
//   - formatting-element reconstruction (HTML Standard §13.2.4.3): `<b id=1><p>x<b id=2><p>x…`
//     makes the parser re-create every still-open <b> inside each new paragraph — 12 KB of input
//     became 100,000 elements and 4 s. We model the list of active formatting elements (markers,
//     Noah's Ark), cap it at MAX_ACTIVE_FORMATTING and charge each re-created element to the
//     element budget;
//   - and tags with thousands of attributes (the tokenizer's duplicate check is quadratic): cut
//     after MAX_ATTRIBUTES.
// The model is the tree-construction stage reduced to what decides depth and re-creation. Where it
// is wrong, the only effect is a tag dropped or kept: DOMPurify parses the result afterwards, so
// this pass is never a safety boundary.

import { scanTags } from "./html-tag-scanner.ts";
import { MAX_ACTIVE_FORMATTING, MAX_HTML_ELEMENTS, MAX_PARSE_DEPTH } from "./render-limits.ts";

export interface ShapedHtml {
  html: string;
  /** True if the input was cut at the element limit. */
  truncated: boolean;
  /**
   * True if the parser will have to repair misnested markup: foster parenting out of tables,
   * formatting elements closed out of order or re-created, <a> inside <a>, foreign content, or
   * anything this pass dropped. Such trees can serialize to markup that parses differently, so
   * the sanitizer then checks its output by re-parsing it (sanitize-mail-html.ts).
   */
  misnested: boolean;
}

// biome-ignore format: lists
const VOID = new Set([
  "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
  "wbr", "param", "keygen", "frame", "image", "basefont", "bgsound",
]);
// Cannot hold blocks, so never deep: not modelled.
const FLAT = new Set(["option", "optgroup", "colgroup", "rb", "rt", "rtc", "rp"]);
// biome-ignore format: lists
const FORMATTING = new Set([
  "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
]);
// Elements that insert a marker into the active formatting list and clear to it when they close.
const MARKERS = new Set(["td", "th", "caption", "marquee", "object", "applet", "template"]);
// Start tags that close an open <p> (and with it the formatting elements opened inside it).
// biome-ignore format: lists
const CLOSES_P = new Set([
  "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl",
  "fieldset", "figcaption", "figure", "footer", "header", "hgroup", "main", "menu", "nav", "ol",
  "p", "search", "section", "summary", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "listing",
  "form", "li", "dd", "dt", "table", "hr", "xmp", "plaintext",
]);
// Where a table's own content goes; anything else there is foster-parented out of the table.
const IN_TABLE = new Set(["table", "tbody", "thead", "tfoot", "tr"]);
// biome-ignore format: lists
const TABLE_CONTENT = new Set([
  "caption", "colgroup", "col", "tbody", "thead", "tfoot", "tr", "td", "th", "table", "style",
  "script", "template",
]);
// The boundaries of "button scope", where the search for an open <p> stops.
// biome-ignore format: lists
const P_SCOPE = new Set([
  "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template", "button",
]);
const TABLE = new Set(["table"]);
const CELL = { closes: new Set(["td", "th"]), scope: TABLE };
const SECTION = { closes: new Set(["tbody", "thead", "tfoot"]), scope: TABLE };
// Implied end tags: these start tags close an open element of the listed kinds, up to the scope.
const IMPLIED: Record<string, { closes: ReadonlySet<string>; scope: ReadonlySet<string> }> = {
  td: CELL,
  th: CELL,
  tr: { closes: new Set(["tr"]), scope: TABLE },
  tbody: SECTION,
  thead: SECTION,
  tfoot: SECTION,
  li: { closes: new Set(["li"]), scope: new Set(["ul", "ol", "menu"]) },
  dt: { closes: new Set(["dt", "dd"]), scope: new Set(["dl"]) },
  dd: { closes: new Set(["dt", "dd"]), scope: new Set(["dl"]) },
};

interface Active {
  name: string;
  /** Tag source: Noah's Ark compares name and attributes. */
  tag: string;
  onStack: boolean;
}
interface Open {
  name: string;
  active: Active | null;
}

class TreeModel {
  readonly stack: Open[] = [];
  /** The list of active formatting elements; null is a marker. */
  readonly active: (Active | null)[] = [];
  elements = 0;
  misnested = false;

  /** True when the current node is table structure: text or other tags there are fostered. */
  inTableStructure(): boolean {
    const top = this.stack[this.stack.length - 1];
    return top !== undefined && IN_TABLE.has(top.name);
  }

  lastOpen(name: string, scope?: ReadonlySet<string>): number {
    for (let k = this.stack.length - 1; k >= 0; k--) {
      const open = this.stack[k]!.name;
      if (open === name) return k;
      if (scope?.has(open)) return -1;
    }
    return -1;
  }

  popTo(index: number): void {
    for (let k = this.stack.length - 1; k >= index; k--) {
      const open = this.stack[k]!;
      if (open.active) open.active.onStack = false;
      if (MARKERS.has(open.name)) this.clearToMarker();
    }
    this.stack.length = Math.max(0, index);
  }

  clearToMarker(): void {
    for (
      let entry = this.active.pop();
      entry !== undefined && entry !== null;
      entry = this.active.pop()
    ) {
      entry.onStack = false;
    }
  }

  /** Removes an entry from the active list and closes its element if it is open. */
  forget(entry: Active): void {
    this.active.splice(this.active.lastIndexOf(entry), 1);
    const at = this.stack.findLastIndex((open) => open.active === entry);
    if (at !== -1) this.popTo(at);
  }

  /** Entries after the last marker. */
  sinceMarker(): Active[] {
    const out: Active[] = [];
    for (let k = this.active.length - 1; k >= 0 && this.active[k] !== null; k--)
      out.push(this.active[k]!);
    return out.reverse();
  }

  /** §13.2.4.3: re-create active formatting elements that are no longer open; each costs one. */
  reconstruct(): void {
    for (const entry of this.sinceMarker()) {
      if (entry.onStack) continue;
      entry.onStack = true;
      this.stack.push({ name: entry.name, active: entry });
      this.elements++;
      this.misnested = true;
    }
  }

  closeImplied(name: string): void {
    if (CLOSES_P.has(name)) {
      const p = this.lastOpen("p", P_SCOPE);
      if (p !== -1) this.popTo(p);
    }
    const rule = IMPLIED[name];
    if (!rule) return;
    for (let k = this.stack.length - 1; k >= 0; k--) {
      const open = this.stack[k]!.name;
      if (rule.scope.has(open)) return;
      if (rule.closes.has(open)) {
        this.popTo(k);
        return;
      }
    }
  }

  /** A start tag; false if it must be dropped (too deep, or too many formatting elements). */
  start(name: string, tag: string): boolean {
    this.elements++;
    if (this.inTableStructure() && !TABLE_CONTENT.has(name)) this.misnested = true;
    if (name === "svg" || name === "math") this.misnested = true;
    if (VOID.has(name) || FLAT.has(name)) {
      this.reconstruct();
      return true;
    }
    this.closeImplied(name);
    if (name === "a" || name === "nobr") {
      // An open <a> (or <nobr>) is closed by the next one (adoption agency), not nested.
      const open = this.sinceMarker().findLast((entry) => entry.name === name);
      if (open) {
        this.forget(open);
        this.misnested = true;
      }
    }
    const formatting = FORMATTING.has(name) ? this.sinceMarker() : null;
    if (formatting && formatting.length >= MAX_ACTIVE_FORMATTING) return false;
    if (!CLOSES_P.has(name) && !IMPLIED[name]) this.reconstruct();
    if (this.stack.length >= MAX_PARSE_DEPTH) return false;
    let active: Active | null = null;
    if (formatting) {
      // Noah's Ark: a fourth identical entry removes the earliest of the three.
      const same = formatting.filter((entry) => entry.tag === tag);
      if (same.length >= 3) this.active.splice(this.active.indexOf(same[0]!), 1);
      active = { name, tag, onStack: true };
      this.active.push(active);
    } else if (MARKERS.has(name)) {
      this.active.push(null);
    }
    this.stack.push({ name, active });
    return true;
  }

  end(name: string): void {
    if (FORMATTING.has(name)) {
      const entry = this.sinceMarker().findLast((e) => e.name === name);
      if (entry) {
        // Not the current node: the adoption agency algorithm restructures the tree.
        if (this.stack[this.stack.length - 1]?.active !== entry) this.misnested = true;
        this.forget(entry);
        return;
      }
    }
    const at = this.lastOpen(name);
    if (at !== -1) this.popTo(at);
  }
}

export function shapeHtml(html: string): ShapedHtml {
  const model = new TreeModel();
  const droppedEnds = new Map<string, number>();
  const out: string[] = [];
  let copied = 0; // html[copied..] is not yet in `out`
  const skip = (from: number, to: number, replacement = "") => {
    out.push(html.slice(copied, from), replacement);
    copied = to;
  };
  for (const token of scanTags(html)) {
    if (token.type === "text") {
      if (model.inTableStructure()) model.misnested = true;
      model.reconstruct();
    } else if (token.type === "end") {
      const pending = droppedEnds.get(token.name) ?? 0;
      if (pending > 0) {
        droppedEnds.set(token.name, pending - 1);
        skip(token.from, token.to);
      } else {
        model.end(token.name);
      }
    } else if (
      !model.start(token.name, FORMATTING.has(token.name) ? html.slice(token.from, token.to) : "")
    ) {
      droppedEnds.set(token.name, (droppedEnds.get(token.name) ?? 0) + 1);
      skip(token.from, token.to);
    } else if (token.attributeCut !== -1) {
      skip(token.attributeCut, token.to, ">");
    }
    if (model.elements > MAX_HTML_ELEMENTS) {
      out.push(html.slice(copied, token.from));
      return { html: out.join(""), truncated: true, misnested: true };
    }
  }
  if (copied === 0) return { html, truncated: false, misnested: model.misnested };
  out.push(html.slice(copied));
  return { html: out.join(""), truncated: false, misnested: model.misnested };
}
