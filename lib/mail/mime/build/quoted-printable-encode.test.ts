import { describe, expect, it } from "vitest";
import { encodeQuotedPrintable } from "./quoted-printable-encode.ts";

/** Independent RFC 2045 section 6.7 decoder for the round trip. */
function decodeQP(text: string): Buffer {
  const joined = text.replace(/=\r\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    if (joined[i] === "=") {
      bytes.push(Number.parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(joined.charCodeAt(i));
  }
  return Buffer.from(bytes);
}

const enc = (s: string) => encodeQuotedPrintable(new TextEncoder().encode(s));

describe("encodeQuotedPrintable", () => {
  it("keeps printable ASCII, escapes =, non-ASCII and trailing whitespace", () => {
    expect(enc("a=b")).toBe("a=3Db");
    expect(enc("café")).toBe("caf=C3=A9");
    expect(enc("end \r\nnext\t")).toBe("end=20\r\nnext=09");
    expect(enc("mid space")).toBe("mid space");
  });

  it("escapes a lone CR or LF so neither reaches the wire bare", () => {
    expect(enc("a\rb\nc\r\nd")).toBe("a=0Db=0Ac\r\nd");
  });

  it("keeps every line within 76 characters and round-trips random bytes", () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    for (let round = 0; round < 50; round++) {
      const bytes = new Uint8Array(next() % 2000).map(() => {
        const r = next() % 10;
        return r < 6 ? 32 + (next() % 95) : r < 8 ? [13, 10, 32, 9][next() % 4]! : next() % 256;
      });
      const text = encodeQuotedPrintable(bytes);
      for (const line of text.split("\r\n")) expect(line.length).toBeLessThanOrEqual(76);
      expect(text).toMatch(/^[\x20-\x7e\r\n\t]*$/);
      expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
      expect(decodeQP(text).equals(Buffer.from(bytes))).toBe(true);
    }
  });

  it("never splits an =XX escape across a soft break", () => {
    const text = enc("é".repeat(100));
    for (const line of text.split("=\r\n")) expect(line).toMatch(/^(=[0-9A-F]{2})*$/);
  });
});
