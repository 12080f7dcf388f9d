import { describe, expect, it } from "vitest";
import { expandSequenceSet, newestRange, sequenceSet } from "./sequence-set.ts";

describe("sequence sets", () => {
  it("compresses number lists into ranges", () => {
    expect(sequenceSet([5, 1, 2, 3, 9, 10, 3])).toBe("1:3,5,9:10");
    expect(sequenceSet(7)).toBe("7");
    expect(sequenceSet({ from: 10, to: "*" })).toBe("10:*");
  });

  it("accepts strings that follow the grammar and refuses anything else", () => {
    expect(sequenceSet("1:5,7,9:*")).toBe("1:5,7,9:*");
    for (const bad of ["", "1 2", "1:5)", "1,,2", "0", "4294967296", "1:2\r\nA2 LOGOUT", "-49:*"]) {
      expect(() => sequenceSet(bad)).toThrowError(
        expect.objectContaining({ code: "INVALID_INPUT" }),
      );
    }
    expect(() => sequenceSet([])).toThrowError(expect.objectContaining({ code: "INVALID_INPUT" }));
    expect(() => sequenceSet([1.5])).toThrowError(
      expect.objectContaining({ code: "INVALID_INPUT" }),
    );
  });

  it("expands server sets in order, and bounds them", () => {
    expect(expandSequenceSet("304,319:320,5:3")).toEqual([304, 319, 320, 5, 4, 3]);
    expect(() => expandSequenceSet("1:4294967295", 1000)).toThrowError(
      expect.objectContaining({ code: "LIMIT_EXCEEDED" }),
    );
  });

  it("gives the newest page of a mailbox by sequence numbers", () => {
    expect(newestRange(100_000, 50)).toBe("99951:100000");
    expect(newestRange(100_000, 50, 1)).toBe("99901:99950");
    expect(newestRange(30, 50)).toBe("1:30");
    expect(newestRange(1, 50)).toBe("1");
    expect(newestRange(0, 50)).toBeNull();
    expect(newestRange(30, 50, 1)).toBeNull();
  });
});
