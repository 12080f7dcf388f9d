// DOMPurify on one jsdom window, created on first use and reused: a window costs ~60 ms and
// ~10 MB, a sanitize call only parses a new document inside it. jsdom here never runs script and
// never loads a resource (no `runScripts`, no `resources` option), so parsing hostile HTML on the
// server has no side effect.
//
// DOMPurify does the structural work (which elements and attributes exist, namespace and mXSS
// checks); sanitize-mail-html.ts then applies the mail rules (URLs, CSS, forms) on the returned DOM.

import { createRequire } from "node:module";
import createDOMPurify, { type Config } from "dompurify";
import { JSDOM, VirtualConsole } from "jsdom";

const HTML_NS = "http://www.w3.org/1999/xhtml";

// biome-ignore format: the tag and attribute lists read better packed
const CONFIG: Config = {
  // HTML only: no SVG, no MathML. Foreign content is where parser differentials live (<style>,
  // <title>, <desc> change parsing mode inside <svg>/<math>: Roundcube CVE-2017-6820,
  // CVE-2024-37383, CVE-2025-68461, DOMPurify's own namespace bypasses), and mail clients do not
  // render inline SVG anyway (Gmail and Outlook drop it). <svg>/<math> go with all their content.
  USE_PROFILES: { html: true },
  // The whole document, so that <style> in <head> survives (the caller moves it into the
  // message). Parsed after `<!doctype html>` (see purifyMailHtml).
  WHOLE_DOCUMENT: true,
  RETURN_DOM: true,
  // Forms are inert (manifest p07): <form> stays as a plain container with no action, method or
  // target (removing it would change how its content re-parses: a <form> is special to the
  // parser); choice and text controls go with their content; <input> and <button> are kept for
  // the post-pass (image inputs become <img>, other inputs are removed, buttons become
  // type=button). The frame's sandbox (no allow-forms) and CSP (form-action 'none') agree.
  FORBID_TAGS: [
    "select", "textarea", "option", "optgroup", "datalist", "template", "slot", "content",
    "shadow", "element", "decorator", "menuitem", "dialog",
  ],
  // Removed with their content: hoisting the fallback content of <object>/<applet> (scope
  // boundaries for the parser) would build trees that re-parse differently.
  ADD_FORBID_CONTENTS: [
    "select", "textarea", "datalist", "template", "svg", "math", "object", "applet", "frameset",
  ],
  // Attributes that submit, navigate, toggle UI without script, or name resources.
  FORBID_ATTR: [
    "action", "method", "enctype", "target", "accept-charset", "autocomplete", "formaction",
    "formmethod", "formtarget", "formenctype",
    "formnovalidate", "novalidate", "form", "popover", "popovertarget", "popovertargetaction",
    "command", "commandfor", "download", "ping", "nonce", "integrity", "crossorigin", "part",
    "exportparts", "slot", "tabindex", "autofocus", "inert",
  ],
  // Presentational attributes real mail uses that DOMPurify's list lacks; `text` is <body text>.
  ADD_ATTR: ["bordercolor", "hspace", "vspace", "frame", "rules", "text"],
};

type AttrModified = (
  this: JsdomElementImpl,
  name: string,
  value: string | null,
  old: string | null,
) => void;
interface JsdomElementImpl {
  _globalObject: unknown;
}

/**
 * jsdom parses every style attribute into a CSSStyleDeclaration (cssstyle + css-tree) as it is
 * set, and again when we write the filtered value back: measured, that is over half the time of
 * sanitizing a style-heavy newsletter. Nothing here reads `element.style` (DOMPurify does not,
 * our rules read the attribute text), so for elements of *our* window only, style attribute
 * changes skip that step. Other jsdom windows in the process are unaffected. If jsdom's internals
 * move (the module path or the method), this does nothing and sanitizing is merely slower.
 */
function skipInlineStyleParsing(window: object): void {
  try {
    const require = createRequire(import.meta.url);
    const htmlElement = require("jsdom/lib/jsdom/living/nodes/HTMLElement-impl.js").implementation;
    const proto = htmlElement?.prototype;
    const own: AttrModified | undefined = proto?._attrModified;
    const base: AttrModified | undefined = Object.getPrototypeOf(proto ?? {})?._attrModified;
    if (typeof own !== "function" || typeof base !== "function") return;
    proto._attrModified = function (this: JsdomElementImpl, name, value, old) {
      const ours = name === "style" && this._globalObject === window;
      return ours ? base.call(this, name, value, old) : own.call(this, name, value, old);
    } satisfies AttrModified;
  } catch {
    // jsdom's layout changed: keep its default behaviour (correct, only slower).
  }
}

