import { describe, expect, it } from "vitest";
import { parseMessage } from "../parser.ts";
import type { MimeNode } from "../structure.ts";
import {
  availableFormats,
  chooseBody,
  displayBody,
  htmlBody,
  relatedRoot,
  textBody,
} from "./body.ts";
import { resolveReference } from "./related.ts";

const mime = (lines: string[]) => parseMessage(lines.join("\r\n"));

const alternative = mime([
  "Content-Type: multipart/mixed; boundary=m",
  "",
  "--m",
  "Content-Type: multipart/alternative; boundary=a",
  "",
  "--a",
  "Content-Type: text/plain; charset=utf-8",
  "",
  "plain café",
  "--a",
  "Content-Type: multipart/related; boundary=r; type=text/html",
  "",
  "--r",
  "Content-Type: text/html; charset=utf-8",
  "Content-Location: http://example.test/mail/index.html",
  "",
  '<p>html café <img src="cid:logo%40x"><img src="pic.png"></p>',
  "--r",
  "Content-Type: image/png",
  "Content-ID: <logo@x>",
  "",
  "PNG1",
  "--r",
  "Content-Type: image/png",
  "Content-Location: pic.png",
  "",
  "PNG2",
  "--r--",
  "--a--",
  "--m",
  "Content-Type: text/plain",
  "Content-Disposition: attachment; filename=notes.txt",
  "",
  "not the body",
  "--m--",
  "",
]);

describe("display body", () => {
  it("shows the last renderable alternative, through multipart/related", () => {
    const body = displayBody(alternative)!;
    expect(body.format).toBe("html");
    expect(body.part.section).toBe("1.2.1");
    expect(body.text).toContain("html café");
  });

  it("resolves cid: and Content-Location references to the related parts", () => {
    const { related } = displayBody(alternative)!;
    expect(resolveReference(related, "cid:logo%40x")?.section).toBe("1.2.2");
    expect(resolveReference(related, "pic.png")?.section).toBe("1.2.3");
    expect(resolveReference(related, "http://example.test/mail/pic.png")?.section).toBe("1.2.3");
    expect(resolveReference(related, "cid:missing")).toBeNull();
  });

  it("gives the plain-text and HTML alternatives for reply and preview", () => {
    expect(textBody(alternative)).toBe("plain café");
    expect(htmlBody(alternative)).toContain("<img");
  });

  it("prefers plain text when the HTML alternative is missing and skips attachments", () => {
    const msg = mime([
      "Content-Type: multipart/mixed; boundary=m",
      "",
      "--m",
      "Content-Type: text/html",
      "Content-Disposition: attachment; filename=page.html",
      "",
      "<p>attached page</p>",
      "--m",
      "Content-Type: text/plain",
      "",
      "the real body",
      "--m--",
    ]);
    expect(displayBody(msg)).toMatchObject({ format: "plain", text: "the real body" });
    expect(htmlBody(msg)).toBeNull();
  });

  it("shows a multipart without parts as its text, and other text types of a single part", () => {
    expect(
      displayBody(parseMessage("Content-Type: multipart/mixed; boundary=x\n\nonly text\n"))?.text,
    ).toBe("only text\n");
    expect(
      displayBody(parseMessage("Content-Type: text/enriched\n\n<bold>hi</bold>"))?.format,
    ).toBe("plain");
  });

  it("reads HTML without a charset parameter in the charset its <meta> declares", () => {
    const head = new TextEncoder().encode(
      'Content-Type: text/html\r\n\r\n<meta charset="windows-1251"><p>',
    );
    const msg = parseMessage(new Uint8Array([...head, 0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]));
    expect(displayBody(msg)?.text).toBe('<meta charset="windows-1251"><p>Привет');
  });

  it("does not enter attached messages or encrypted content", () => {
    const msg = mime([
      "Content-Type: multipart/encrypted; boundary=e",
      "",
      "--e",
      "Content-Type: text/plain",
      "",
      "x",
      "--e--",
    ]);
    expect(displayBody(msg)).toBeNull();
  });

  it("cuts inline uuencoded files out of the text it shows", () => {
    const msg = parseMessage("Subject: x\n\nhere it is\nbegin 644 a.txt\n#0V%T\n`\nend\nbye\n");
    expect(displayBody(msg)?.text).toBe("here it is\nbye\n");
    expect(textBody(msg)).toContain("begin 644");
  });
});

/** A structure node as the IMAP client builds it from BODYSTRUCTURE: no parser fields. */
function node(
  section: string,
  contentType: string,
  children: MimeNode[] = [],
  extra = {},
): MimeNode {
  return {
    section,
    contentType,
    params: {},
    disposition: null,
    dispositionParams: {},
    filename: null,
    contentId: null,
    contentDescription: null,
    contentLocation: null,
    transferEncoding: "7bit",
    size: 10,
    lines: null,
    kind: contentType.startsWith("multipart/") ? "multipart" : "leaf",
    children,
    ...extra,
  };
}

describe("body choice on the structure alone (the reader, over BODYSTRUCTURE)", () => {
  it("chooses on a parsed tree what displayBody shows", () => {
    const choice = chooseBody(alternative.root)!;
    expect(choice.part).toBe(displayBody(alternative)!.part);
    expect(choice.related?.section).toBe("1.2");
  });

  it("takes the asked-for form of a multipart/alternative, else the last renderable", () => {
    const tree = node("", "multipart/alternative", [
      node("1", "text/plain"),
      node("2", "text/html"),
      node("3", "application/x-unknown"),
    ]);
    expect(chooseBody(tree)).toMatchObject({ format: "html", part: { section: "2" } });
    expect(chooseBody(tree, "plain")).toMatchObject({ format: "plain", part: { section: "1" } });
    expect(chooseBody(tree, "html")).toMatchObject({ format: "html", part: { section: "2" } });
    expect(availableFormats(tree)).toEqual({ html: true, plain: true });
    const htmlOnly = node("", "multipart/alternative", [node("1", "text/html")]);
    expect(chooseBody(htmlOnly, "plain")?.format).toBe("html");
    expect(availableFormats(htmlOnly)).toEqual({ html: true, plain: false });
  });

  it("finds the multipart/related root by its start parameter, and reports the container", () => {
    const related = node(
      "",
      "multipart/related",
      [
        node("1", "image/png", [], { contentId: "img@x" }),
        node("2", "text/html", [], { contentId: "root@x" }),
      ],
      { params: { start: "<root@x>" } },
    );
    expect(relatedRoot(related)?.section).toBe("2");
    const choice = chooseBody(related)!;
    expect(choice.part.section).toBe("2");
    expect(choice.related).toBe(related);
  });

  it("never chooses an attachment, an attached message or encrypted content", () => {
    const attached = node("2", "message/rfc822", [node("2.1", "text/plain")], { kind: "message" });
    const tree = node("", "multipart/mixed", [
      node("1", "text/plain", [], { disposition: "attachment" }),
      attached,
      node("3", "multipart/encrypted", [node("3.1", "text/plain")]),
    ]);
    expect(chooseBody(tree)).toBeNull();
    expect(availableFormats(tree)).toEqual({ html: false, plain: false });
  });
});
