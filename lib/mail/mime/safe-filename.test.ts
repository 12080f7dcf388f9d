import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HOSTILE_DIR } from "../../dev/shared-data.ts";
import { parseMessage } from "./parser.ts";
import { MAX_FILENAME_CHARS, safeFilename } from "./safe-filename.ts";

/** Hostile p10's attachment names, as the parser decodes them. */
function p10Names(): string[] {
  const message = parseMessage(readFileSync(path.join(HOSTILE_DIR, "p10-filenames.eml")));
  return message.parts().flatMap((p) => (p.filename === null ? [] : [p.filename]));
}

describe("safeFilename on hostile p10", () => {
  const [traversal, rtl, long] = p10Names();

  it("has the three attack names of the manifest", () => {
    expect(traversal).toBe("../../../tmp/lbx-pub-1.txt");
    expect(rtl).toBe("invoice\u202Efdp.exe");
    expect(long!.length).toBeGreaterThan(5_000);
  });

  it("keeps the last path component only (traversal, SquirrelMail CVE-2018-8741)", () => {
    expect(safeFilename(traversal)).toBe("lbx-pub-1.txt");
    expect(safeFilename("..\\..\\Windows\\System32\\evil.dll")).toBe("evil.dll");
    expect(safeFilename("C:\\Windows\\System32\\evil.dll")).toBe("evil.dll");
    expect(safeFilename("/etc/passwd")).toBe("passwd");
    expect(safeFilename("dir/")).toBe("dir");
  });

  it("removes bidi controls so the real extension shows (CWE-451)", () => {
    expect(safeFilename(rtl)).toBe("invoicefdp.exe");
    for (const control of [
      "\u061C",
      "\u202A",
      "\u202B",
      "\u202C",
      "\u202D",
      "\u202E",
      "\u2066",
      "\u2067",
      "\u2068",
      "\u2069",
      "\u200E",
      "\u200F",
    ]) {
      expect(safeFilename(`a${control}b.txt`)).toBe("ab.txt");
    }
  });

  it("cuts a 5,000-character name to 150, keeping the extension", () => {
    const name = safeFilename(long);
    expect(name).toHaveLength(MAX_FILENAME_CHARS);
    expect(name.endsWith("LLLL.pdf")).toBe(true);
  });
});

describe("safeFilename", () => {
  it("is never empty and never a dot name", () => {
    for (const name of ["", "   ", "..", ".", "/", "\\\\", "\u202E", "\u0000\u0001", "...."]) {
      expect(safeFilename(name), JSON.stringify(name)).toBe("attachment");
    }
    expect(safeFilename(".bashrc")).toBe("bashrc");
    expect(safeFilename(".htaccess")).toBe("htaccess");
    expect(safeFilename("", { fallback: "file" })).toBe("file");
    expect(safeFilename(null, { fallback: "file" })).toBe("file");
    expect(safeFilename(undefined)).toBe("attachment");
  });

  it("turns line breaks into spaces, so words stay apart, and removes other controls", () => {
    expect(safeFilename("a\r\nX-Injected: 1.txt")).toBe("a X-Injected_ 1.txt");
    expect(safeFilename("quarterly\r\nreport.pdf")).toBe("quarterly report.pdf");
    expect(safeFilename("a\u0000b\r\nc\u0085d.txt")).toBe("ab cd.txt");
    expect(safeFilename("  two \t\t words .txt  ")).toBe("two words .txt");
    expect(safeFilename("c1\u0085\u009b.txt")).toBe("c1.txt");
  });

  it("removes invisible characters but keeps the joiners emoji and scripts need", () => {
    expect(safeFilename("zero\u200Bwidth\u2060joiner\uFEFF.txt")).toBe("zerowidthjoiner.txt");
    const family = "\u{1F468}\u200D\u{1F469}\u200D\u{1F467}"; // one grapheme, joined by ZWJ
    expect(safeFilename(`${family}.png`)).toBe(`${family}.png`);
    expect(safeFilename("\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645.txt")).toBe(
      "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645.txt",
    );
  });

  it("replaces what Windows would refuse", () => {
    expect(safeFilename('a<b>c:d"e|f?g*h.txt')).toBe("a_b_c_d_e_f_g_h.txt");
    expect(safeFilename("CON.txt")).toBe("_CON.txt");
    expect(safeFilename("nul")).toBe("_nul");
    expect(safeFilename("name. . .")).toBe("name");
    expect(safeFilename("CONSOLE.txt")).toBe("CONSOLE.txt");
  });

  it("truncates on grapheme boundaries, keeping the extension", () => {
    const thumbs = "\u{1F44D}\u{1F3FD}"; // two code points, one grapheme
    const name = safeFilename(`${thumbs.repeat(200)}.png`);
    expect([...name]).toHaveLength(MAX_FILENAME_CHARS);
    expect(name).toBe(`${thumbs.repeat(73)}.png`);
    const family = "\u{1F468}\u200D\u{1F469}\u200D\u{1F467}"; // five code points
    expect(safeFilename(`${family.repeat(40)}.png`)).toBe(`${family.repeat(29)}.png`);
    const accents = safeFilename(`${"e\u0301".repeat(100)}.txt`); // NFC joins these
    expect(accents).toBe(`${"\u00e9".repeat(100)}.txt`);
    expect(safeFilename(`${"L".repeat(50)}.pdf`, { maxLength: 10 })).toBe("LLLLLL.pdf");
    expect([...safeFilename("\u{1F600}".repeat(300), { maxLength: 10 })]).toHaveLength(10);
  });

  it("drops lone surrogates", () => {
    expect(safeFilename("a\uD800b.txt")).toBe("ab.txt");
  });

  it("leaves ordinary names alone", () => {
    expect(safeFilename("Quarterly report (final) – Müller.docx")).toBe(
      "Quarterly report (final) – Müller.docx",
    );
  });
});

describe("safeFilename on hostile lengths", () => {
  // "a" + 40,000 dots + "b" took 2.7 s with a /[\s.]+$/ trim (quadratic backtracking).
  it("trims 200,000 dots in under 100 ms", () => {
    const started = performance.now();
    const safe = safeFilename(`a${".".repeat(200_000)}b`);
    expect(performance.now() - started).toBeLessThan(100);
    expect(safe).toBe("b");
    const trailing = performance.now();
    expect(safeFilename(`report${".".repeat(200_000)}`)).toBe("report");
    expect(safeFilename(`report${". ".repeat(5_000)}`)).toBe("report");
    expect(performance.now() - trailing).toBeLessThan(100);
  });

  it.each([
    ["dots and spaces", `a${" .".repeat(100_000)}b`],
    ["one long word", "x".repeat(1_000_000)],
    ["many extensions", `${"a.".repeat(100_000)}pdf`],
  ])("%s: linear time, a sane name", (_, name) => {
    const started = performance.now();
    const safe = safeFilename(name);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect([...safe].length).toBeLessThanOrEqual(MAX_FILENAME_CHARS);
    expect(safe).not.toBe("");
  });

  it("looks at the end of an over-long name, where the extension is", () => {
    expect(safeFilename(`${"x".repeat(100_000)}/report.pdf`)).toBe("report.pdf");
    expect(safeFilename(`${"x".repeat(100_000)}.pdf`).endsWith("x.pdf")).toBe(true);
  });
});
