import { describe, expect, it } from "vitest";
import { decodeUuencodeBody, findUuencodedFiles } from "./uuencode.ts";

const ascii = (s: string) => new TextEncoder().encode(s);

describe("uuencode", () => {
  // Encoded with Python's binascii.b2a_uu.
  const block = "begin 644 hello.txt\n,2&5L;&\\L('=O<FQD\n`\nend\n";

  it("finds and decodes inline blocks with name and mode", () => {
    const files = findUuencodedFiles(
      ascii(`Text before\n${block}text after\n${block.replace("hello", "again")}`),
    );
    expect(files.map((f) => [f.name, f.mode, new TextDecoder().decode(f.data)])).toEqual([
      ["hello.txt", "644", "Hello, world"],
      ["again.txt", "644", "Hello, world"],
    ]);
    expect(files[0]!.start).toBe(12);
  });

  it("decodes an x-uuencode body, and keeps a body without a begin line", () => {
    expect(new TextDecoder().decode(decodeUuencodeBody(ascii(block)))).toBe("Hello, world");
    expect(decodeUuencodeBody(ascii("no block here"))).toEqual(ascii("no block here"));
  });

  it("keeps what decoded when the end line is missing", () => {
    expect(
      new TextDecoder().decode(
        findUuencodedFiles(ascii("begin 600 x\n,2&5L;&\\L('=O<FQD\n"))[0]!.data,
      ),
    ).toBe("Hello, world");
  });

  it("ignores lines that merely start with begin", () => {
    expect(findUuencodedFiles(ascii("begin the meeting at 10\nend\n"))).toEqual([]);
  });
});
