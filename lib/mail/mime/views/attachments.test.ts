import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HOSTILE_DIR } from "../../../dev/shared-data.ts";
import { parseMessage } from "../parser.ts";
import { MAX_FILENAME_CHARS, safeFilename } from "../safe-filename.ts";
import { attachmentContent, attachments } from "./attachments.ts";

const hostile = (name: string) => readFileSync(path.join(HOSTILE_DIR, name));

describe("attachments", () => {
  it("lists parts that are not the body, with sizes, ids and sniffed types", () => {
    const msg = parseMessage(
      [
        "Content-Type: multipart/related; boundary=r",
        "",
        "--r",
        "Content-Type: text/html",
        "",
        '<img src="cid:img1@x">',
        "--r",
        "Content-Type: image/png",
        "Content-ID: <img1@x>",
        "Content-Transfer-Encoding: base64",
        "",
        "iVBORw0KGgoAAAANSUhEUg==",
        "--r",
        'Content-Type: image/png; name="lie.png"',
        "Content-Disposition: attachment",
        "",
        "<html><script>alert(1)</script></html>",
        "--r--",
      ].join("\r\n"),
    );
    const list = attachments(msg);
    expect(
      list.map((a) => [
        a.section,
        a.filename,
        a.sniffedType,
        a.typeMismatch,
        a.inlineInBody,
        a.disposition,
      ]),
    ).toEqual([
      ["2", null, "image/png", false, true, "inline"],
      ["3", "lie.png", "text/html", true, false, "attachment"],
    ]);
    expect(list[0]!.size).toBe(16);
    expect(list[0]!.contentId).toBe("img1@x");
  });

  it("offers inline uuencoded files with their bytes", () => {
    const msg = parseMessage("Subject: x\n\nsee file\nbegin 644 cat.txt\n#0V%T\n`\nend\n");
    const [file] = attachments(msg);
    expect(file).toMatchObject({ filename: "cat.txt", source: "uuencode", size: 3 });
    expect(new TextDecoder().decode(attachmentContent(msg, file!)!)).toBe("Cat");
  });

  it("reports hostile filenames as sent and leaves sanitising to safeFilename (p10)", () => {
    const list = attachments(parseMessage(hostile("p10-filenames.eml")));
    const names = list.map((a) => a.filename);
    expect(names).toContain("../../../tmp/lbx-pub-1.txt");
    expect(names).toContain("invoice\u202efdp.exe");
    const long = names.find((n) => (n?.length ?? 0) > 1000)!;
    expect(long.length).toBeGreaterThan(4000);
    const shown = list.map((a) => safeFilename(a.filename));
    expect(shown).toContain("lbx-pub-1.txt");
    expect(shown).toContain("invoicefdp.exe");
    for (const name of shown) {
      expect(name).not.toMatch(/[/\\\u202e]/);
      expect(Array.from(name).length).toBeLessThanOrEqual(MAX_FILENAME_CHARS);
    }
    const exe = list.find((a) => a.filename?.startsWith("invoice"))!;
    expect(exe.sniffedType).toBe("application/x-msdownload");
  });

  it("flags the PNG-labelled HTML of hostile p09", () => {
    const list = attachments(parseMessage(hostile("p09-attachments-html-svg-lie.eml")));
    expect(
      list.some(
        (a) =>
          a.contentType.startsWith("image/") && a.sniffedType === "text/html" && a.typeMismatch,
      ),
    ).toBe(true);
  });
});
