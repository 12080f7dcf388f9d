// Sanitizes a message's HTML body for display in the reader's sandboxed srcdoc frame
// (mail-frame-document.ts). The frame already blocks script; this output must be safe on its own:
// no script, no event handler, no javascript:/vbscript:/data:text/html URL, no remote load before
// consent and afterwards only images through the app's proxy, no form that submits, no CSS that
// loads or escapes the message (manifest p01–p09, p15).
//
// Pipeline: DOMPurify (HTML profile, forms/foreign content removed, <style> text rebuilt by the
// CSS filter) → the message's <body> becomes <div class="lbx-mail"> → element rules (URLs, srcset,
// style attributes, links, forms, media). The output is stable: sanitizing it again gives it back
// (our own wrapper is recognised and unwrapped instead of wrapped twice).

import { serializeUrl } from "./css/css-serialize";
import { MAIL_ROOT_CLASS } from "./css/css-selector-scope";
import { filterStyleAttribute, filterStylesheet } from "./css/css-stylesheet";
import { applyElementRules } from "./element-rules";
import { shapeHtml } from "./html-shape-guard";
import { purifyMailHtml } from "./purifier";
import { MAX_HTML_CHARS } from "./render-limits";
import { type RenderOptions, RenderTally } from "./url-policy";

export type { RenderOptions } from "./url-policy";

export interface SanitizedMail {
  /** `<div class="lbx-mail">…</div>`, to be placed in the frame's <body>. */
  html: string;
  /** Remote URLs removed (all of them with remote:"block"; non-images with remote:"allow"). */
  remoteBlocked: number;
  /** Remote images at most 1×1 or hidden, blocked or proxied. */
  trackingPixels: number;
  /** Hosts of every remote URL met, in order of appearance. */
  remoteHosts: string[];
  /** cid: references resolveCid refused (missing part, or not an image part). */
  cidMissing: string[];
  /** Links kept (http, https, mailto). */
  links: number;
  /** True when the HTML was cut at MAX_HTML_CHARS or MAX_HTML_ELEMENTS (render-limits.ts). */
  truncated: boolean;
}

// Only plain colour values go into generated CSS: names and #hex (HTML's legacy colour parsing).
const COLOUR = /^#?[0-9a-z]{1,20}$/i;

/** Our own wrapper, met again when our output is sanitized a second time. */
function isOwnWrapper(el: Element): boolean {
  return (
    el.localName === "div" &&
    el.getAttribute("class") === MAIL_ROOT_CLASS &&
    Array.from(el.attributes).every((a) => a.name === "class" || a.name === "style")
  );
}

function soleElementChild(parent: Element): Element | null {
  const only = parent.firstElementChild;
  if (!only || only.nextElementSibling) return null;
  for (const node of Array.from(parent.childNodes)) {
    if (node !== only && !(node.nodeType === 3 && /^\s*$/.test(node.textContent ?? "")))
      return null;
  }
  return only;
}

/**
 * Opens the wrapper that stands for the message's <body>: its bgcolor/text/background attributes
 * become CSS (they cannot stay attributes on a <div>) and go through the same CSS filter, so a
 * `<body background="http://p05-4…">` is one more blocked (or proxied) image. The children are not
 * moved into a new element (slow in jsdom): the caller serializes `source`'s content inside it.
 */
function openWrapper(body: HTMLElement, source: Element, tally: RenderTally): string {
  const css: string[] = [];
  if (source === body) {
    const bgcolor = body.getAttribute("bgcolor")?.trim();
    const text = body.getAttribute("text")?.trim();
    const background = body.getAttribute("background");
    if (bgcolor && COLOUR.test(bgcolor)) css.push(`background-color: ${bgcolor}`);
    if (text && COLOUR.test(text)) css.push(`color: ${text}`);
    if (background) css.push(`background-image: ${serializeUrl(background)}`);
  }
  const style = source.getAttribute("style");
  if (style) css.push(style);
  const wrapper = body.ownerDocument.createElement("div");
  wrapper.setAttribute("class", MAIL_ROOT_CLASS);
  const filtered = filterStyleAttribute(css.join("; "), tally);
  if (filtered) wrapper.setAttribute("style", filtered);
  return wrapper.outerHTML.slice(0, -"</div>".length);
}

export function sanitizeMailHtml(html: string, options: RenderOptions): SanitizedMail {
  const tally = new RenderTally(options);
  const cut = html.length > MAX_HTML_CHARS;
  const shaped = shapeHtml(cut ? html.slice(0, MAX_HTML_CHARS) : html);
  const truncated = cut || shaped.truncated;
  const { headStyles, body } = purifyMailHtml(shaped.html, {
    filterStyle: (css) => filterStylesheet(css, tally),
    // <link rel=stylesheet|icon|prefetch href=…> would load: count it with the blocked (p04-3).
    removedLink: (href) => tally.load(href, "other"),
  });
  // The head's style sheets open the message; the body follows (<style> in a <div> applies to the
  // whole document in every browser, and is what Gmail and Outlook.com do too).
  const styles = headStyles
    .filter((style) => style.textContent)
    .map((style) => `<style>${style.textContent}</style>`)
    .join("");
  let content = "";
  let open = `<div class="${MAIL_ROOT_CLASS}">`;
  if (body) {
    const own = soleElementChild(body);
    const source = own && isOwnWrapper(own) ? own : body;
    open = openWrapper(body, source, tally);
    applyElementRules(source, tally);
    content = source.innerHTML;
  }
  return {
    html: `${open}${styles}${content}</div>`,
    remoteBlocked: tally.remoteBlocked,
    trackingPixels: tally.trackingPixels,
    remoteHosts: [...tally.remoteHosts],
    cidMissing: [...tally.cidMissing],
    links: tally.links,
    truncated,
  };
}
