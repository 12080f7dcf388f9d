import { describe, expect, it } from "vitest";
import { literalAtEnd, StreamedLiteral } from "./framer.ts";
import { frame } from "./testing/bytes-source.ts";

describe("literalAtEnd", () => {
  it("finds {n}, ~{n} and a server's stray {n+}", () => {
    expect(literalAtEnd(Buffer.from("* 1 FETCH (BODY[] {123}"))).toEqual({
      size: 123,
      binary: false,
    });
    expect(literalAtEnd(Buffer.from("* 1 FETCH (BINARY[1] ~{9}"))).toEqual({
      size: 9,
      binary: true,
    });
    expect(literalAtEnd(Buffer.from("X {7+}"))).toEqual({ size: 7, binary: false });
  });

  it("ignores braces that are not a literal marker", () => {
    for (const line of ["X {}", "X {a}", "X 5}", "{", "X {12} Y"]) {
      expect(literalAtEnd(Buffer.from(line))).toBeNull();
    }
  });
});

describe("readResponse", () => {
  it("assembles lines and literals of one response", async () => {
    const framed = await frame("* 1 FETCH (A {2}\r\nxy B {0}\r\n C)\r\n* 2 EXISTS\r\n");
    expect(framed.lines.map(String)).toEqual(["* 1 FETCH (A {2}", " B {0}", " C)"]);
    expect(framed.literals.map(String)).toEqual(["xy", ""]);
  });

  it("does not read a literal after a status response's text (the text may echo user input)", async () => {
    const framed = await frame("A1 NO Mailbox doesn't exist: x{5}\r\n* 3 EXISTS\r\n");
    expect(framed.lines.map(String)).toEqual(["A1 NO Mailbox doesn't exist: x{5}"]);
    expect((await frame("* BYE gone {2}\r\n")).literals).toEqual([]);
    expect((await frame("+ go ahead {2}\r\n")).literals).toEqual([]);
  });

  it("refuses a literal larger than maxLiteralSize before reading it", async () => {
    await expect(
      frame("* 1 FETCH (BODY[] {999999999}\r\n", { maxLiteralSize: 1000 }),
    ).rejects.toMatchObject({
      code: "LIMIT_EXCEEDED",
    });
  });

  it("refuses a response whose total size passes maxResponseSize", async () => {
    const many = `* 1 FETCH (${"X {10}\r\n0123456789 ".repeat(20)})\r\n`;
    await expect(frame(many, { maxResponseSize: 100 })).rejects.toMatchObject({
      code: "LIMIT_EXCEEDED",
    });
    await expect(frame(many, { maxLiteralsPerResponse: 5 })).rejects.toMatchObject({
      code: "LIMIT_EXCEEDED",
    });
  });

  it("refuses an absurd declared size as LIMIT_EXCEEDED, not a precision bug", async () => {
    await expect(frame("* 1 FETCH (BODY[] {99999999999999999999999}\r\n")).rejects.toMatchObject({
      code: "LIMIT_EXCEEDED",
    });
  });

  it("streams a routed literal to its sink and leaves a marker", async () => {
    const chunks: Buffer[] = [];
    const framed = await frame("* 1 FETCH (BODY[] {11}\r\nhello world)\r\n", {}, (context) => {
      expect(context.size).toBe(11);
      expect(String(context.firstLine)).toBe("* 1 FETCH (BODY[] {11}");
      return (chunk) => {
        chunks.push(chunk);
      };
    });
    expect(Buffer.concat(chunks).toString()).toBe("hello world");
    expect(framed.literals).toEqual([new StreamedLiteral(11)]);
  });

  it("bounds streamed literals by maxStreamedLiteralSize", async () => {
    await expect(
      frame("* 1 FETCH (BODY[] {5000}\r\n", { maxStreamedLiteralSize: 4000 }, () => () => {}),
    ).rejects.toMatchObject({ code: "LIMIT_EXCEEDED" });
  });

  it("fails with CLOSED when the data ends inside a literal", async () => {
    await expect(frame("* 1 FETCH (BODY[] {50}\r\nonly a few")).rejects.toMatchObject({
      code: "CLOSED",
    });
  });
});
