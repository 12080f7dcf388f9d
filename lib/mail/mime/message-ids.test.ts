import { describe, expect, it } from "vitest";
import { MAX_MESSAGE_IDS } from "./limits.ts";
import { parseMessageId, parseMessageIds } from "./message-ids.ts";

describe("message ids", () => {
  it("lists ids without brackets, skipping comments and junk", () => {
    expect(parseMessageIds("<a@x> (comment <not@id>)\r\n <b@y>,<c@z>")).toEqual([
      "a@x",
      "b@y",
      "c@z",
    ]);
  });

  it("skips nested comments whole (RFC 5322 3.2.2)", () => {
    expect(parseMessageIds("<a@x> (re (see <not@id>) and <nor@this>) <b@y>")).toEqual([
      "a@x",
      "b@y",
    ]);
    expect(parseMessageIds("(a (b) c@d) e@f")).toEqual(["e@f"]);
  });

  it("accepts bare ids from old mailers", () => {
    expect(parseMessageIds("a@x b@y")).toEqual(["a@x", "b@y"]);
    expect(parseMessageId(null)).toBeNull();
    expect(parseMessageId("<  a@x  >")).toBe("a@x");
  });

  it("lists each id once, where it first appears", () => {
    expect(parseMessageIds("<a@x> <b@y> <a@x> <c@z> <b@y>")).toEqual(["a@x", "b@y", "c@z"]);
    expect(parseMessageIds("a@x a@x")).toEqual(["a@x"]);
  });

  it("keeps the root and the nearest ancestors of a hostile 100,000-id References", () => {
    const value = Array.from({ length: 100_000 }, (_, i) => `<id${i}@x>`).join(" ");
    const started = performance.now();
    const ids = parseMessageIds(value);
    expect(performance.now() - started).toBeLessThan(500);
    expect(ids).toHaveLength(MAX_MESSAGE_IDS);
    expect(ids[0]).toBe("id0@x");
    expect(ids[1]).toBe(`id${100_000 - MAX_MESSAGE_IDS + 1}@x`);
    expect(ids.at(-1)).toBe("id99999@x");
  });
});
