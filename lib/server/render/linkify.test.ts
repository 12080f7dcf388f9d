import { describe, expect, it } from "vitest";
import { linkify } from "./linkify.ts";

/** Only the links: [text, href]. */
const links = (text: string) =>
  linkify(text).flatMap((piece) => (piece.type === "link" ? [[piece.text, piece.href]] : []));

describe("linkify", () => {
  it("returns the text unchanged when there is nothing to link, and pieces that add up to it", () => {
    expect(linkify("plain words")).toEqual([{ type: "text", text: "plain words" }]);
    const text = "a https://x.test/ b c@d.test e";
    expect(
      linkify(text)
        .map((p) => p.text)
        .join(""),
    ).toBe(text);
  });

  it.each([
    ["Visit https://example.com.", "https://example.com", "https://example.com/"],
    ["(see https://example.com/a)", "https://example.com/a", "https://example.com/a"],
    [
      "https://en.wikipedia.org/wiki/Foo_(bar)!",
      "https://en.wikipedia.org/wiki/Foo_(bar)",
      "https://en.wikipedia.org/wiki/Foo_(bar)",
    ],
    [
      "<https://example.com/q?a=1&b=2>",
      "https://example.com/q?a=1&b=2",
      "https://example.com/q?a=1&b=2",
    ],
    ['"http://example.com/x"', "http://example.com/x", "http://example.com/x"],
    [
      "at http://example.com:8080/p?x=1#f, then",
      "http://example.com:8080/p?x=1#f",
      "http://example.com:8080/p?x=1#f",
    ],
    ["go to www.example.org/path;", "www.example.org/path", "http://www.example.org/path"],
    ["HTTPS://EXAMPLE.COM/A", "HTTPS://EXAMPLE.COM/A", "https://example.com/A"],
    ["[https://example.com/a]", "https://example.com/a", "https://example.com/a"],
    [
      "https://example.com/*emphasis*",
      "https://example.com/*emphasis",
      "https://example.com/*emphasis",
    ],
    ["http://exämple.com/ü", "http://exämple.com/ü", "http://xn--exmple-cua.com/%C3%BC"],
  ])("links the URL in %j", (text, linkText, href) => {
    expect(links(text)).toEqual([[linkText, href]]);
  });

  it.each([
    ["mail a.b+c@example.co.uk.", "a.b+c@example.co.uk", "mailto:a.b+c@example.co.uk"],
    ["<jane@example.org>", "jane@example.org", "mailto:jane@example.org"],
    ["www.jane@example.com", "www.jane@example.com", "mailto:www.jane@example.com"],
    [
      "mailto:bob@example.com?subject=hi",
      "mailto:bob@example.com?subject=hi",
      "mailto:bob@example.com?subject=hi",
    ],
  ])("links the address in %j", (text, linkText, href) => {
    expect(links(text)).toEqual([[linkText, href]]);
  });

  it.each([
    "javascript:alert(1)",
    "JavaScript://example.com/%0Aalert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://example.com/",
    "http://",
    "https:// example.com",
    "xhttp://example.com",
    "notwww.example.com",
    "user@localhost",
    "a@b",
    "@example.com",
    "name@.example.com",
  ])("does not link %j", (text) => {
    expect(links(text)).toEqual([]);
  });

  it("links a URL whose host is javascript only as the http URL it is", () => {
    expect(links("http://javascript:alert(1)")).toEqual([]);
    expect(links("http://javascript.example/")).toEqual([
      ["http://javascript.example/", "http://javascript.example/"],
    ]);
  });

  it("does not link the tail of an over-long local part", () => {
    expect(links(`${"a".repeat(100)}@example.com`)).toEqual([]);
  });

  it("finds several links on one line", () => {
    expect(links("http://a.test/ and b@c.test, https://d.test/x")).toEqual([
      ["http://a.test/", "http://a.test/"],
      ["b@c.test", "mailto:b@c.test"],
      ["https://d.test/x", "https://d.test/x"],
    ]);
  });

  it("runs in linear time on hostile text", () => {
    const inputs = (n: number) => [
      "http://".repeat(n),
      "a@".repeat(n),
      "www.".repeat(n),
      `${"a.".repeat(n)}@`,
      "(".repeat(n),
    ];
    const time = (n: number) => {
      const start = performance.now();
      for (const input of inputs(n)) linkify(input);
      return performance.now() - start;
    };
    time(10_000);
    const small = Math.min(time(20_000), time(20_000));
    const large = Math.min(time(160_000), time(160_000));
    expect(large / Math.max(small, 1)).toBeLessThan(24);
  });
});
