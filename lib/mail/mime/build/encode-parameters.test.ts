import { describe, expect, it } from "vitest";
import { fallbackNamePieces, valueWithParameters } from "./encode-parameters.ts";
import { writeHeader } from "./header-writer.ts";
import { decode2047, readParameter } from "./testing/reference-decoders.ts";

function disposition(filename: string): string {
  return writeHeader(
    "Content-Disposition",
    valueWithParameters("attachment", [{ name: "filename", value: filename }], "filename"),
  );
}

describe("valueWithParameters", () => {
  it("uses a token, then a quoted-string, then RFC 2231", () => {
    expect(disposition("report.pdf")).toBe(
      "Content-Disposition: attachment; filename=report.pdf\r\n",
    );
    expect(disposition("my report.pdf")).toBe(
      'Content-Disposition: attachment; filename="my report.pdf"\r\n',
    );
    expect(disposition("résumé.pdf")).toBe(
      "Content-Disposition: attachment; filename*=utf-8''r%C3%A9sum%C3%A9.pdf\r\n",
    );
    // Quotes and backslashes go percent-encoded rather than as quoted-pairs.
    expect(disposition('a"b\\c;d.txt')).toBe(
      "Content-Disposition: attachment; filename*=utf-8''a%22b%5Cc%3Bd.txt\r\n",
    );
  });

  it.each([
    "x".repeat(300),
    "非常に長いファイル名".repeat(12),
    'quotes "inside"; semicolons; and = signs.tar.gz',
    "emoji 😀👍🏽 and spaces .png",
    "ends with percent %41 literal.txt",
  ])("round-trips %j on lines within 78 octets, sections not splitting a character", (name) => {
    const field = disposition(name);
    for (const line of field.split("\r\n").slice(0, -1))
      expect(line.length).toBeLessThanOrEqual(78);
    expect(readParameter(field, "filename")).toBe(name);
    for (const section of field.matchAll(/filename\*\d+\*=(?:utf-8'')?([^;\s]+)/g)) {
      expect(() => decodeURIComponent(section[1]!)).not.toThrow();
    }
  });

  it("writes a quoted boundary and other parameters", () => {
    const field = writeHeader(
      "Content-Type",
      valueWithParameters(
        "multipart/mixed",
        [{ name: "boundary", value: "=_lbx_abc" }],
        "Content-Type",
      ),
    );
    expect(field).toBe('Content-Type: multipart/mixed; boundary="=_lbx_abc"\r\n');
  });
});

describe("fallbackNamePieces", () => {
  it("is empty when the plain form works, RFC 2047 in quotes otherwise", () => {
    expect(fallbackNamePieces("report.pdf", "f")).toEqual([]);
    const name = 'Überweisung März; "final".pdf';
    const field = writeHeader(
      "Content-Type",
      valueWithParameters("application/pdf", [], "Content-Type", fallbackNamePieces(name, "f")),
    );
    const quoted = /name="([^"]*)"/.exec(field.replace(/\r\n(?=[ \t])/g, ""))?.[1] ?? "";
    expect(decode2047(quoted)).toBe(name);
  });
});

describe("encoded-word look-alikes", () => {
  it("writes a filename holding =? in RFC 2231 form, where no RFC 2047 decoder looks", () => {
    const field = disposition("a=?utf-8?q?x?=.pdf");
    expect(field.replace(/\r\n /g, " ")).toBe(
      "Content-Disposition: attachment; filename*=utf-8''a%3D%3Futf-8%3Fq%3Fx%3F%3D.pdf\r\n",
    );
    expect(readParameter(field, "filename")).toBe("a=?utf-8?q?x?=.pdf");
  });
});
