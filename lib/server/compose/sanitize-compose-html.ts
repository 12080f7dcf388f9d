/**
 * The composed body's HTML, cleaned by the compose policy on the server before it is sent or
 * saved (the browser's copy of the policy already ran on paste, but the request may not come
 * from our page), with its plain-text alternative made from the same DOM.
 */
import createDOMPurify, { type DOMPurify } from "dompurify";
import { JSDOM } from "jsdom";
import { applyComposeRules, COMPOSE_PURIFY_CONFIG } from "./compose-html-policy.ts";
import { htmlToText } from "./html-to-text.ts";

interface Instance {
  purify: DOMPurify;
  document: Document;
}

// One jsdom window for the process, as the reader's sanitizer does: it never runs script and
// never loads anything (no runScripts, no resources), and a window costs ~60 ms to create.
let instance: Instance | null = null;

function purifier(): Instance {
  if (!instance) {
    const { window } = new JSDOM("<!doctype html><body></body>");
    instance = {
      purify: createDOMPurify(window as unknown as Window & typeof globalThis),
      document: window.document,
    };
  }
  return instance;
}

export interface SanitizedCompose {
  /** The fragment, for the text/html part (or the editor). */
  html: string;
  /** The plain-text alternative of the same content. */
  text: string;
}

/**
 * `image(src)` decides each image: the URL to write (e.g. cid:...), or null to drop it.
 */
export function sanitizeComposeHtml(
  html: string,
  image: (src: string) => string | null,
): SanitizedCompose {
  const { purify, document } = purifier();
  const fragment = purify.sanitize(html, COMPOSE_PURIFY_CONFIG);
  applyComposeRules(fragment, image);
  const holder = document.createElement("div");
  holder.append(fragment);
  return { html: holder.innerHTML, text: htmlToText(holder) };
}

/** A sent HTML body: the fragment in a minimal document, which every client renders alike. */
export function htmlDocument(fragment: string): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${fragment}</body></html>`;
}

/**
 * The body of an HTML document (a draft read back, another program's draft): what the editor
 * shows. The compose sanitizer runs on it afterwards.
 */
export function documentBody(html: string): string {
  const { document } = purifier();
  const parsed = document.implementation.createHTMLDocument("");
  parsed.documentElement.innerHTML = html;
  return parsed.body?.innerHTML ?? "";
}
