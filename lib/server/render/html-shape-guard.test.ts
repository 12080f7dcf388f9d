import { describe, expect, it } from "vitest";
import { shapeHtml } from "./html-shape-guard.ts";
import { MAX_ATTRIBUTES, MAX_HTML_ELEMENTS, MAX_PARSE_DEPTH } from "./render-limits.ts";
import { sanitizeMailHtml } from "./sanitize-mail-html.ts";
import { corpusMessages, proxyUrl } from "./testing/corpus.ts";
import { inspectOutput } from "./testing/inspect-output.ts";
import { syntheticNewsletter } from "./testing/synthetic-newsletter.ts";

const options = { remote: "block" as const, resolveCid: () => null, proxyUrl };
const elementCount = (html: string) => inspectOutput(sanitizeMailHtml(html, options).html).elements;
const countTags = (html: string, tag: string) =>
  (html.match(new RegExp(`<${tag}[\\s>]`, "g")) ?? []).length;

describe("shapeHtml", () => {
  it("leaves every HTML part of the public corpus and a large newsletter untouched", () => {
    const parts = corpusMessages().flatMap((m) =>
      m.parts.filter((p) => p.contentType === "text/html"),
    );
    expect(parts.length).toBeGreaterThan(200);
    for (const part of parts) {
      expect(shapeHtml(part.text!)).toMatchObject({ html: part.text, truncated: false });
    }
    const newsletter = syntheticNewsletter(100);
    expect(shapeHtml(newsletter)).toEqual({ html: newsletter, truncated: false, misnested: false });
  });

  it("drops start tags nested deeper than the limit, and their end tags, keeping the content", () => {
    const shaped = shapeHtml(`${"<div>".repeat(1000)}x${"</div>".repeat(1000)}<p>after</p>`);
    expect(countTags(shaped.html, "div")).toBe(MAX_PARSE_DEPTH);
    expect((shaped.html.match(/<\/div>/g) ?? []).length).toBe(MAX_PARSE_DEPTH);
    expect(shaped.html).toContain("x");
    expect(shaped.html.endsWith("<p>after</p>")).toBe(true);
  });

  it("knows which tags do not nest: void elements, implied end tags, <a> after <a>, <p> before a block", () => {
    const flat = [
      "<br>".repeat(2000),
      "<p>x".repeat(2000),
      `<table>${"<tr><td>x".repeat(2000)}</table>`,
      `<ul>${"<li>x".repeat(2000)}</ul>`,
      `<dl>${"<dt>x<dd>y".repeat(1000)}</dl>`,
      '<a href="https://a.test/">x'.repeat(2000),
      "<p><div>x</div>".repeat(1000),
    ];
    for (const html of flat) expect(shapeHtml(html).html, html.slice(0, 30)).toBe(html);
  });

  it("does not read tags inside comments, raw-text elements or attribute values", () => {
    for (const html of [
      `<!--${"<div>".repeat(1000)}-->`,
      `<style>${"<div>".repeat(1000)}</style>`,
      `<textarea>${"<div>".repeat(1000)}</textarea>`,
      `<p title="${"<div>".repeat(1000)}">x</p>`,
      `<script>${"<div>".repeat(1000)}</SCRIPT >`,
    ]) {
      expect(shapeHtml(html).html, html.slice(0, 20)).toBe(html);
    }
  });

  it("bounds formatting-element re-creation (`<b id=n><p>x` repeated)", () => {
    const attack = (n: number) => Array.from({ length: n }, (_, i) => `<b id=b${i}><p>x`).join("");
    // Unbounded, 800 repetitions (12 KB) made ~100,000 elements and 4 s of parsing.
    const shaped = shapeHtml(attack(3000));
    expect(shaped.truncated).toBe(true);
    const elements = elementCount(attack(3000));
    expect(elements).toBeLessThanOrEqual(MAX_HTML_ELEMENTS + 10);
    // And the model follows the parser: the re-created elements are really there.
    expect(elementCount(attack(100))).toBeGreaterThan(100 * 20);
  });

  it("flags the misnesting the parser repairs, and only that", () => {
    for (const html of [
      "<table><tr><td>x</td></tr>text</table>",
      "<table><div>x</div></table>",
      "<table><form></form></table>",
      "<b><i>x</b></i>",
      "<b><p>x</b>y</p>",
      "<a href=x>1<a href=y>2",
      "<p><svg></svg>",
    ]) {
      expect(shapeHtml(html).misnested, html).toBe(true);
    }
    for (const html of [
      "<table><tr><td>x</td></tr></table>",
      "<p><b>x</b><i>y</i></p>",
      "<ul><li>a<li>b</ul>",
      "<div><p>a<p>b</div>",
      "<a href=x>1</a><a href=y>2</a>",
    ]) {
      expect(shapeHtml(html).misnested, html).toBe(false);
    }
  });

  it("cuts tags with too many attributes", () => {
    const attributes = Array.from({ length: 1000 }, (_, i) => `a${i}="${i}"`).join(" ");
    const shaped = shapeHtml(`<p ${attributes}>x</p>`);
    expect((shaped.html.match(/a\d+=/g) ?? []).length).toBe(MAX_ATTRIBUTES);
    expect(shaped.html.endsWith(`a${MAX_ATTRIBUTES - 1}="${MAX_ATTRIBUTES - 1}" >x</p>`)).toBe(
      true,
    );
  });

  it("cuts the input at the element budget", () => {
    const shaped = shapeHtml("<i>x</i>".repeat(MAX_HTML_ELEMENTS * 2));
    expect(shaped.truncated).toBe(true);
    expect(countTags(shaped.html, "i")).toBe(MAX_HTML_ELEMENTS);
  });

  it("runs in linear time", () => {
    const inputs = (n: number) => [
      "<div>".repeat(n),
      "<b><p>x".repeat(n),
      `<p ${"a ".repeat(n)}>`,
      "<!--".repeat(n),
      "<a href=x>".repeat(n),
      "<".repeat(n),
    ];
    const time = (n: number) => {
      const start = performance.now();
      for (const html of inputs(n)) shapeHtml(html);
      return performance.now() - start;
    };
    time(5_000);
    const small = Math.min(time(10_000), time(10_000));
    const large = Math.min(time(80_000), time(80_000));
    expect(large / Math.max(small, 1)).toBeLessThan(24);
  });
});
