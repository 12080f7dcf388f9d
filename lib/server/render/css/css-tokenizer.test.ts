import { describe, expect, it } from "vitest";
import { parseComponents } from "./css-components.ts";
import { serializeComponents } from "./css-serialize.ts";
import { type CssToken, tokenizeCss } from "./css-tokenizer.ts";

const types = (css: string) => tokenizeCss(css).map((t) => t.type);
const first = (css: string) => tokenizeCss(css)[0]!;

describe("tokenizeCss", () => {
  it("reads url( spelled with escapes as the url function (XSS cheat sheet spellings)", () => {
    for (const spelling of [
      "url(x)",
      "URL(x)",
      "\\75rl(x)",
      "u\\rl(x)",
      "\\55 \\52 \\4c (x)",
      "\\000075rl(x)",
    ]) {
      expect(first(spelling), spelling).toEqual({ type: "url", value: "x" });
    }
  });

  it("keeps a quoted url( as a function with a string argument", () => {
    expect(tokenizeCss('url( "http://a/b" )').slice(0, 3)).toEqual([
      { type: "function", value: "url" },
      { type: "whitespace" },
      { type: "string", value: "http://a/b" },
    ]);
  });

  it("makes a comment inside an unquoted url part of the URL, not a comment", () => {
    expect(first("url(/**/http://x.test/a)")).toEqual({
      type: "url",
      value: "/**/http://x.test/a",
    });
  });

  it("turns a quote, parenthesis or inner space in an unquoted url into bad-url", () => {
    expect(first('url(/**/"http://x")').type).toBe("bad-url");
    expect(first("url(a b)").type).toBe("bad-url");
    expect(first("url(a(b)").type).toBe("bad-url");
    // After a bad url, tokenizing resumes after its `)`.
    expect(types("url(a b) x")).toEqual(["bad-url", "whitespace", "ident"]);
  });

  it("removes comments between tokens, so `@im/**/port` is not @import", () => {
    expect(tokenizeCss("@im/**/port")).toEqual([
      { type: "at-keyword", value: "im" },
      { type: "ident", value: "port" },
    ]);
    expect(first("@\\69mport")).toEqual({ type: "at-keyword", value: "import" });
    expect(first("@IMPORT")).toEqual({ type: "at-keyword", value: "IMPORT" });
  });

  it("decodes escapes in idents, strings and hashes", () => {
    expect(first("\\66 ixed")).toEqual({ type: "ident", value: "fixed" });
    expect(first("'a\\27 b'")).toEqual({ type: "string", value: "a'b" });
    expect(first('"line\\\ncontinued"')).toEqual({ type: "string", value: "linecontinued" });
    expect(first("#\\31 23")).toEqual({ type: "hash", value: "123", id: true });
    expect(first("#123")).toEqual({ type: "hash", value: "123", id: false });
  });

  it("replaces NUL, out-of-range and surrogate escapes by U+FFFD", () => {
    expect(first("\\0 a")).toEqual({ type: "ident", value: "\uFFFDa" });
    expect(first("\\110000 a")).toEqual({ type: "ident", value: "\uFFFDa" });
    expect(first("\\d800 a")).toEqual({ type: "ident", value: "\uFFFDa" });
  });

  it("reads numbers, percentages and dimensions", () => {
    expect(tokenizeCss("1px -.5em +2% 1e3 1e-3x 10")).toEqual([
      { type: "dimension", repr: "1", unit: "px" },
      { type: "whitespace" },
      { type: "dimension", repr: "-.5", unit: "em" },
      { type: "whitespace" },
      { type: "percentage", repr: "+2" },
      { type: "whitespace" },
      { type: "number", repr: "1e3" },
      { type: "whitespace" },
      { type: "dimension", repr: "1e-3", unit: "x" },
      { type: "whitespace" },
      { type: "number", repr: "10" },
    ] satisfies CssToken[]);
  });

  it("reads CDO/CDC, a string cut by a newline, and an unterminated comment", () => {
    expect(types("<!-- a -->")).toEqual(["cdo", "whitespace", "ident", "whitespace", "cdc"]);
    expect(types('"abc\ndef')).toEqual(["bad-string", "whitespace", "ident"]);
    expect(types("a /* never closed")).toEqual(["ident", "whitespace"]);
  });

  it("normalises CR, CRLF and FF to LF", () => {
    expect(first("'a\\\r\nb'")).toEqual({ type: "string", value: "ab" });
    expect(first("'a\\\fb'")).toEqual({ type: "string", value: "ab" });
  });

  it("runs in linear time on pathological input", () => {
    const inputs = (n: number) => [
      "\\".repeat(n),
      "url(".repeat(n),
      "/*".repeat(n),
      "'\\".repeat(n),
      "a\\66".repeat(n),
      "-".repeat(n),
    ];
    const time = (n: number) => {
      const start = performance.now();
      for (const input of inputs(n)) tokenizeCss(input);
      return performance.now() - start;
    };
    time(20_000); // warm-up
    const small = Math.min(time(20_000), time(20_000));
    const large = Math.min(time(160_000), time(160_000));
    // 8× the input: linear is ~8×, quadratic would be ~64×.
    expect(large / Math.max(small, 1)).toBeLessThan(24);
  });
});

describe("serializeComponents", () => {
  const roundTrip = (css: string) => {
    const once = serializeComponents(parseComponents(tokenizeCss(css))!);
    return { once, twice: serializeComponents(parseComponents(tokenizeCss(once))!) };
  };

  it("separates tokens that would merge when comments are gone", () => {
    expect(roundTrip("a/**/b").once).toBe("a/**/b");
    expect(roundTrip("1/**/px").once).toBe("1/**/px");
    expect(roundTrip("#a/**/-b").once).toBe("#a/**/-b");
    expect(roundTrip("@x/**/y").once).toBe("@x/**/y");
  });

  it("escapes so that re-tokenizing gives the same tokens", () => {
    for (const css of ["\\31 a", "'a\"b\\\\c'", "1\\65 3", "-\\31 x", "\\-", "a\\:b"]) {
      const { once, twice } = roundTrip(css);
      expect(twice, css).toBe(once);
      expect(tokenizeCss(once)).toEqual(tokenizeCss(css));
    }
  });

  it("prints a url token in its quoted form, which is stable", () => {
    const { once, twice } = roundTrip("url(a\\)b)");
    expect(once).toBe('url("a)b")');
    expect(twice).toBe(once);
  });

  it("never prints `<`, so no `</style` can be spelled", () => {
    for (const css of ["'</style>'", "\\3c /style\\3e", "url(</style>)", "#\\3c x"]) {
      expect(roundTrip(css).once, css).not.toContain("<");
    }
  });
});
