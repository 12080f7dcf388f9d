import { describe, expect, it } from "vitest";
import { DotUnstuffer, unstuffLines } from "./dot-unstuffer.ts";

const lines = (...l: string[]) => l.map((x) => Buffer.from(x, "latin1"));

describe("DotUnstuffer", () => {
  it("removes the added dot, keeps a dot-only line, stops at the terminator (RFC 1939 3)", () => {
    const { data, complete } = unstuffLines(lines("a", "..", "..b", ".", "after"));
    expect(data.toString()).toBe("a\r\n.\r\n.b\r\n");
    expect(complete).toBe(true);
  });

  it("reports an answer cut short", () => {
    expect(unstuffLines(lines("a", "b")).complete).toBe(false);
  });

  it("hands data on in chunks of about the chunk size, not line by line", () => {
    const unstuffer = new DotUnstuffer(10);
    const chunks: string[] = [];
    for (const line of lines("12345", "6789", "abc", ".")) {
      if (unstuffer.push(line)) break;
      const chunk = unstuffer.ready();
      if (chunk) chunks.push(chunk.toString());
    }
    chunks.push(unstuffer.flush()!.toString());
    expect(chunks).toEqual(["12345\r\n6789\r\n", "abc\r\n"]);
    expect(unstuffer.bytes).toBe(18);
  });
});
