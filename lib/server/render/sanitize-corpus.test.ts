// Every HTML part of the public corpus (../shared/corpus/public, ~270 parts from 20 projects'
// test suites, many malformed) goes through the sanitizer: it must not throw, the output must be
// safe and stable under re-parsing, and sanitizing the output again must give it back.

import { describe, expect, it } from "vitest";
import { sanitizeMailHtml } from "./sanitize-mail-html.ts";
import { corpusMessages, partResolver, proxyUrl } from "./testing/corpus.ts";
import { safetyViolations } from "./testing/inspect-output.ts";
import { syntheticNewsletter } from "./testing/synthetic-newsletter.ts";

const parts = corpusMessages().flatMap((message) =>
  message.parts
    .filter((part) => part.contentType === "text/html")
    .map((part, index) => ({ name: `${message.file}#${index}`, html: part.text!, message })),
);

describe("the public corpus", () => {
  it("has the HTML parts the brief counts on", () => {
    expect(parts.length).toBeGreaterThanOrEqual(200);
  });

  it.each(parts)("$name: safe, stable and idempotent before consent", ({ html }) => {
    // No cid resolution here: the part URLs the app returns are https URLs, which a second pass
    // would rightly treat as the message's own remote images.
    const options = { remote: "block" as const, resolveCid: () => null, proxyUrl };
    const once = sanitizeMailHtml(html, options);
    expect(safetyViolations(once.html)).toEqual([]);
    expect(once.html).not.toMatch(/\s(?:src|srcset|background)="https?:/i);
    expect(sanitizeMailHtml(once.html, options).html).toBe(once.html);
  });

  it.each(parts)(
    "$name: safe and stable after consent, with cid: parts resolved",
    ({ html, message }) => {
      const out = sanitizeMailHtml(html, {
        remote: "allow",
        resolveCid: partResolver(message),
        proxyUrl,
      });
      expect(safetyViolations(out.html)).toEqual([]);
    },
  );
});

describe("time", () => {
  const best = (html: string) => {
    const options = { remote: "block" as const, resolveCid: () => null, proxyUrl };
    let min = Number.POSITIVE_INFINITY;
    for (let run = 0; run < 3; run++) {
      const start = performance.now();
      sanitizeMailHtml(html, options);
      min = Math.min(min, performance.now() - start);
    }
    return min;
  };

  it("grows linearly with the size of a newsletter", () => {
    best(syntheticNewsletter(10)); // warm-up
    const small = best(syntheticNewsletter(10));
    const large = best(syntheticNewsletter(80));
    // 8× the articles: linear is ~8×, quadratic ~64×. Generous for a loaded CI machine.
    expect(large / small).toBeLessThan(24);
  });

  it("grows linearly with pathological shapes too (deep nesting, many attributes, long CSS)", () => {
    const shapes = (n: number) => [
      "<div>".repeat(n),
      `<p ${Array.from({ length: n }, (_, i) => `a${i}="x"`).join(" ")}>`,
      `<style>${".a{color:red}".repeat(n)}</style>`,
      `<div style="${"color:red;".repeat(n)}">x</div>`,
      "<b><i><u>".repeat(n / 3),
    ];
    const time = (n: number) => shapes(n).reduce((sum, html) => sum + best(html), 0);
    time(1_000);
    const small = time(1_000);
    const large = time(8_000);
    expect(large / small).toBeLessThan(24);
  });
});
