import { describe, expect, it } from "vitest";
import { documentBody, sanitizeComposeHtml } from "./sanitize-compose-html.ts";

const keepUploads = (src: string) => (/^\/api\/uploads\/[0-9a-f]{32}$/.test(src) ? src : null);
const ID = "0123456789abcdef0123456789abcdef";

describe("sanitizeComposeHtml", () => {
  it("keeps the composer's formatting and links, and writes the text alternative", () => {
    const html =
      '<div><b>Bold</b> and <i>italic</i></div><ul><li>one</li><li>two</li></ul><div><a href="https://example.test/x">a link</a></div>';
    const out = sanitizeComposeHtml(html, keepUploads);
    expect(out.html).toBe(html);
    expect(out.text).toBe("Bold and italic\n- one\n- two\na link <https://example.test/x>");
  });

  it("removes script, handlers, styles, javascript: links and remote images", () => {
    const out = sanitizeComposeHtml(
      '<div style="position:fixed" onclick="x()">hi<script>alert(1)</script><style>*{}</style></div>' +
        '<a href="javascript:alert(1)">x</a><a href="java\tscript:alert(1)">y</a>' +
        '<img src="https://tracker.test/p.gif"><img src="x" onerror="alert(1)"><svg><g/></svg>',
      keepUploads,
    );
    expect(out.html).toBe("<div>hi</div><a>x</a><a>y</a>");
  });

  it("keeps uploaded inline images only where the caller maps them", () => {
    const html = `<div><img src="/api/uploads/${ID}" alt="pasted"></div>`;
    expect(sanitizeComposeHtml(html, keepUploads).html).toBe(html);
    const cid = sanitizeComposeHtml(html, (src) => (src.endsWith(ID) ? `cid:${ID}@x.test` : null));
    expect(cid.html).toBe(`<div><img src="cid:${ID}@x.test" alt="pasted"></div>`);
    expect(sanitizeComposeHtml(html, () => null).html).toBe("<div></div>");
  });

  it("takes the body of a whole document", () => {
    expect(
      documentBody(
        "<!DOCTYPE html><html><head><title>t</title></head><body><p>x</p></body></html>",
      ),
    ).toBe("<p>x</p>");
  });
});
