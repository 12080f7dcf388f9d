import { describe, expect, it } from "vitest";
import { pageCount, pageRequest, pageText } from "./source-paging.ts";

/** Every page fetched as the browser would, with its lookahead, and decoded. */
function pages(bytes: Buffer, pageBytes: number): string[] {
  const out: string[] = [];
  for (let page = 0; page < pageCount(bytes.length, pageBytes); page++) {
    const { offset, length } = pageRequest(page, bytes.length, pageBytes);
    out.push(pageText(bytes.subarray(offset, offset + length), page, pageBytes));
  }
  return out;
}

describe("source paging", () => {
  it("counts pages and asks for each page plus a few bytes of lookahead", () => {
    expect(pageCount(0, 10)).toBe(1);
    expect(pageCount(10, 10)).toBe(1);
    expect(pageCount(11, 10)).toBe(2);
    expect(pageRequest(0, 25, 10)).toEqual({ offset: 0, length: 13 });
    expect(pageRequest(2, 25, 10)).toEqual({ offset: 20, length: 5 });
  });

  it("never cuts a UTF-8 character in two, and shows every byte once", () => {
    const text = "Grüße, 日本語 and 🎵 — ".repeat(40);
    const bytes = Buffer.from(text);
    for (const pageBytes of [1, 2, 3, 4, 5, 7, 16, 61, 1000]) {
      const all = pages(bytes, pageBytes);
      expect(all.join(""), `page size ${pageBytes}`).toBe(text);
      expect(all.join("")).not.toContain("\ufffd");
    }
  });

  it("shows bytes that are not UTF-8 as U+FFFD without losing the rest", () => {
    const bytes = Buffer.concat([
      Buffer.from("ab"),
      Buffer.from([0xe9, 0x80, 0x80, 0x80]),
      Buffer.from("cd"),
    ]);
    const joined = pages(bytes, 3).join("");
    expect(joined.startsWith("ab")).toBe(true);
    expect(joined.endsWith("cd")).toBe(true);
    expect(joined).toContain("\ufffd");
  });
});
