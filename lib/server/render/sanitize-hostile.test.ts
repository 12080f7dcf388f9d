// The public hostile messages (../shared/hostile-public, manifest.tsv) whose attack is in the
// rendering: p01–p09, p14, p15. Every HTML part (and, for p09, the SVG attachment read as HTML)
// goes through the sanitizer before and after remote content is allowed.

import { beforeAll, describe, expect, it } from "vitest";
import { renderPlainText } from "./plain-text.ts";
import { type SanitizedMail, sanitizeMailHtml } from "./sanitize-mail-html.ts";
import {
  type ExtractedMessage,
  hostileRenderingMessages,
  PROXY_PREFIX,
  partResolver,
  proxyUrl,
} from "./testing/corpus.ts";
import { inspectOutput, safetyViolations } from "./testing/inspect-output.ts";

let messages: ExtractedMessage[] = [];
beforeAll(() => {
  messages = hostileRenderingMessages();
});

const message = (prefix: string) => messages.find((m) => m.file.startsWith(prefix))!;

function render(m: ExtractedMessage, remote: "block" | "allow"): SanitizedMail[] {
  return m.parts
    .filter((p) => p.contentType === "text/html" || p.contentType === "image/svg+xml")
    .map((p) => sanitizeMailHtml(p.text!, { remote, resolveCid: partResolver(m), proxyUrl }));
}

/** The output with every proxied image URL taken out: what is left must name no attacker host. */
const withoutProxyUrls = (html: string) =>
  html.replaceAll(new RegExp(`${PROXY_PREFIX.replace(/[.?]/g, "\\$&")}[A-Za-z0-9%._~-]+`, "g"), "");

