import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { safeFilename } from "../../mail/mime/safe-filename.ts";
import {
  asciiFallback,
  contentDisposition,
  encodeRfc8187,
  MAX_CONTENT_DISPOSITION_BYTES,
} from "./content-disposition.ts";
import { p10Names } from "./testing/hostile-p10.ts";

const HEADER_SHAPE =
  /^(attachment|inline); filename="[\x20-\x21\x23-\x24\x26-\x5b\x5d-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9!#$&+\-.^_`|~%]*$/;

describe("contentDisposition", () => {
  it("writes the RFC 6266 form with an ASCII fallback", () => {
    expect(contentDisposition("../../../tmp/lbx-pub-1.txt")).toBe(
      `attachment; filename="lbx-pub-1.txt"; filename*=UTF-8''lbx-pub-1.txt`,
    );
    expect(contentDisposition("résumé 2024.pdf", { type: "inline" })).toBe(
      `inline; filename="resume 2024.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9%202024.pdf`,
    );
    expect(contentDisposition("报告.pdf")).toBe(
      `attachment; filename="attachment.pdf"; filename*=UTF-8''%E6%8A%A5%E5%91%8A.pdf`,
    );
    expect(contentDisposition("100% done.txt")).toBe(
      `attachment; filename="100_ done.txt"; filename*=UTF-8''100%25%20done.txt`,
    );
  });

  it("encodes everything outside RFC 8187 attr-char", () => {
    expect(encodeRfc8187("a b'()*;,=.txt")).toBe("a%20b%27%28%29%2A%3B%2C%3D.txt");
    expect(asciiFallback("naïve café.txt")).toBe("naive cafe.txt");
  });

  it("stays within 1 KB for every p10 name and for long non-ASCII names", () => {
    const names = [
      ...p10Names(),
      `${"\u{1F44D}\u{1F3FD}".repeat(200)}.png`,
      `${"报".repeat(400)}.docx`,
    ];
    for (const name of names) {
      const value = contentDisposition(name);
      expect(value.length).toBeLessThanOrEqual(MAX_CONTENT_DISPOSITION_BYTES);
      expect(value).toMatch(HEADER_SHAPE);
      expect(value).not.toContain("%E2%80%AE"); // U+202E, encoded
    }
    const emoji = contentDisposition(`${"\u{1F44D}\u{1F3FD}".repeat(200)}.png`);
    const encoded = emoji.split("UTF-8''")[1]!;
    expect(decodeURIComponent(encoded)).toMatch(/^(?:\u{1F44D}\u{1F3FD})+\.png$/u);
  });

  it("never lets a hostile name break the header", () => {
    const hostile = [
      'a"; filename="evil.exe',
      "a\r\nSet-Cookie: x=1",
      'a\\"b.txt',
      "\u0000\u0007\u001b[31m.txt",
      "a".repeat(10_000),
      "\uD83D",
      `e${"\u0301".repeat(2_000)}`,
    ];
    for (const name of hostile) {
      const value = contentDisposition(name);
      expect(value, JSON.stringify(name)).toMatch(HEADER_SHAPE);
      expect(value.length).toBeLessThanOrEqual(MAX_CONTENT_DISPOSITION_BYTES);
      expect(() => new Headers({ "content-disposition": value })).not.toThrow();
    }
  });

  // Python's email package decodes RFC 2231/8187 parameters on its own: an independent reader.
  // (It returns the first "filename", so the test picks the starred one itself.)
  it("is read back by Python's email package: filename* the safe name, filename its fallback", () => {
    const names = ["résumé 2024.pdf", "报告 (final).docx", "invoice\u202Efdp.exe", "a;b=c'd.txt"];
    const values = names.map((n) => contentDisposition(n));
    const script = [
      "import email.message, json, sys",
      "from email.utils import collapse_rfc2231_value",
      "out = []",
      "for v in json.load(sys.stdin):",
      "    m = email.message.Message()",
      "    m['Content-Disposition'] = v",
      "    ps = [p for k, p in m.get_params(header='content-disposition') if k == 'filename']",
      "    star = [collapse_rfc2231_value(p) for p in ps if isinstance(p, tuple)]",
      "    plain = [p for p in ps if isinstance(p, str)]",
      "    out.append([star, plain])",
      "print(json.dumps(out))",
    ].join("\n");
    const run = spawnSync("python3", ["-c", script], {
      input: JSON.stringify(values),
      encoding: "utf8",
    });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(
      names.map((n) => [[safeFilename(n)], [asciiFallback(safeFilename(n))]]),
    );
  });
});
