import { describe, expect, it } from "vitest";
import { StreamedLiteral } from "./framer.ts";
import { frame } from "./testing/bytes-source.ts";
import { Tokenizer } from "./tokenizer.ts";

async function values(text: string | Buffer, depth = 100) {
  return new Tokenizer(await frame(text), depth).readValuesUntil();
}

describe("Tokenizer", () => {
  it('reads atoms, numbers and NIL (NIL is null, a quoted "NIL" is text)', async () => {
    expect(await values('* 12 FOO NIL "NIL" nil\r\n')).toEqual([
      "*",
      "12",
      "FOO",
      null,
      "NIL",
      null,
    ]);
  });

  it('reads quoted strings with \\" and \\\\ escapes, byte-exact', async () => {
    expect(await values('"a \\"quoted\\" \\\\ word" ""\r\n')).toEqual(['a "quoted" \\ word', ""]);
  });

  it("decodes UTF-8 in quoted strings and keeps invalid UTF-8 readable as Latin-1", async () => {
    const bytes = Buffer.concat([
      Buffer.from('"été" "'),
      Buffer.from([0xe9, 0x74, 0xe9]),
      Buffer.from('"\r\n'),
    ]);
    expect(await values(bytes)).toEqual(["été", "été"]);
  });

  it("reads a literal by byte count, including CR LF and multi-byte characters inside it", async () => {
    const body = "öööö\r\nA5 LOGOUT";
    // 4 × 2 bytes for "ö", CR LF, 9 for "A5 LOGOUT": 19 bytes for 15 characters.
    const size = Buffer.byteLength(body);
    expect(size).toBe(19);
    const list = await values(`(X {${size}}\r\n${body} Y)\r\n`);
    expect(list).toHaveLength(1);
    const [x, literal, y] = list[0] as unknown[];
    expect(x).toBe("X");
    expect((literal as Buffer).toString("utf8")).toBe(body);
    expect(y).toBe("Y");
  });

  it("reads literal8 ~{n} with NUL bytes", async () => {
    const data = Buffer.concat([
      Buffer.from("A ~{3}\r\n"),
      Buffer.from([0, 1, 0]),
      Buffer.from(" B\r\n"),
    ]);
    const list = await values(data);
    expect(list[0]).toBe("A");
    expect([...(list[1] as Buffer)]).toEqual([0, 1, 0]);
    expect(list[2]).toBe("B");
  });

  it("reads an empty literal {0}", async () => {
    const list = await values("A {0}\r\n B\r\n");
    expect((list[1] as Buffer).length).toBe(0);
    expect(list[2]).toBe("B");
  });

  it("reads nested lists", async () => {
    expect(await values('(1 (2 (3 "x") NIL) ())\r\n')).toEqual([
      ["1", ["2", ["3", "x"], null], []],
    ]);
  });

  it("reads FETCH keys with [section] and <partial> as one atom, even with spaces and quotes inside", async () => {
    expect(
      await values('BODY[HEADER.FIELDS (FROM "X-]")]<0> BODY[1.2] BINARY[] RFC822.SIZE\r\n'),
    ).toEqual(['BODY[HEADER.FIELDS (FROM "X-]")]<0>', "BODY[1.2]", "BINARY[]", "RFC822.SIZE"]);
  });

  it("keeps backslash flags and \\* as atoms", async () => {
    expect(await values("(\\Seen \\* $Forwarded)\r\n")).toEqual([["\\Seen", "\\*", "$Forwarded"]]);
  });

  it("refuses lists nested deeper than the limit", async () => {
    await expect(values(`${"(".repeat(50)}${")".repeat(50)}\r\n`, 10)).rejects.toMatchObject({
      code: "PROTOCOL",
    });
  });

  it("refuses unterminated strings and lists as PROTOCOL errors", async () => {
    await expect(values('"abc\r\n')).rejects.toMatchObject({ code: "PROTOCOL" });
    await expect(values("(a b\r\n")).rejects.toMatchObject({ code: "PROTOCOL" });
  });

  it("passes a streamed literal through as its marker", async () => {
    const framed = await frame("X {5}\r\nhello Y\r\n", {}, () => () => {});
    expect(framed.literals[0]).toBeInstanceOf(StreamedLiteral);
    const list = new Tokenizer(framed, 10).readValuesUntil();
    expect(list[1]).toEqual(new StreamedLiteral(5));
  });
});