describe("hostile messages (p01–p09, p14, p15)", () => {
  it("has the eleven rendering messages to test", () => {
    const expected = ["01", "02", "03", "04", "05", "06", "07", "08", "09", "14", "15"].map(
      (n) => `p${n}`,
    );
    expect(messages.map((m) => m.file.slice(0, 3))).toEqual(expected);
  });

  it("leaves no script, handler, dangerous URL, form or attacker URL before consent", () => {
    for (const m of messages) {
      for (const out of render(m, "block")) {
        expect(safetyViolations(out.html), m.file).toEqual([]);
        expect(out.html, m.file).not.toMatch(
          /<script|javascript:|vbscript:|data:text|LBXPWN|attacker\.test/i,
        );
        expect(out.html, m.file).not.toMatch(/\son\w+=/i);
      }
    }
  });

  it("after consent loads images only, only through the proxy, and nothing else remote", () => {
    for (const m of messages) {
      for (const out of render(m, "allow")) {
        expect(safetyViolations(out.html), m.file).toEqual([]);
        expect(withoutProxyUrls(out.html), m.file).not.toMatch(
          /attacker\.test|LBXPWN|javascript:/i,
        );
        const facts = inspectOutput(out.html);
        for (const { tag, name, value } of facts.attributes) {
          if (!value.includes(PROXY_PREFIX)) continue;
          // Proxied URLs only where a browser fetches an image.
          expect(["src", "srcset", "background", "style"], `${m.file} <${tag} ${name}>`).toContain(
            name,
          );
          if (name === "src" || name === "srcset") expect(tag, m.file).toMatch(/^(img|source)$/);
          if (name === "style")
            expect(value, m.file).toMatch(/^(.*; )?background(-image)?: [^;]*url\(/);
        }
        for (const css of facts.styleTexts) {
          for (const use of css.matchAll(/([\w-]+): [^;{}]*url\(/g)) {
            expect(use[1], m.file).toMatch(/^background(-image)?$/);
          }
        }
      }
    }
  });

  it("p01: script, onerror, `java<TAB>script:` link, iframe and body onload are gone; text stays", () => {
    const [out] = render(message("p01"), "block");
    expect(out!.html).toContain("<h1>Welcome!</h1>");
    expect(out!.html).toContain("<a>Manage preferences</a>");
    expect(out!.links).toBe(0);
  });

  it("p02, p03: nothing of the SVG/MathML payloads materialises, also on re-parse", () => {
    for (const prefix of ["p02", "p03"]) {
      const [out] = render(message(prefix), "block");
      expect(out!.html, prefix).not.toMatch(/<svg|<math|<animate|<style|onerror|onload|onend/i);
      expect(inspectOutput(out!.html).reparsed, prefix).toBe(out!.html);
    }
  });

  it("p04: @import, <link>, remote url() and remote @font-face are dropped and counted", () => {
    const [out] = render(message("p04"), "block");
    expect(out!.remoteBlocked).toBe(5);
    expect([...out!.remoteHosts].sort()).toEqual(
      [1, 2, 3, 4, 5].map((n) => `p04-${n}.attacker.test`),
    );
    // The remaining CSS is scoped to the message.
    expect(inspectOutput(out!.html).styleTexts.join("\n")).toBe(
      ".lbx-mail .bg{background: none}\n.lbx-mail .f{font-family: pf}",
    );
  });

  it("p05: every remote pixel is blocked and counted, the 1×1 image as a tracking pixel", () => {
    const [blocked] = render(message("p05"), "block");
    expect(blocked!.remoteBlocked).toBe(5);
    expect(blocked!.trackingPixels).toBe(1);
    expect(blocked!.remoteHosts).toEqual(
      ["p05-4", "p05-1", "p05-2", "p05-3", "p05-5"].map((h) => `${h}.attacker.test`),
    );
    expect(blocked!.html.match(/data-lbx-blocked/g)).toHaveLength(4);

    const [allowed] = render(message("p05"), "allow");
    // img src, img srcset, table background and body background are images: proxied. The video
    // poster is not an image we proxy: still blocked.
    expect(allowed!.remoteBlocked).toBe(1);
    expect(allowed!.trackingPixels).toBe(1);
    for (const n of [1, 2, 4, 5]) {
      expect(allowed!.html).toContain(encodeURIComponent(`http://p05-${n}.attacker.test/`));
    }
    expect(allowed!.html).not.toContain("p05-3");
  });

  it("p06: <base> and refresh are gone and relative URLs resolve nowhere", () => {
    const [out] = render(message("p06"), "block");
    expect(out!.html).toBe('<div class="lbx-mail"><img alt=""><a>Log in</a>\n</div>');
  });

  it("p07: the form is inert: no action, no field, buttons that submit nothing; labels remain", () => {
    const [out] = render(message("p07"), "allow");
    const facts = inspectOutput(out!.html);
    expect([...facts.tags].filter((t) => /input|select|textarea/.test(t))).toEqual([]);
    expect(out!.html).toContain(
      '<form><button type="button">Keep my password</button><button type="button">Change it</button></form>',
    );
    expect(out!.html).not.toMatch(/p07|action|password"/);
  });

  it("p08: cid: to the text/html and SVG parts is not resolved and is reported missing", () => {
    const m = message("p08");
    const [out] = render(m, "block");
    expect(out!.cidMissing).toEqual(["banner@p08", "icon@p08"]);
    expect(out!.html).toBe(
      '<div class="lbx-mail">\n<img alt="banner"><img alt="icon"><a>open banner</a>\n\n</div>',
    );
    // The cid targets themselves (the text/html part and the SVG), were they rendered as HTML,
    // are empty after sanitizing.
    expect(
      render(m, "block")
        .slice(1)
        .map((o) => o.html),
    ).toEqual(['<div class="lbx-mail"></div>', '<div class="lbx-mail"></div>']);
  });

  it("p09: the HTML and SVG attachments, read as HTML, run nothing", () => {
    const outs = render(message("p09"), "block");
    expect(outs).toHaveLength(2);
    for (const out of outs) expect(out.html).toBe('<div class="lbx-mail"></div>');
  });

  it("p14: a Subject carrying markup is text for the plain renderer, and nothing as HTML", () => {
    const m = message("p14");
    expect(m.subject).toContain("<img src=x: onerror=");
    const blocks = renderPlainText(m.subject);
    // Data, not markup: the payload survives only as the literal characters of a text piece.
    expect(JSON.stringify(blocks)).toContain("<img src=x: onerror=console.log('LBXPWN:p14-a')>");
    expect(blocks.every((b) => b.type === "text")).toBe(true);
    const asHtml = sanitizeMailHtml(m.subject, {
      remote: "block",
      resolveCid: () => null,
      proxyUrl,
    });
    expect(safetyViolations(asHtml.html)).toEqual([]);
    expect(asHtml.html).not.toMatch(/onerror|LBXPWN/);
    expect(renderPlainText(m.parts[0]!.text!)).toEqual([
      { type: "text", lines: [[{ type: "text", text: "Meeting minutes." }]] },
    ]);
  });

  it("p15: no fixed overlay, and the attribute-selector beacons request nothing", () => {
    const [out] = render(message("p15"), "block");
    expect(out!.remoteBlocked).toBe(2);
    const css = inspectOutput(out!.html).styleTexts.join("\n");
    expect(css).not.toMatch(/position|url\(/);
    expect(css.split("\n").every((rule) => rule.startsWith(".lbx-mail "))).toBe(true);
    expect(out!.html).not.toMatch(/<input/);
  });

  it("is stable: sanitizing the output again gives the same output", () => {
    for (const m of messages) {
      for (const part of m.parts.filter((p) => p.contentType === "text/html")) {
        const options = { remote: "block" as const, resolveCid: () => null, proxyUrl };
        const once = sanitizeMailHtml(part.text!, options).html;
        expect(sanitizeMailHtml(once, options).html, m.file).toBe(once);
      }
    }
  });
});
