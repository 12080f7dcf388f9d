import { describe, expect, it } from "vitest";
import { Base64Decoder, decodeBase64, decodedBase64Length } from "./base64.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

describe("base64", () => {
  it("decodes standard base64 with line breaks", () => {
    expect(dec(decodeBase64(enc("SGVsbG8s\r\nIHdvcmxk\r\nIQ==\r\n")))).toBe("Hello, world!");
  });

  it("skips spaces and characters outside the alphabet (RFC 2045 6.8)", () => {
    expect(dec(decodeBase64(enc("SGV s*bG8\t=\n")))).toBe("Hello");
  });

  it("tolerates missing padding", () => {
    expect(dec(decodeBase64(enc("SGVsbG8")))).toBe("Hello");
    expect(dec(decodeBase64(enc("SGk")))).toBe("Hi");
    expect(dec(decodeBase64(enc("SA")))).toBe("H");
  });

  it("drops a dangling single character", () => {
    expect(dec(decodeBase64(enc("SGVsbG8hS")))).toBe("Hello!");
  });

  it("stops at completed padding (junk after the end is not data)", () => {
    expect(dec(decodeBase64(enc("SGk=\r\nSGk=")))).toBe("Hi");
  });

  it("ignores a stray = before two sextets of a quantum", () => {
    expect(dec(decodeBase64(enc("=SGk=")))).toBe("Hi");
  });

  it("gives the same bytes when fed in pieces of any size", () => {
    const input = enc("VGhlIHF1aWNrIGJyb3duIGZveCBqdW1wcyBvdmVyIHRoZSBsYXp5IGRvZy4=\r\n");
    const whole = decodeBase64(input);
    for (let size = 1; size <= 9; size++) {
      const decoder = new Base64Decoder();
      const parts: number[] = [];
      for (let i = 0; i < input.length; i += size)
        parts.push(...decoder.update(input.subarray(i, i + size)));
      parts.push(...decoder.finalize());
      expect(Uint8Array.from(parts)).toEqual(whole);
      expect(decoder.total).toBe(whole.length);
    }
  });

  it("counts the decoded length without decoding", () => {
    for (const s of ["", "SA", "SGk", "SGVsbG8=", "SGVs\r\nbG8hS", "SGk=SGk="]) {
      expect(decodedBase64Length(enc(s))).toBe(decodeBase64(enc(s)).length);
    }
  });

  it("round-trips random bytes encoded by the platform", () => {
    const bytes = new Uint8Array(1000).map((_, i) => (i * 7919) & 0xff);
    const text = Buffer.from(bytes).toString("base64").replace(/.{76}/g, "$&\r\n");
    expect(decodeBase64(enc(text))).toEqual(bytes);
  });
});
