import { describe, expect, it } from "vitest";
import {
  decodeQEncoding,
  decodeQuotedPrintable,
  QuotedPrintableDecoder,
} from "./quoted-printable.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const latin1 = (b: Uint8Array) => Array.from(b, (c) => String.fromCharCode(c)).join("");
const qp = (s: string) => latin1(decodeQuotedPrintable(enc(s)));

describe("quoted-printable", () => {
  it("decodes =XX in upper and lower case", () => {
    expect(qp("caf=E9 caf=e9")).toBe("caf\xe9 caf\xe9");
  });

  it("joins soft line breaks (CRLF and bare LF)", () => {
    expect(qp("long =\r\nline=\nend")).toBe("long lineend");
  });

  it("keeps hard line breaks as they stand", () => {
    expect(qp("a\r\nb\nc")).toBe("a\r\nb\nc");
  });

  it("keeps bad escapes literally", () => {
    expect(qp("=ZZ =4 =")).toBe("=ZZ =4 =");
    expect(qp("100% =3D ok")).toBe("100% = ok");
  });

  it("deletes trailing white space on encoded lines (RFC 2045 6.7 rule 3)", () => {
    expect(qp("a  \r\nb\t\nc  ")).toBe("a\r\nb\nc");
    expect(qp("soft= \t\r\nbreak")).toBe("softbreak");
  });

  it("keeps white space inside a line", () => {
    expect(qp("a  b")).toBe("a  b");
  });

  it("gives the same bytes when fed in pieces of any size", () => {
    const input = enc("Gr=C3=BC=C3=9Fe  \r\naus M=C3=BCnchen=\r\n, =ZZ caf=e9 =\nend  \r\n");
    const whole = decodeQuotedPrintable(input);
    for (let size = 1; size <= 7; size++) {
      const decoder = new QuotedPrintableDecoder();
      const out: number[] = [];
      for (let i = 0; i < input.length; i += size)
        out.push(...decoder.update(input.subarray(i, i + size)));
      out.push(...decoder.finalize());
      expect(latin1(Uint8Array.from(out))).toBe(latin1(whole));
    }
  });

  it("does not hold an endless white-space run (no quadratic rescans)", () => {
    const decoder = new QuotedPrintableDecoder();
    const spaces = new Uint8Array(4096).fill(0x20);
    let emitted = 0;
    for (let i = 0; i < 50; i++) emitted += decoder.update(spaces).length;
    expect(emitted).toBeGreaterThan(40 * 4096);
  });

  it("decodes the RFC 2047 Q form (underscore is a space)", () => {
    expect(latin1(decodeQEncoding(enc("Caf=E9_cr=E8me")))).toBe("Caf\xe9 cr\xe8me");
  });
});
