/**
 * What HTML a composed message may hold: the formatting the composer offers (bold, italic,
 * lists, links, quotes) and what a quoted original needs to stay readable (headings, tables,
 * preformatted text), no styles, no scripts, no remote loads. One policy for both places HTML
 * enters: pasting into the editor (the browser's DOMPurify) and sending or saving (the server's
 * DOMPurify on jsdom), so what the person saw is what is sent. No imports beyond types: the
 * browser bundles this module.
 */
import type { Config } from "dompurify";

// biome-ignore format: the tag list reads better packed
const TAGS = [
  "p", "div", "br", "span", "b", "strong", "i", "em", "u", "s", "strike", "sub", "sup",
  "ul", "ol", "li", "a", "blockquote", "pre", "code", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
  "img", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption",
];

/** Attributes each element keeps; everything else (style, class, id, on*) goes. */
const ATTRIBUTES: Record<string, readonly string[]> = {
  a: ["href", "title"],
  img: ["src", "alt", "title"],
  td: ["colspan", "rowspan"],
  th: ["colspan", "rowspan"],
  blockquote: ["type"],
  ol: ["start"],
};

export const COMPOSE_PURIFY_CONFIG: Config & { RETURN_DOM_FRAGMENT: true } = {
  ALLOWED_TAGS: TAGS,
  ALLOWED_ATTR: [...new Set(Object.values(ATTRIBUTES).flat())],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  // Links: web and mail only. Images: our upload route (in the editor) or cid: (in the message).
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|cid:|\/api\/uploads\/[0-9a-f]{32}$)/i,
  // Content of dropped elements that is never text a person wrote.
  FORBID_CONTENTS: ["script", "style", "template", "svg", "math", "title", "head"],
  RETURN_DOM_FRAGMENT: true,
};

/** The editor shows an uploaded inline image from our own route. */
export const UPLOAD_IMAGE_SRC = /^\/api\/uploads\/([0-9a-f]{32})$/;

const LINK = /^(?:https?:\/\/[^\s]+|mailto:[^\s]+)$/i;

/**
 * The per-element rules DOMPurify's flat lists cannot say: which attribute on which element,
 * links only to http(s) and mailto, images only where `image` maps their source (anything
 * else, a remote image above all, is removed rather than loaded by every recipient).
 */
export function applyComposeRules(
  root: DocumentFragment | Element,
  image: (src: string) => string | null,
): void {
  for (const element of Array.from(root.querySelectorAll("*"))) {
    const tag = element.tagName.toLowerCase();
    const keep = ATTRIBUTES[tag] ?? [];
    for (const attribute of Array.from(element.attributes)) {
      if (!keep.includes(attribute.name.toLowerCase())) element.removeAttribute(attribute.name);
    }
    if (tag === "a") {
      const href = element.getAttribute("href")?.trim() ?? "";
      if (!LINK.test(href)) element.removeAttribute("href");
    } else if (tag === "img") {
      const mapped = image(element.getAttribute("src")?.trim() ?? "");
      if (mapped === null) element.remove();
      else element.setAttribute("src", mapped);
    } else if (tag === "blockquote" && element.getAttribute("type") !== "cite") {
      element.removeAttribute("type");
    }
  }
}
