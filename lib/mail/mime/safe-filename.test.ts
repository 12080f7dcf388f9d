import { describe, expect, it } from "vitest";
import { safeFilename } from "./safe-filename.ts";

describe("safeFilename", () => {
  it("keeps the last path component only (traversal, SquirrelMail CVE-2018-8741)", () => {
    expect(safeFilename("../../../tmp/lbx-pub-1.txt")).toBe("lbx-pub-1.txt");
    expect(safeFilename("C:\\Windows\\System32\\evil.dll")).toBe("evil.dll");
    expect(safeFilename("..")).toBe("attachment");
    expect(safeFilename("/")).toBe("attachment");
  });

  it("removes bidi controls so the real extension shows (CWE-451)", () => {
    expect(safeFilename("invoice\u202efdp.exe")).toBe("invoicefdp.exe");
    expect(safeFilename("a\u2066b\u2069\u200f.txt")).toBe("ab.txt");
  });

  it("removes control characters and characters Windows refuses", () => {
    expect(safeFilename("a\u0000b\r\nc\u0085d.txt")).toBe("abcd.txt");
    expect(safeFilename('what?<is>"this"|*.txt')).toBe("what__is__this___.txt");
  });

  it("does not leave hidden, empty or device names", () => {
    expect(safeFilename(".htaccess")).toBe("htaccess");
    expect(safeFilename("name. . ")).toBe("name");
    expect(safeFilename("CON.txt")).toBe("_CON.txt");
    expect(safeFilename("")).toBe("attachment");
    expect(safeFilename(null, { fallback: "file" })).toBe("file");
  });

  it("truncates long names and keeps the extension", () => {
    const name = safeFilename(`${"L".repeat(5000)}.pdf`);
    expect(Array.from(name)).toHaveLength(120);
    expect(name.endsWith("….pdf")).toBe(true);
    expect(Array.from(safeFilename("😀".repeat(300), { maxLength: 10 }))).toHaveLength(10);
  });

  it("leaves ordinary names alone", () => {
    expect(safeFilename("Quarterly report (final) – Müller.docx")).toBe(
      "Quarterly report (final) – Müller.docx",
    );
  });
});
