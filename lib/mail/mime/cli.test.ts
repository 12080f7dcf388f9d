import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS_DIR } from "../../dev/shared-data.ts";

const repoRoot = path.resolve(import.meta.dirname, "../../..");
const corpus = CORPUS_DIR;

describe("mime CLI", () => {
  it("prints one oracle-schema JSON line per file", () => {
    const files = ["cpython-data-msg_02.eml", "mailcore2-jwz-15.eml"].map((f) =>
      path.join(corpus, f),
    );
    const out = execFileSync(
      process.execPath,
      ["--import", "tsx", path.join(import.meta.dirname, "cli.ts"), "parse", ...files],
      {
        cwd: repoRoot,
        encoding: "utf8",
      },
    );
    const lines = out.trim().split("\n");
    expect(lines).toHaveLength(2);
    const first = JSON.parse(lines[0]!);
    const expected = JSON.parse(
      readFileSync(path.join(corpus, "expected/cpython-data-msg_02.json"), "utf8"),
    );
    expect(first.file).toBe("cpython-data-msg_02.eml");
    expect(first.sha256).toBe(expected.sha256);
    expect(first.headers.subject).toBe(expected.headers.subject);
    expect(first.mime.children.map((c: { imap_section: string }) => c.imap_section)).toEqual(
      expected.mime.children.map((c: { imap_section: string }) => c.imap_section),
    );
  }, 20_000);

  it("fails with a usage line when called wrongly", () => {
    expect(() =>
      execFileSync(
        process.execPath,
        ["--import", "tsx", path.join(import.meta.dirname, "cli.ts")],
        { cwd: repoRoot, stdio: "pipe" },
      ),
    ).toThrow(/usage: npm run -s mime -- parse FILE/);
  }, 20_000);
});
