import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS_DIR } from "../../../dev/shared-data.ts";
import { parseMessage } from "../../../mail/mime/index.ts";
import { type MimeNode, walkMime } from "../../../mail/mime/structure.ts";
import { chooseBody } from "../reader/body-choice.ts";
import { describeMime } from "./mime-report.ts";
import type { MimeNodeView } from "./original-view.ts";

const CORPUS = CORPUS_DIR;

const root = (lines: string[]): MimeNode =>
  parseMessage(Buffer.from(`${lines.join("\r\n")}\r\n`)).root;

function find(tree: MimeNodeView, section: string): MimeNodeView {
  const stack = [tree];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.section === section) return node;
    stack.push(...node.children);
  }
  throw new Error(`no part ${section}`);
}

// mixed [ alternative [ plain, related [ html, png <logo@x>, svg <icon@x> ] ], pdf, message ]
const newsletter = root([
  "MIME-Version: 1.0",
  'Content-Type: multipart/mixed; boundary="m"',
  "",
  "--m",
  'Content-Type: multipart/alternative; boundary="a"',
  "",
  "--a",
  "Content-Type: text/plain; charset=utf-8",
  "",
  "Hello",
  "--a",
  'Content-Type: multipart/related; boundary="r"; type="text/html"',
  "",
  "--r",
  "Content-Type: text/html; charset=iso-8859-1",
  "Content-Transfer-Encoding: quoted-printable",
  "",
  '<img src="cid:logo@x"><img src="cid:gone@x">',
  "--r",
  "Content-Type: image/png",
  "Content-ID: <logo@x>",
  "Content-Transfer-Encoding: base64",
  "",
  "iVBORw0KGgo=",
  "--r",
  "Content-Type: image/svg+xml",
  "Content-ID: <icon@x>",
  "",
  "<svg/>",
  "--r--",
  "--a--",
  "--m",
  'Content-Type: application/pdf; name="terms.pdf"',
  'Content-Disposition: attachment; filename="terms.pdf"',
  "Content-ID: <terms@x>",
  "Content-Transfer-Encoding: base64",
  "",
  "JVBERi0=",
  "--m",
  "Content-Type: message/rfc822",
  "",
  "Subject: inner",
  "",
  "inner body",
  "--m--",
]);

describe("describeMime", () => {
  const report = describeMime(newsletter, ["logo@x", "gone@x", "LOGO@X", "terms@x", "icon@x"]);

  it("says which part is shown and why, step by step", () => {
    expect(report.display).toEqual({
      section: "1.2.1",
      format: "html",
      reason: "the last alternative we can render (text/html)",
      steps: [
        "multipart/mixed (the message root): part 1 is the first part with text to show.",
        "multipart/alternative (part 1): part 1.2 is the last of its 2 alternatives we can render (RFC 2046 section 5.1.4).",
        "multipart/related (part 1.2): part 1.2.1 is its root (its first part); the other parts are resources it may show.",
      ],
      available: { html: true, plain: true },
    });
    const html = find(report.tree, "1.2.1");
    expect(html).toMatchObject({
      role: "shown",
      charset: "iso-8859-1",
      transferEncoding: "quoted-printable",
      notes: ["Shown: the last alternative we can render (text/html)."],
    });
  });

  it("says why the other alternative is not shown", () => {
    expect(find(report.tree, "1.1")).toMatchObject({
      role: "alternative",
      notes: [
        "Not shown: an earlier alternative (text/plain); the reader's “Plain text” switch shows it.",
      ],
    });
  });

  it("lists every part with its facts", () => {
    expect(find(report.tree, "2")).toMatchObject({
      contentType: "application/pdf",
      role: "attachment",
      filename: "terms.pdf",
      contentId: "terms@x",
      disposition: "attachment",
      params: [["name", "terms.pdf"]],
    });
    expect(find(report.tree, "3")).toMatchObject({ kind: "message", role: "message" });
    expect(find(report.tree, "3.1")).toMatchObject({
      contentType: "text/plain",
      notes: ["The top of the message attached in part 3."],
    });
    expect(report.tree.params).toEqual([["boundary", "m"]]);
    expect(report.tree.role).toBe("container");
  });

  it("follows each cid: reference, flagging the ones that point at nothing", () => {
    expect(report.cidReferences!.map((r) => [r.cid, r.status, r.target])).toEqual([
      ["logo@x", "shown", "1.2.2"],
      ["gone@x", "missing", null],
      ["LOGO@X", "missing", null],
      ["terms@x", "outside-related", "2"],
      ["icon@x", "not-image", "1.2.3"],
    ]);
    expect(report.cidReferences![1]!.note).toBe("Points at nothing: no part has this Content-ID.");
    expect(report.cidReferences![2]!.note).toContain("differs in letter case");
    expect(find(report.tree, "1.2.2").notes).toEqual([
      "A resource of the HTML (multipart/related), shown inline through cid:.",
    ]);
    expect(find(report.tree, "1.2.3")).toMatchObject({
      role: "resource",
      notes: ["A resource of the HTML (multipart/related) that the HTML does not show."],
    });
    expect(report.cidReferences![4]!.note).toBe(
      "Part 1.2.3 is image/svg+xml, which the reader never loads through cid: (only raster images).",
    );
  });

  it("explains an alternative it cannot render", () => {
    const invite = describeMime(
      root([
        'Content-Type: multipart/alternative; boundary="a"',
        "",
        "--a",
        "Content-Type: text/plain",
        "",
        "x",
        "--a",
        "Content-Type: text/html",
        "",
        "<p>x</p>",
        "--a",
        "Content-Type: text/calendar; method=REQUEST",
        "",
        "BEGIN:VCALENDAR",
        "--a--",
      ]),
      [],
    );
    expect(invite.display.section).toBe("2");
    expect(find(invite.tree, "3").notes).toEqual(["Not shown: we cannot render text/calendar."]);
    expect(invite.cidReferences).toEqual([]);
  });

  it("handles a single part and a message with nothing to show", () => {
    const single = describeMime(root(["Content-Type: text/plain", "", "hi"]), null);
    expect(single.display.reason).toBe("the message's only part (text/plain)");
    expect(single.cidReferences).toBeNull();
    const pdf = describeMime(
      root(["Content-Type: application/pdf", "Content-Disposition: attachment", "", "x"]),
      null,
    );
    expect(pdf.display.section).toBeNull();
    expect(pdf.tree.role).toBe("attachment");
  });

  it("describes every corpus message, part for part, with the reader's choice", () => {
    const files = readdirSync(CORPUS).filter((f) => f.endsWith(".eml"));
    for (const file of files) {
      const tree = parseMessage(readFileSync(path.join(CORPUS, file))).root;
      const report = describeMime(tree, []);
      const count = (node: MimeNodeView): number =>
        1 + node.children.reduce((n, c) => n + count(c), 0);
      expect(count(report.tree), file).toBe([...walkMime(tree)].length);
      expect(report.display.section, file).toBe(chooseBody(tree)?.part.section ?? null);
    }
  });
});
