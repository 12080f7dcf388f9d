// A bounded, seeded fuzz test: random splices of mail markup and attack fragments (the hostile
// corpus's classes, DOMPurify's mXSS vectors, CSS escapes) must never make the sanitizer throw,
// never leave anything unsafe, and always come out stable. A failure prints its seed and input.

import { describe, expect, it } from "vitest";
import { sanitizeMailHtml } from "./sanitize-mail-html.ts";
import { proxyUrl } from "./testing/corpus.ts";
import { inspectOutput, safetyViolations } from "./testing/inspect-output.ts";

/** Everything a browser would fetch from: load attributes and style sheets (text is not a load). */
function loads(html: string): string[] {
  const facts = inspectOutput(html);
  const attributes = facts.attributes.filter((a) =>
    /^(src|srcset|background|poster|style|href)$/.test(a.name),
  );
  return [...attributes.map((a) => a.value), ...facts.styleTexts];
}

// biome-ignore format: a list of fragments
const FRAGMENTS = [
  "<p>", "</p>", "<div>", "</div>", "<table>", "<tr>", "<td>", "</td>", "</table>", "<b>", "</b>",
  "<font face=x>", "<a href=\"https://a.test/\">", "<a href=\"java\tscript:alert(1)\">", "</a>",
  "<svg>", "</svg>", "<math>", "<mtext>", "<mglyph>", "<style>", "</style>", "<title>", "</title>",
  "<noscript>", "</noscript>", "<template>", "<form action=http://x.test/>", "</form>",
  "<input type=image src=http://x.test/i>", "<button formaction=http://x.test/>", "<select>",
  "<img src=x onerror=alert(1)>", "<img src=\"http://x.test/p.gif\" width=1 height=1>",
  "<img srcset=\"http://x.test/a 2x, cid:img@x 1x\">", "<video poster=http://x.test/v>",
  "<base href=http://x.test/>", "<meta http-equiv=refresh content=\"0;url=http://x.test\">",
  "<link rel=stylesheet href=http://x.test/s.css>", "<iframe src=javascript:alert(1)>",
  "<!--", "-->", "<![CDATA[", "]]>", "<?xml ?>", "\"", "'", "=", ">", "<", "/", " ", "\n",
  "text", "&lt;", "&#x3c;", "&#106;avascript:", "javascript:alert(1)",
  "@import url(http://x.test/a.css);", ".a{background:url(http://x.test/b)}", "\\75rl(",
  "position:fixed", "}", "{", "expression(alert(1))", "url(//x.test/c)",
  "<div style=\"background:url(http://x.test/d);position:fixed\">", "<p style='color:red'>",
  "<body background=http://x.test/e bgcolor=red>", "<table background=http://x.test/f>",
  "<a href=cid:img@x>", "<area href=vbscript:x>", "<object data=http://x.test/o>", "<embed>",
  "<div class=\"lbx-mail\">", "<plaintext>", "<xmp>", "<textarea>", "</textarea>",
];

/** mulberry32: small, seeded, good enough to pick fragments. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sample(seed: number): string {
  const next = random(seed);
  const length = 5 + Math.floor(next() * 60);
  let out = "";
  for (let i = 0; i < length; i++) out += FRAGMENTS[Math.floor(next() * FRAGMENTS.length)];
  return out;
}

// A longer local run: RENDER_FUZZ_RUNS=20000 npx vitest run --project unit lib/server/render/sanitize-fuzz
const RUNS = Number(process.env.RENDER_FUZZ_RUNS ?? 400);
const FIRST_SEED = Number(process.env.RENDER_FUZZ_SEED ?? 1);

describe("fuzz", () => {
  it(`keeps every invariant on ${RUNS} random documents`, { timeout: 300_000 }, () => {
    const failures: string[] = [];
    for (let seed = FIRST_SEED; seed < FIRST_SEED + RUNS; seed++) {
      const html = sample(seed);
      for (const remote of ["block", "allow"] as const) {
        try {
          const options = { remote, resolveCid: () => null, proxyUrl };
          const once = sanitizeMailHtml(html, options).html;
          const problems = safetyViolations(once);
          if (remote === "block" && loads(once).some((value) => /x\.test/.test(value))) {
            problems.push("remote load before consent");
          }
          if (remote === "block" && sanitizeMailHtml(once, options).html !== once)
            problems.push("not idempotent");
          if (problems.length > 0)
            failures.push(
              `seed ${seed} ${remote}: ${problems.join(", ")}: ${JSON.stringify(html)}`,
            );
        } catch (error) {
          failures.push(`seed ${seed} ${remote}: threw ${String(error)}: ${JSON.stringify(html)}`);
        }
      }
    }
    expect(failures.slice(0, 5)).toEqual([]);
  });
});
