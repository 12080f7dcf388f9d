// Test helper: parses sanitizer output the way the reader's frame will (as the <body> of an HTML
// document, in a fresh jsdom) and lists what a browser would act on.

import { JSDOM } from "jsdom";

export interface OutputFacts {
  /** body.innerHTML after parsing the output: equal to the output when it is stable. */
  reparsed: string;
  tags: Set<string>;
  attributes: { tag: string; name: string; value: string }[];
  styleTexts: string[];
  /** Deepest element below <body> (a child of <body> is at depth 1). */
  maxDepth: number;
  /** Elements below <body>. */
  elements: number;
}

const dom = new JSDOM("");

export function inspectOutput(html: string): OutputFacts {
  const doc = new dom.window.DOMParser().parseFromString(
    `<!doctype html><html><head></head><body>${html}</body></html>`,
    "text/html",
  );
  const tags = new Set<string>();
  const attributes: OutputFacts["attributes"] = [];
  const styleTexts: string[] = [];
  let maxDepth = 0;
  const depths = new Map<Element, number>([[doc.body, 0]]);
  const all = Array.from(doc.body.querySelectorAll("*"));
  for (const el of all) {
    const depth = (depths.get(el.parentElement!) ?? 0) + 1;
    depths.set(el, depth);
    maxDepth = Math.max(maxDepth, depth);
    tags.add(el.localName);
    for (const attr of Array.from(el.attributes)) {
      attributes.push({ tag: el.localName, name: attr.name, value: attr.value });
    }
    if (el.localName === "style") styleTexts.push(el.textContent ?? "");
  }
  return {
    reparsed: doc.body.innerHTML,
    tags,
    attributes,
    styleTexts,
    maxDepth,
    elements: all.length,
  };
}

/** What a browser would treat as a URL scheme, after the URL parser's own clean-up. */
export const schemeOf = (value: string) =>
  /^([a-z][a-z0-9+.-]*):/i
    .exec(value.replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+/, ""))?.[1]
    ?.toLowerCase() ?? null;

// biome-ignore format: a list
const FORBIDDEN_TAGS = [
  "script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta", "link",
  "input", "select", "textarea", "svg", "math", "template", "noscript", "title",
  "portal", "track",
];
const URL_ATTRIBUTES = new Set(["href", "src", "srcset", "background", "poster", "cite", "data"]);

/**
 * The invariants every sanitized message must satisfy, whatever the input. Returns a list of
 * violations (empty when the output is safe), so a failing test says which and where.
 */
export function safetyViolations(html: string): string[] {
  const facts = inspectOutput(html);
  const out: string[] = [];
  if (facts.reparsed !== html) out.push("output changes when re-parsed");
  for (const tag of FORBIDDEN_TAGS) if (facts.tags.has(tag)) out.push(`element <${tag}>`);
  if (/<script|<iframe|<object|<embed/i.test(html))
    out.push("markup of script/iframe/object/embed");
  for (const { tag, name, value } of facts.attributes) {
    if (name.startsWith("on")) out.push(`event handler ${name} on <${tag}>`);
    if (
      ["action", "method", "formaction", "xlink:href", "ping", "poster", "srcdoc"].includes(name)
    ) {
      out.push(`attribute ${name} on <${tag}>`);
    }
    if (tag === "button" && name === "type" && value !== "button")
      out.push("a button that submits");
    if (!URL_ATTRIBUTES.has(name)) continue;
    const scheme = schemeOf(value);
    if (
      scheme === "javascript" ||
      scheme === "vbscript" ||
      (scheme === "data" && !/^data:image\/(png|gif|jpe?g|webp)[;,]/i.test(value))
    ) {
      out.push(`${scheme}: URL in ${name} on <${tag}>`);
    }
    if (name === "href" && !["http", "https", "mailto"].includes(scheme ?? "")) {
      out.push(`href ${JSON.stringify(value)} on <${tag}>`);
    }
  }
  for (const css of [
    ...facts.styleTexts,
    ...facts.attributes.filter((a) => a.name === "style").map((a) => a.value),
  ]) {
    if (/@import|expression\(|behavior|binding|position\s*:\s*(fixed|sticky)/i.test(css)) {
      out.push(`CSS ${JSON.stringify(css.slice(0, 80))}`);
    }
  }
  return out;
}
