import { describe, expect, it } from "vitest";
import { parseMessageId, parseMessageIds } from "./message-ids.ts";

describe("message ids", () => {
  it("lists ids without brackets, skipping comments and junk", () => {
    expect(parseMessageIds("<a@x> (comment <not@id>)\r\n <b@y>,<c@z>")).toEqual([
      "a@x",
      "b@y",
      "c@z",
    ]);
  });

  it("accepts bare ids from old mailers", () => {
    expect(parseMessageIds("a@x b@y")).toEqual(["a@x", "b@y"]);
    expect(parseMessageId(null)).toBeNull();
    expect(parseMessageId("<  a@x  >")).toBe("a@x");
  });
});
