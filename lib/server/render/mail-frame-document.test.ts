import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { mailFrameCsp, mailFrameDocument } from "./mail-frame-document.ts";
import { sanitizeMailHtml } from "./sanitize-mail-html.ts";
import { proxyUrl } from "./testing/corpus.ts";

const SOURCES = ["https://mail.example.org/api/parts/", "https://mail.example.org/api/image-proxy"];

describe("mailFrameCsp", () => {
  it("allows images from the given sources and data:, styles inline, fonts as data:, nothing else", () => {
    expect(mailFrameCsp(SOURCES)).toBe(
      "default-src 'none'; img-src https://mail.example.org/api/parts/ https://mail.example.org/api/image-proxy data:; style-src 'unsafe-inline'; font-src data:; form-action 'none'; base-uri 'none'",
    );
    expect(mailFrameCsp([])).toBe(
      "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; form-action 'none'; base-uri 'none'",
    );
    expect(mailFrameCsp(["'self'", "http://localhost:3000"])).toContain(
      "img-src 'self' http://localhost:3000 data:;",
    );
  });

  it.each([
    "https://a.test; script-src *",
    "https://a.test, script-src *",
    "https://a.test 'unsafe-inline'",
    "*",
    "https://*.test",
    "'unsafe-eval'",
    "javascript:",
    "data:",
    'https://a.test/"><script>',
    "https://a.test/\nscript-src",
  ])("refuses the source %j (it could add a directive or widen the policy)", (source) => {
    expect(() => mailFrameCsp([source])).toThrow(TypeError);
  });
});

describe("mailFrameDocument", () => {
  const sanitized = sanitizeMailHtml(
    '<style>p{color:red}</style><p>Hello <img src="http://img.test/a.png"></p>',
    { remote: "allow", resolveCid: () => null, proxyUrl },
  ).html;

  it("is a complete document with the CSP in a <meta> before any content", () => {
    const doc = mailFrameDocument(sanitized, { imgSources: SOURCES });
    expect(
      doc.startsWith(
        '<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy"',
      ),
    ).toBe(true);
    const parsed = new JSDOM(doc).window.document;
    expect(parsed.compatMode).toBe("CSS1Compat");
    const meta = parsed.querySelector('meta[http-equiv="Content-Security-Policy"]');
    expect(meta?.getAttribute("content")).toBe(mailFrameCsp(SOURCES));
    expect(parsed.querySelector('meta[name="referrer"]')?.getAttribute("content")).toBe(
      "no-referrer",
    );
    // The message is the body, exactly as sanitized (no re-parse drift in a no-quirks document).
    expect(parsed.body.innerHTML).toBe(sanitized);
    // Our base style comes before the message's own sheets, which may override it.
    const styles = Array.from(parsed.querySelectorAll("style"));
    expect(styles[0]!.parentElement!.localName).toBe("head");
    expect(styles[0]!.textContent).toContain("img{max-width:100%;height:auto}");
  });

  it("refuses HTML that did not come out of the sanitizer", () => {
    expect(() => mailFrameDocument("<p>raw</p>", { imgSources: [] })).toThrow(TypeError);
  });

  it("uses dark defaults only for messages that set no colours of their own", () => {
    const plain = sanitizeMailHtml("<p>Hi</p>", {
      remote: "block",
      resolveCid: () => null,
      proxyUrl,
    }).html;
    expect(mailFrameDocument(plain, { imgSources: [], darkMode: true })).toContain(
      "color-scheme:dark",
    );
    expect(mailFrameDocument(sanitized, { imgSources: [], darkMode: true })).not.toContain(
      "color-scheme:dark",
    );
    expect(mailFrameDocument(plain, { imgSources: [] })).not.toContain("color-scheme:dark");
  });
});
