// Bounds the shape of HTML before jsdom parses it. jsdom spends ~15 µs and ~1 KB per element, and
// every insertion walks the ancestors (mutation records, memoized queries), so work is
// elements × depth: 100,000 nested <div>s, or a 4 MB body of `<b>`s, would hold the server for
// minutes. Chromium's parser flattens nesting beyond 512 for the same reason
// (kMaximumHTMLParserDOMTreeDepth). This pass approximates the tree with a tag scanner (comments
// and raw-text elements skipped, void and self-closing-by-sibling elements not nested), drops
// start tags that would nest deeper than MAX_PARSE_DEPTH (their content stays, as siblings), and
// cuts the input before the MAX_HTML_ELEMENTS-th start tag.
//
// Only approximation errors in pathological markup can change the result, and only by dropping
// tags: the output still goes through DOMPurify, so this pass is never a safety boundary.

import { MAX_HTML_ELEMENTS, MAX_PARSE_DEPTH } from "./render-limits";

export interface ShapedHtml {
  html: string;
  /** Start tags dropped for depth. */
  flattened: number;
  /** True if the input was cut at the element limit. */
  truncated: boolean;
}

// biome-ignore format: a list
const VOID = new Set([
  "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
  "wbr", "param", "keygen", "frame", "image", "basefont", "bgsound",
]);
// Never containers of blocks (a block start tag closes a <p>), so never deep: not counted.
const FLAT = new Set(["p", "option", "optgroup", "colgroup", "caption", "rb", "rt", "rtc", "rp"]);

// Implied end tags (HTML Standard §13.2.6.4.7): these start tags close an open element of the
// kinds listed, up to the nearest scope element. Without this, a table of unclosed <td>s would
// look a thousand levels deep; with it, nested tables count three levels each (tr, td, table).
const TABLE = new Set(["table"]);
const CELL = { closes: new Set(["td", "th"]), scope: TABLE };
const SECTION = { closes: new Set(["tbody", "thead", "tfoot"]), scope: TABLE };
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

function closeImplied(stack: string[], name: string): void {
  const rule = IMPLIED[name];
  if (!rule) return;
  for (let k = stack.length - 1; k >= 0; k--) {
    const open = stack[k]!;
    if (rule.scope.has(open)) return;
    if (rule.closes.has(open)) {
      stack.length = k;
      return;
    }
  }
}
// biome-ignore format: a list
const RAW_TEXT = new Set([
  "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
]);

const NAME = /[A-Za-z][^\s/>]*/y;

/** Index just past the `>` that ends the tag whose name ends at `i` (quoted values honoured). */
function tagEnd(html: string, from: number): number {
  let i = from;
  while (i < html.length) {
    const c = html[i];
    if (c === ">") return i + 1;
    if (c === "=") {
      i++;
      while (i < html.length && /\s/.test(html[i]!)) i++;
      const quote = html[i];
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, i + 1);
        if (close === -1) return html.length;
        i = close + 1;
        continue;
      }
      continue;
    }
    i++;
  }
  return html.length;
}

/** Start of the end tag that closes a raw-text element (its content is text, not tags). */
function skipRawText(html: string, from: number, name: string): number {
  const pattern = new RegExp(`</${name}[\\s/>]`, "gi");
  pattern.lastIndex = from;
  const match = pattern.exec(html);
  return match === null ? html.length : match.index;
}

export function shapeHtml(html: string): ShapedHtml {
  const stack: string[] = [];
  const dropped = new Map<string, number>();
  const kept: string[] = [];
  let copied = 0; // html[copied..] not yet pushed to `kept`
  let elements = 0;
  let flattened = 0;
  let i = html.indexOf("<");
  while (i !== -1 && i < html.length) {
    const next = html[i + 1];
    if (html.startsWith("<!--", i)) {
      const end = html.indexOf("-->", i + 4);
      i = end === -1 ? html.length : end + 3;
    } else if (next === "!" || next === "?") {
      const end = html.indexOf(">", i + 2);
      i = end === -1 ? html.length : end + 1;
    } else {
      const closing = next === "/";
      NAME.lastIndex = i + (closing ? 2 : 1);
      const name = NAME.exec(html)?.[0]?.toLowerCase();
      if (name === undefined) {
        i += 1;
      } else {
        const end = tagEnd(html, NAME.lastIndex);
        let drop = false;
        if (closing) {
          const pending = dropped.get(name) ?? 0;
          if (pending > 0) {
            dropped.set(name, pending - 1);
            drop = true;
          } else {
            const at = stack.lastIndexOf(name);
            if (at !== -1) stack.length = at;
          }
        } else {
          elements++;
          if (elements > MAX_HTML_ELEMENTS) {
            kept.push(html.slice(copied, i));
            return { html: kept.join(""), flattened, truncated: true };
          }
          const nests = !VOID.has(name) && !FLAT.has(name) && !RAW_TEXT.has(name);
          if (nests) closeImplied(stack, name);
          if (nests && stack.length >= MAX_PARSE_DEPTH) {
            dropped.set(name, (dropped.get(name) ?? 0) + 1);
            flattened++;
            drop = true;
          } else if (nests) {
            // `<div/>` opens a div: the slash means nothing on HTML elements.
            stack.push(name);
          }
        }
        if (drop) {
          kept.push(html.slice(copied, i));
          copied = end;
        }
        i = !closing && RAW_TEXT.has(name) ? skipRawText(html, end, name) : end;
        if (!closing && name === "plaintext") i = html.length;
      }
    }
    i = html.indexOf("<", i);
  }
  if (copied === 0) return { html, flattened, truncated: false };
  kept.push(html.slice(copied));
  return { html: kept.join(""), flattened, truncated: false };
}
