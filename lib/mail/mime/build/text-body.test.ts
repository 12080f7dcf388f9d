import { describe, expect, it } from "vitest";
import { hostileInputs } from "../../../dev/shared-data.ts";
import { encodeText, normalizeLineEnds } from "./text-body.ts";

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString("utf8");

describe("text bodies", () => {
  it("normalises bare LF and bare CR to CRLF", () => {
    expect(normalizeLineEnds("a\nb\rc\r\nd\n\re")).toBe("a\r\nb\r\nc\r\nd\r\n\r\ne");
  });

  it("PC3: dot lines and bare LFs come out intact with CRLF", () => {
    const pc3 = hostileInputs().compose_inputs.find((i) => i.id === "PC3")!.value;
    const encoded = encodeText(pc3, false);
    expect(encoded.encoding).toBe("7bit");
    expect(text(encoded.body)).toBe("a\r\n.\r\nb\r\n.\r\nc");
  });

  it("chooses 7bit, 8bit or quoted-printable by content and 8BITMIME", () => {
    expect(encodeText("plain ascii\nshort lines", false).encoding).toBe("7bit");
    expect(encodeText("Grüße", false).encoding).toBe("quoted-printable");
    expect(encodeText("Grüße", true).encoding).toBe("8bit");
    expect(encodeText("x".repeat(79), false).encoding).toBe("quoted-printable");
    expect(encodeText("ü".repeat(400), true).encoding).toBe("8bit");
    expect(encodeText("ü".repeat(500), true).encoding).toBe("quoted-printable");
    expect(encodeText("nul\u0000inside", true).encoding).toBe("quoted-printable");
  });

  it("never leaves a bare CR or LF, and keeps lines within 78 unless 8bit", () => {
    for (const [input, eight] of [
      ["a\rb\nc".repeat(50), false],
      ["long ".repeat(300), false],
      ["ü\r".repeat(300), true],
    ] as const) {
      const out = text(encodeText(input, eight).body);
      expect(out.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
      for (const line of out.split("\r\n"))
        expect(Buffer.byteLength(line)).toBeLessThanOrEqual(998);
    }
  });
});
