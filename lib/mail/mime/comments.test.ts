import { describe, expect, it } from "vitest";
import { withoutComments } from "./comments.ts";

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
    expect(withoutComments("a) b")).toBe("a) b");
  });

  it("takes linear time on deep nesting", () => {
    const hostile = `${"(".repeat(200_000)}x${")".repeat(200_000)} <a@b>`;
    const started = performance.now();
    expect(withoutComments(hostile)).toBe("  <a@b>");
    expect(performance.now() - started).toBeLessThan(200);
  });
});
