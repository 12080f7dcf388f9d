// Sanitizes a message's HTML body for display in the reader's sandboxed srcdoc frame
// (mail-frame-document.ts). The frame already blocks script; this output must be safe on its own:
// no script, no event handler, no javascript:/vbscript:/data:text/html URL, no remote load before
// consent and afterwards only images through the app's proxy, no form that submits, no CSS that
// loads or escapes the message (manifest p01–p09, p15).
//
// Pipeline: DOMPurify (HTML profile, forms/foreign content removed, <style> text rebuilt by the
// CSS filter) → the message's <body> becomes <div class="lbx-mail"> → element rules (URLs, srcset,
// style attributes, links, forms, media). The output is stable: sanitizing it again gives it back
// (our own wrapper is recognised and unwrapped instead of wrapped twice), and parsing it gives the
// tree that was sanitized (see sanitizeMailHtml).

import { MAIL_ROOT_CLASS } from "./css/css-selector-scope.ts";
import { filterStylesheet } from "./css/css-stylesheet.ts";
import { applyElementRules } from "./element-rules.ts";
import { shapeHtml } from "./html-shape-guard.ts";
import { mailWrapper } from "./mail-wrapper.ts";
import { purifyMailHtml, reparseBody } from "./purifier.ts";
import { MAX_HTML_CHARS, MAX_SANITIZE_PASSES } from "./render-limits.ts";
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

interface Pass {
  html: string;
  tally: RenderTally;
  truncated: boolean;
  /** The tree may serialize to markup that parses differently: check by re-parsing. */
  suspect: boolean;
}

function sanitizePass(html: string, options: RenderOptions, trusted: ReadonlySet<string>): Pass {
  const tally = new RenderTally(options, trusted);
  const cut = html.length > MAX_HTML_CHARS;
  const shaped = shapeHtml(cut ? html.slice(0, MAX_HTML_CHARS) : html);
  const purified = purifyMailHtml(shaped.html, {
    filterStyle: (css) => filterStylesheet(css, tally),
    // <link rel=stylesheet|icon|prefetch href=…> would load: count it with the blocked (p04-3).
    removedLink: (href) => tally.load(href, "other"),
  });
  // The head's style sheets open the message; the body follows (<style> in a <div> applies to the
  // whole document in every browser, and is what Gmail and Outlook.com do too).
  const styles = purified.headStyles
    .filter((style) => style.textContent)
    .map((style) => `<style>${style.textContent}</style>`)
    .join("");
  let content = "";
  let open = `<div class="${MAIL_ROOT_CLASS}">`;
  if (purified.body) {
    const wrapper = mailWrapper(purified.root, purified.body, tally);
    open = wrapper.open;
    applyElementRules(wrapper.content, tally);
    content = wrapper.content.innerHTML;
  }
  return {
    html: `${open}${styles}${content}</div>`,
    tally,
    truncated: cut || shaped.truncated,
    suspect: shaped.misnested || purified.hoisted || tally.restructured,
  };
}

/**
 * The parser repairs misnested markup into trees it would never build from their own
 * serialization (foster parenting out of tables, the adoption agency, an element moved up when
 * its parent was removed): serialized and parsed again, such a tree comes out different. Then
 * the browser would not render the tree we sanitized. What it renders is still only our
 * elements and attributes, rearranged, but "what we checked is what runs" should hold without
 * an argument, so when the first pass saw misnesting its output is re-parsed and, if it
 * changed, sanitized again until it is stable (at most MAX_SANITIZE_PASSES passes; the counts
 * are the first pass's). Well-formed mail takes one pass.
 */
export function sanitizeMailHtml(html: string, options: RenderOptions): SanitizedMail {
  const first = sanitizePass(html, options, new Set());
  let last = first;
  let trusted: ReadonlySet<string> = first.tally.emitted;
  for (let pass = 1; pass < MAX_SANITIZE_PASSES && last.suspect; pass++) {
    if (reparseBody(last.html) === last.html) break;
    last = sanitizePass(last.html, options, trusted);
    trusted = new Set([...trusted, ...last.tally.emitted]);
  }
  const { tally } = first;
  return {
    html: last.html,
    remoteBlocked: tally.remoteBlocked,
    trackingPixels: tally.trackingPixels,
    remoteHosts: [...tally.remoteHosts],
    cidMissing: [...tally.cidMissing],
    links: tally.links,
    truncated: first.truncated,
  };
}
