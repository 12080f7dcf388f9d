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

import { MAIL_ROOT_CLASS } from "./css/css-selector-scope.ts";
import { filterStylesheet } from "./css/css-stylesheet.ts";
import { applyElementRules } from "./element-rules.ts";
import { shapeHtml } from "./html-shape-guard.ts";
import { mailWrapper } from "./mail-wrapper.ts";
import { purifyMailHtml } from "./purifier.ts";
import { MAX_HTML_CHARS } from "./render-limits.ts";
import { type RenderOptions, RenderTally } from "./url-policy.ts";

export type { RenderOptions } from "./url-policy.ts";

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

export function sanitizeMailHtml(html: string, options: RenderOptions): SanitizedMail {
  const tally = new RenderTally(options);
  const cut = html.length > MAX_HTML_CHARS;
  const shaped = shapeHtml(cut ? html.slice(0, MAX_HTML_CHARS) : html);
  const truncated = cut || shaped.truncated;
  const { root, headStyles, body } = purifyMailHtml(shaped.html, {
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
    const wrapper = mailWrapper(root, body, tally);
    open = wrapper.open;
    applyElementRules(wrapper.content, tally);
    content = wrapper.content.innerHTML;
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
