import { describe, expect, it } from "vitest";
import { readComment, readQuoted, withoutComments } from "./lexical.ts";

describe("withoutComments", () => {
  it("removes comments, nested ones whole (RFC 5322 3.2.2)", () => {
    expect(withoutComments("<a@x> (a (b) c) <b@y>")).toBe("<a@x>   <b@y>");
    expect(withoutComments("1 Jan 2001 (x(y(z))) 10:00")).toBe("1 Jan 2001   10:00");
    expect(withoutComments("no comment")).toBe("no comment");
  });

  it("honours quoted-pairs inside comments", () => {
    expect(withoutComments("a (b \\) c) d")).toBe("a   d");
    expect(withoutComments("a (b \\( c) d")).toBe("a   d");
  });

  it("runs an unclosed comment to the end and leaves a stray close alone", () => {
    expect(withoutComments("a (b <c@d>")).toBe("a  ");
    expect(readComment("(a (b", 0)).toEqual({ text: "a (b", end: 5, closed: false });
    expect(withoutComments("a) b")).toBe("a) b");
  });

  it("takes linear time on deep nesting", () => {
    const hostile = `${"(".repeat(200_000)}x${")".repeat(200_000)} <a@b>`;
    const started = performance.now();
    expect(withoutComments(hostile)).toBe("  <a@b>");
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe("readQuoted and readComment", () => {
  it("unescape quoted-pairs and say where they end", () => {
    expect(readQuoted('x "a \\"b\\\\" y', 2)).toEqual({ text: 'a "b\\', end: 11, closed: true });
    expect(readQuoted('"unclosed', 0)).toEqual({ text: "unclosed", end: 9, closed: false });
    expect(readComment("(a (b) \\) c) d", 0)).toEqual({ text: "a (b) ) c", end: 12, closed: true });
  });
});
