import { describe, expect, it } from "vitest";
import { p10Names } from "./testing/hostile-p10.ts";
import { MAX_FILENAME_CHARS, safeFilename } from "./safe-filename.ts";

describe("safeFilename on hostile p10", () => {
  const [traversal, rtl, long] = p10Names();

  it("has the three attack names of the manifest", () => {
    expect(traversal).toBe("../../../tmp/lbx-pub-1.txt");
    expect(rtl).toBe("invoice\u202Efdp.exe");
    expect(long!.length).toBeGreaterThan(5_000);
  });

  it("keeps the basename only", () => {
    expect(safeFilename(traversal!)).toBe("lbx-pub-1.txt");
    expect(safeFilename("..\\..\\Windows\\System32\\evil.dll")).toBe("evil.dll");
    expect(safeFilename("/etc/passwd")).toBe("passwd");
    expect(safeFilename("dir/")).toBe("dir");
  });

  it("removes the right-to-left override so the real extension shows", () => {
    const name = safeFilename(rtl!);
    expect(name).toBe("invoicefdp.exe");
    for (const control of [
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
    const name = safeFilename(long!);
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
    expect(safeFilename("", "file")).toBe("file");
  });

  it("removes controls and collapses white space", () => {
    expect(safeFilename("a\r\nX-Injected: 1.txt")).toBe("a X-Injected_ 1.txt");
    expect(safeFilename("  two \t\t words .txt  ")).toBe("two words .txt");
    expect(safeFilename("zero\u200Bwidth\uFEFF.txt")).toBe("zerowidth.txt");
    expect(safeFilename("c1\u0085\u009b.txt")).toBe("c1.txt");
  });

  it("replaces what Windows would refuse", () => {
    expect(safeFilename('a<b>c:d"e|f?g*h.txt')).toBe("a_b_c_d_e_f_g_h.txt");
    expect(safeFilename("CON.txt")).toBe("_CON.txt");
    expect(safeFilename("nul")).toBe("_nul");
    expect(safeFilename("name. . .")).toBe("name");
    expect(safeFilename("CONSOLE.txt")).toBe("CONSOLE.txt");
  });

  it("truncates on grapheme boundaries", () => {
    const thumbs = "\u{1F44D}\u{1F3FD}"; // two code points, one grapheme
    const name = safeFilename(`${thumbs.repeat(200)}.png`);
    expect([...name]).toHaveLength(MAX_FILENAME_CHARS);
    expect(name).toBe(`${thumbs.repeat(73)}.png`);
    const accents = safeFilename(`${"e\u0301".repeat(100)}.txt`); // NFC joins these
    expect(accents).toBe(`${"\u00e9".repeat(100)}.txt`);
  });

  it("drops lone surrogates", () => {
    expect(safeFilename("a\uD800b.txt")).toBe("ab.txt");
  });
});

describe("safeFilename on hostile lengths", () => {
  // "a" + 200,000 dots + "b" took two minutes with a /[\s.]+$/ trim (quadratic backtracking).
  // The bound is loose: it only catches that.
  it.each([
    ["dots", `a${".".repeat(200_000)}b`],
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