interface Purifier {
  sanitize(html: string): HTMLElement;
}

export interface PurifiedMail {
  /** The <html> element (its dir and lang matter). */
  root: Element;
  /** <style> elements that were in <head>, in document order. */
  headStyles: Element[];
  /** The <body>, attributes included; null if the message replaced it (a <frameset>). */
  body: HTMLElement | null;
  /** A removed element's child elements were moved up to its parent (see NO_HOIST). */
  hoisted: boolean;
}

// Removed elements whose children do not survive (void, or removed with their content): their
// removal cannot move an element under another parent.
// biome-ignore format: a list
const NO_HOIST = new Set([
  ...(CONFIG.ADD_FORBID_CONTENTS ?? []), "script", "style", "title", "noscript", "noembed",
  "noframes", "iframe", "xmp", "plaintext", "head", "meta", "link", "base", "embed", "param",
  "input", "frame", "keygen", "source", "track", "image", "isindex",
]);

/** Per-call callbacks, set for the duration of one synchronous sanitize call. */
export interface PurifyHooks {
  /** Rewrites a <style> element's text. */
  filterStyle(css: string): string;
  /** Told of each <link href> before it is removed (to count what would have loaded). */
  removedLink(href: string): void;
}

let purifier: Purifier | null = null;
let active: PurifyHooks | null = null;
let hoisted = false;
let parseWindow: { DOMParser: typeof DOMParser } | null = null;

function createPurifier(): Purifier {
  // A silent console: jsdom reports CSS it cannot parse, and hostile mail is full of it.
  const { window } = new JSDOM("", { virtualConsole: new VirtualConsole() });
  skipInlineStyleParsing(window);
  const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);
  purify.setConfig(CONFIG);
  // Rewrite <style> text before DOMPurify's checks see it: the sheet is rebuilt from tokens
  // (css-stylesheet.ts) and can no longer hold markup such as `</style><img onerror=…>`, which
  // DOMPurify would otherwise answer by dropping the whole sheet (and with it the layout).
  purify.addHook("uponSanitizeElement", (node, data) => {
    const element = node as Element;
    if (active === null || element.namespaceURI !== HTML_NS) return;
    // An element about to be removed with its content kept: its child elements move up, which
    // can build trees the parser would not (a <div> straight inside a <p>, say).
    const removed = !data.allowedTags[data.tagName] || FORBIDDEN.has(data.tagName);
    if (removed && !NO_HOIST.has(data.tagName) && element.firstElementChild) hoisted = true;
    if (data.tagName === "style")
      element.textContent = active.filterStyle(element.textContent ?? "");
    else if (data.tagName === "link" && element.hasAttribute("href")) {
      active.removedLink(element.getAttribute("href")!);
    }
  });
  parseWindow = window as unknown as { DOMParser: typeof DOMParser };
  return {
    sanitize: (html) => purify.sanitize(html) as unknown as HTMLElement,
  };
}

const FORBIDDEN = new Set(CONFIG.FORBID_TAGS ?? []);

/** Parses sanitized output as the frame will (the body of a no-quirks document), re-serialized. */
export function reparseBody(html: string): string {
  purifier ??= createPurifier();
  const doc = new parseWindow!.DOMParser().parseFromString(
    `<!doctype html><html><head></head><body>${html}</body></html>`,
    "text/html",
  );
  return doc.body.innerHTML;
}

/**
 * Sanitizes with the mail configuration. The hooks run synchronously inside this call.
 *
 * The message is parsed in no-quirks mode (a `<!doctype html>` first; the message's own doctype
 * then no longer counts), because the reader's frame document is no-quirks too: in quirks mode a
 * <table> does not close an open <p>, so a tree built in one mode serializes to markup that the
 * other mode parses differently, and sanitizer and browser would no longer see the same document
 * (the root of mutation XSS). Stability under re-parsing is tested on the whole corpus.
 */
export function purifyMailHtml(html: string, hooks: PurifyHooks): PurifiedMail {
  purifier ??= createPurifier();
  active = hooks;
  hoisted = false;
  try {
    const root = purifier.sanitize(`<!doctype html>${html}`);
    const children = Array.from(root.children);
    const head = children.find((el) => el.localName === "head");
    const body = children.find((el) => el.localName === "body") as HTMLElement | undefined;
    const headStyles = head ? Array.from(head.getElementsByTagName("style")) : [];
    return { root, headStyles, body: body ?? null, hoisted };
  } finally {
    active = null;
  }
}
