import { describe, expect, it } from "vitest";
import { encodeMessage, inspectMessage, MessageEncoder } from "./dot-stuffer.ts";

/** The rules written the slow, obvious way, to check the streaming encoder against. */
function reference(input: string, dotStuff: boolean): string {
  let text = input.replace(/\r\n|\r|\n/g, "\r\n");
  if (text.length > 0 && !text.endsWith("\r\n")) text += "\r\n";
  if (!dotStuff) return text;
  const stuffed = text.replace(/(^|\r\n)\./g, "$1..");
  return `${stuffed}.\r\n`;
}

function encodeInChunks(input: Buffer, cuts: number[], dotStuff: boolean): Buffer {
  const encoder = new MessageEncoder({ dotStuff });
  const parts: Buffer[] = [];
  let at = 0;
  for (const cut of [...cuts, input.length]) {
    parts.push(encoder.push(input.subarray(at, cut)));
    at = cut;
  }
  parts.push(encoder.end());
  return Buffer.concat(parts);
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return (below: number) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % below;
  };
}

describe("MessageEncoder", () => {
  it("stuffs a leading dot and a line that is only a dot (RFC 5321 4.5.2)", () => {
    const out = encodeMessage(Buffer.from(".hidden\r\n.\r\nend\r\n"), { dotStuff: true });
    expect(out.toString("latin1")).toBe("..hidden\r\n..\r\nend\r\n.\r\n");
  });

  it("turns the PC3 smuggling body into one message with CRLF only", () => {
    // shared/hostile-public/inputs.json PC3: "a\r\n.\r\nb\n.\nc"
    const out = encodeMessage(Buffer.from("a\r\n.\r\nb\n.\nc"), { dotStuff: true });
    expect(out.toString("latin1")).toBe("a\r\n..\r\nb\r\n..\r\nc\r\n.\r\n");
    // Exactly one end-of-data sequence, at the very end.
    expect(out.toString("latin1").indexOf("\r\n.\r\n")).toBe(out.length - 5);
  });

  it("never lets a bare CR or LF through", () => {
    const out = encodeMessage(Buffer.from("x\ry\nz\r\r\n\n\r.\r"), { dotStuff: true });
    const text = out.toString("latin1");
    expect(text).toBe("x\r\ny\r\nz\r\n\r\n\r\n\r\n..\r\n.\r\n");
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });

  it("handles a CRLF and a line-start dot split across chunks", () => {
    const input = Buffer.from("ab\r\n.cd\r\n");
    for (let cut = 0; cut <= input.length; cut++) {
      expect(encodeInChunks(input, [cut], true).toString("latin1")).toBe("ab\r\n..cd\r\n.\r\n");
    }
  });

  it("returns an unchanged chunk itself, without a copy", () => {
    const encoder = new MessageEncoder({ dotStuff: true });
    const chunk = Buffer.from("Subject: hi\r\n\r\nhello\r\n");
    expect(encoder.push(chunk)).toBe(chunk);
  });

  it("ends an empty message with the terminator only, and adds a missing final CRLF", () => {
    expect(encodeMessage(Buffer.alloc(0), { dotStuff: true }).toString()).toBe(".\r\n");
    expect(encodeMessage(Buffer.from("x"), { dotStuff: false }).toString()).toBe("x\r\n");
    expect(encodeMessage(Buffer.from("x\r"), { dotStuff: false }).toString()).toBe("x\r\n");
  });

  it("does not dot-stuff for BDAT", () => {
    const out = encodeMessage(Buffer.from(".a\n.\n"), { dotStuff: false });
    expect(out.toString()).toBe(".a\r\n.\r\n");
  });

  it("notices 8-bit content", () => {
    const encoder = new MessageEncoder({ dotStuff: true });
    encoder.push(Buffer.from("plain\r\n"));
    expect(encoder.eightBit).toBe(false);
    encoder.push(Buffer.from("caf\xc3\xa9\r\n", "latin1"));
    expect(encoder.eightBit).toBe(true);
  });

  it("matches the reference on random input split at random points", () => {
    const next = random(42);
    const alphabet = ["\r", "\n", ".", "a", "\r\n", ".\r\n", "\r\n.", "é"];
    for (let round = 0; round < 400; round++) {
      let text = "";
      const length = next(40);
      for (let i = 0; i < length; i++) text += alphabet[next(alphabet.length)];
      const input = Buffer.from(text, "utf8");
      const cuts = [...new Set(Array.from({ length: next(5) }, () => next(input.length + 1)))].sort(
        (a, b) => a - b,
      );
      for (const dotStuff of [true, false]) {
        const out = encodeInChunks(input, cuts, dotStuff);
        expect(out.toString("utf8"), JSON.stringify({ text, cuts })).toBe(
          reference(text, dotStuff),
        );
        const encoder = new MessageEncoder({ dotStuff });
        encoder.push(input);
        encoder.end();
        expect(encoder.bytesOut).toBe(out.length);
      }
      // SIZE counts the normalised message before stuffing (RFC 1870 section 3).
      expect(inspectMessage(input).size).toBe(Buffer.byteLength(reference(text, false)));
    }
  });
});

describe("inspectMessage", () => {
  it("counts the CRLF-normalised size and spots 8-bit bytes", () => {
    expect(inspectMessage(Buffer.from("a\nb\r\nc"))).toEqual({ size: 9, eightBit: false });
    expect(inspectMessage(Buffer.from("é\r\n"))).toEqual({ size: 4, eightBit: true });
    expect(inspectMessage(Buffer.alloc(0))).toEqual({ size: 0, eightBit: false });
  });
});
