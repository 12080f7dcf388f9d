import { describe, expect, it } from "vitest";
import { parseMessage } from "../parser.ts";
import { displayBody, htmlBody, textBody } from "./body.ts";
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
