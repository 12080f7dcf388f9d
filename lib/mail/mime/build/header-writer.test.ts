import { describe, expect, it } from "vitest";
import { MailError } from "../../errors.ts";
import { unstructuredPieces } from "./encode-words.ts";
import { assertHeaderText, writeHeader } from "./header-writer.ts";

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof MailError) return error.code;
    throw error;
  }
  return undefined;
}

/** RFC 5322 section 2.2.3 unfolding: remove each CRLF that is followed by WSP. */
function unfold(field: string): string {
  return field.replace(/\r\n$/, "").replace(/\r\n(?=[ \t])/g, "");
}

describe("assertHeaderText", () => {
  it.each([
    ["CR LF", "Hi\r\nX-Injected: pc2"],
    ["bare LF", "bob@letterbox.test\nCc: pc1@attacker.test"],
    ["bare CR", "a\rb"],
    ["NUL", "a\u0000b"],
    ["ESC", "a\u001bb"],
    ["VT", "a\u000bb"],
  ])("refuses %s as HEADER_INJECTION", (_, value) => {
    expect(codeOf(() => assertHeaderText(value, "Subject"))).toBe("HEADER_INJECTION");
  });

  it("allows TAB and non-ASCII", () => {
    expect(codeOf(() => assertHeaderText("a\tb é 😀", "Subject"))).toBeUndefined();
  });

  it("refuses lone surrogates instead of turning them into U+FFFD", () => {
    expect(codeOf(() => assertHeaderText("a\ud800b", "Subject"))).toBe("INVALID_INPUT");
  });
});

describe("writeHeader", () => {
  it("refuses a control character in any piece, plain or to be encoded", () => {
    expect(codeOf(() => writeHeader("X-A", ["ok", "bad\r\nBcc: x@y"]))).toBe("HEADER_INJECTION");
    expect(codeOf(() => writeHeader("X-A", [{ encode: "é\nBcc: x@y", encoding: "Q" }]))).toBe(
      "HEADER_INJECTION",
    );
  });

  it("refuses invalid field names", () => {
    expect(codeOf(() => writeHeader("X Bad", ["v"]))).toBe("INVALID_INPUT");
    expect(codeOf(() => writeHeader("X:Bad", ["v"]))).toBe("INVALID_INPUT");
    expect(codeOf(() => writeHeader("X\r\nBcc", ["v"]))).toBe("HEADER_INJECTION");
  });

  it("folds at piece boundaries to at most 78 octets, and unfolds to the same text", () => {
    const words = Array.from({ length: 60 }, (_, i) => `word${i}`);
    const field = writeHeader("Subject", words);
    for (const line of field.split("\r\n").slice(0, -1))
      expect(line.length).toBeLessThanOrEqual(78);
    expect(field.split("\r\n").length).toBeGreaterThan(3);
    expect(unfold(field)).toBe(`Subject: ${words.join(" ")}`);
  });

  it("keeps runs of spaces without writing a whitespace-only line", () => {
    const text = `${"a".repeat(60)} ${"b".repeat(10)}      c`;
    const field = writeHeader("Subject", unstructuredPieces(text, "Subject"));
    expect(unfold(field)).toBe(`Subject: ${text}`);
    for (const line of field.split("\r\n").slice(1, -1)) expect(line.trim()).not.toBe("");
  });

  it("cuts encoded-words to the room on the line, each at most 75 characters", () => {
    const field = writeHeader("Subject", [
      { encode: "日本語のテキスト".repeat(20), encoding: "B" },
    ]);
    const lines = field.split("\r\n").slice(0, -1);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(78);
    for (const word of field.match(/=\?[^?]+\?[QB]\?[^?]*\?=/g) ?? []) {
      expect(word.length).toBeLessThanOrEqual(75);
    }
    expect(lines.length).toBeGreaterThan(5);
  });

  it("refuses a word that cannot fit in 998 octets rather than writing a longer line", () => {
    expect(codeOf(() => writeHeader("X-Long", ["x".repeat(1000)]))).toBe("INVALID_INPUT");
    expect(writeHeader("X-Long", ["x".repeat(980)]).length).toBe(8 + 980 + 2);
  });

  it("ends with CRLF and contains no bare CR or LF", () => {
    const field = writeHeader(
      "Subject",
      unstructuredPieces("Grüße aus Köln ".repeat(20), "Subject"),
    );
    expect(field.endsWith("\r\n")).toBe(true);
    expect(field.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });
});
