// The srcdoc document of the reader's message frame: `<iframe sandbox srcdoc=…>` with no allow-*
// token (no script, opaque origin, no forms, no top navigation). Its own CSP <meta> is a second
// wall behind the sanitizer: even if markup slipped through, nothing could load but images from
// the app's own part and proxy routes and data: images, no form could submit, no <base> could
// re-point relative URLs (manifest p04–p07; the "sandboxed" reference rendering in
// validation-chromium156.tsv is this frame without the sanitizer).

import { MAIL_ROOT_CLASS } from "./css/css-selector-scope.ts";
import { BLOCKED_ATTRIBUTE } from "./element-rules.ts";

export interface MailFrameOptions {
  /**
   * Where images may come from: the app's part route and image proxy, as absolute URLs (an origin,
   * or an origin and a path prefix ending in `/`), or `'self'`. CSP source expressions: a srcdoc
   * document's opaque origin makes `'self'` unreliable, so prefer absolute URLs.
   */
  imgSources: string[];
  /** Dark reader theme: dark defaults for messages that set no colours of their own. */
  darkMode?: boolean;
}

// An origin with an optional path: no quotes, spaces, `;` or `,` that could end the source list
// and start another directive (CSP injection), no wildcards.
const SOURCE = /^https?:\/\/[a-z0-9.-]+(?::\d{1,5})?(?:\/[A-Za-z0-9._~!$&()*+=:@%/-]*)?$/i;

function checkSource(source: string): string {
  if (source === "'self'" || SOURCE.test(source)) return source;
  throw new TypeError(`mailFrameDocument: not a CSP image source: ${JSON.stringify(source)}`);
}

/**
 * The frame's Content-Security-Policy. form-action and base-uri do not fall back to default-src,
 * so they are spelled out; default-src 'none' covers script, frames, objects, media, fetches.
 */
export function mailFrameCsp(imgSources: readonly string[]): string {
  const images = [...imgSources.map(checkSource), "data:"].join(" ");
  return [
    "default-src 'none'",
    `img-src ${images}`,
    "style-src 'unsafe-inline'",
    "font-src data:",
    "form-action 'none'",
    "base-uri 'none'",
  ].join("; ");
}

const BASE_STYLE = `html,body{margin:0;padding:0}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1f2328;background:#fff;overflow-wrap:break-word;word-wrap:break-word}
.${MAIL_ROOT_CLASS}{position:relative;padding:16px}
img{max-width:100%;height:auto}
pre{white-space:pre-wrap}
table{max-width:100%}
img[${BLOCKED_ATTRIBUTE}]{outline:1px dashed #b0b7c0;outline-offset:-1px;background:#f3f4f6}`;

const DARK_STYLE = `:root{color-scheme:dark}
body{color:#e6e8eb;background:#17191c}
a{color:#7cb7ff}`;

// A message that sets its own colours was designed for a light page: inverting half of it would
// make it unreadable, so it keeps a light page, as Apple Mail and Thunderbird do.
const SETS_COLOURS = /\b(?:color|bgcolor|background(?:-color|-image)?)\s*[:=]/i;

/** The full srcdoc document for a sanitized message (the `html` of sanitizeMailHtml). */
export function mailFrameDocument(sanitized: string, options: MailFrameOptions): string {
  // A cheap guard against passing the raw body by mistake: sanitized output is one wrapper.
  if (!sanitized.startsWith(`<div class="${MAIL_ROOT_CLASS}`) || !sanitized.endsWith("</div>")) {
    throw new TypeError("mailFrameDocument: expects the html of sanitizeMailHtml");
  }
  const csp = mailFrameCsp(options.imgSources);
  const dark = options.darkMode === true && !SETS_COLOURS.test(sanitized);
  return [
    "<!doctype html>",
    '<html><head><meta charset="utf-8">',
    // Attribute value: the CSP text has no `"` (sources are checked above), so no escaping needed.
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="referrer" content="no-referrer">',
    `<meta name="color-scheme" content="${dark ? "dark" : "light"}">`,
    `<style>${BASE_STYLE}${dark ? `\n${DARK_STYLE}` : ""}</style>`,
    `</head><body>${sanitized}</body></html>`,
  ].join("");
}
