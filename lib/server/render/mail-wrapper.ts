// The element that stands for the message's <html> and <body> in the output:
// `<div class="lbx-mail …">`. Everything of the message's own root that matters for display moves
// onto it, checked: bgcolor/text/background become CSS and go through the CSS filter (so
// `<body background="http://p05-4…">` is one more blocked or proxied image), body classes stay
// (`body.dark p` is scoped to `.lbx-mail.dark p`), and dir/lang stay (right-to-left mail).
// Sanitizing our own output again recognises this wrapper and unwraps it instead of nesting it.

import { MAIL_ROOT_CLASS } from "./css/css-selector-scope.ts";
import { serializeUrl } from "./css/css-serialize.ts";
import { filterStyleAttribute } from "./css/css-stylesheet.ts";
import type { RenderTally } from "./url-policy.ts";

// Only plain values go into generated CSS and attributes: HTML colour names and #hex, class
// tokens, the three dir values, BCP 47-shaped language tags.
const COLOUR = /^#?[0-9a-z]{1,20}$/i;
const CLASS_TOKEN = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;
const DIR = /^(?:ltr|rtl|auto)$/i;
const LANG = /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8}){0,7}$/;
const WRAPPER_ATTRIBUTES = new Set(["class", "style", "dir", "lang"]);

const classTokens = (el: Element) => (el.getAttribute("class") ?? "").split(/\s+/).filter(Boolean);

/** Our own wrapper, met again when our output is sanitized a second time. */
function isOwnWrapper(el: Element): boolean {
  return (
    el.localName === "div" &&
    classTokens(el)[0] === MAIL_ROOT_CLASS &&
    Array.from(el.attributes).every((a) => WRAPPER_ATTRIBUTES.has(a.name))
  );
}

/** The only element child, if the other children are whitespace text. */
function soleElementChild(parent: Element): Element | null {
  const only = parent.firstElementChild;
  if (!only || only.nextElementSibling) return null;
  for (const node of Array.from(parent.childNodes)) {
    if (node === only) continue;
    if (node.nodeType !== 3 || !/^\s*$/.test(node.textContent ?? "")) return null;
  }
  return only;
}

export interface MailWrapper {
  /** The start tag of the wrapper. */
  open: string;
  /** The element whose content goes inside the wrapper (the body, or our old wrapper). */
  content: Element;
}

/** Builds the wrapper for a sanitized <body> (and its <html>, for dir and lang). */
export function mailWrapper(root: Element, body: Element, tally: RenderTally): MailWrapper {
  const own = soleElementChild(body);
  const source = own && isOwnWrapper(own) ? own : body;
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
  const classes = classTokens(source).filter(
    (token) => token !== MAIL_ROOT_CLASS && CLASS_TOKEN.test(token),
  );
  wrapper.setAttribute("class", [MAIL_ROOT_CLASS, ...classes.slice(0, 16)].join(" "));
  const dir = source.getAttribute("dir") ?? root.getAttribute("dir");
  if (dir && DIR.test(dir)) wrapper.setAttribute("dir", dir.toLowerCase());
  const lang = source.getAttribute("lang") ?? root.getAttribute("lang");
  if (lang && LANG.test(lang)) wrapper.setAttribute("lang", lang);
  const filtered = filterStyleAttribute(css.join("; "), tally);
  if (filtered) wrapper.setAttribute("style", filtered);
  // Only the start tag: moving the children into a new element is slow in jsdom, so the caller
  // serializes `content`'s children inside it.
  return { open: wrapper.outerHTML.slice(0, -"</div>".length), content: source };
}
