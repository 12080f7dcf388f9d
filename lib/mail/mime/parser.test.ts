import { describe, expect, it } from "vitest";
import { parseMessage } from "./parser.ts";
import type { ParsedPart } from "./part.ts";

const text = (b: Uint8Array | null) => (b === null ? null : new TextDecoder().decode(b));
const shape = (p: ParsedPart): unknown =>
  p.kind === "leaf"
    ? `${p.section} ${p.contentType}`
    : { [`${p.section || "''"} ${p.contentType}`]: p.children.map(shape) };

describe("structure and IMAP sections", () => {
  it("numbers a single-part message 1", () => {
    const msg = parseMessage("Subject: hi\r\n\r\nbody\r\n");
    expect(msg.root).toMatchObject({
      section: "1",
      kind: "leaf",
      contentType: "text/plain",
      size: 6,
      lines: 1,
    });
    expect(msg.root.offsets).toEqual({ headerStart: 0, bodyStart: 15, bodyEnd: 21 });
  });

  it("numbers nested multiparts and embedded messages as RFC 3501 6.4.5 does", () => {
    const raw = [
      "Content-Type: multipart/mixed; boundary=outer",
      "",
      "preamble",
      "--outer",
      "Content-Type: text/plain",
      "",
      "one",
      "--outer",
      "Content-Type: message/rfc822",
      "",
      "Subject: inner",
      "Content-Type: multipart/alternative; boundary=inner",
      "",
      "--inner",
      "",
      "plain",
      "--inner",
      "Content-Type: text/html",
      "",
      "<p>html</p>",
      "--inner--",
      "--outer",
      "Content-Type: message/rfc822",
      "",
      "Subject: single",
      "",
      "just text",
      "--outer--",
      "epilogue",
      "",
    ].join("\r\n");
    const msg = parseMessage(raw);
    expect(shape(msg.root)).toEqual({
      "'' multipart/mixed": [
        "1 text/plain",
        {
          "2 message/rfc822": [{ "2 multipart/alternative": ["2.1 text/plain", "2.2 text/html"] }],
        },
        { "3 message/rfc822": ["3.1 text/plain"] },
      ],
    });
    const [one, forward] = msg.root.children;
    // The line end before a boundary belongs to the boundary (RFC 2046 section 5.1.1).
    expect(text(msg.rawBody(one!))).toBe("one");
    expect(one!.size).toBe(3);
    expect(forward!.children[0]!.headers.get("subject")).toBe("inner");
    expect(forward!.size).toBe(text(msg.rawBody(forward!))!.length);
    expect(text(msg.rawBody(forward!))!.endsWith("--inner--")).toBe(true);
  });

  it("gives multipart/digest parts the message/rfc822 default (RFC 2046 5.1.5)", () => {
    const msg = parseMessage(
      "Content-Type: multipart/digest; boundary=d\n\n--d\n\nSubject: a\n\nA\n--d--\n",
    );
    expect(shape(msg.root)).toEqual({
      "'' multipart/digest": [{ "1 message/rfc822": ["1.1 text/plain"] }],
    });
  });

  it("parses unknown multipart subtypes as mixed", () => {
    const msg = parseMessage(
      "Content-Type: multipart/x-weird; boundary=w\n\n--w\n\na\n--w\n\nb\n--w--\n",
    );
    expect(msg.root.children.map((c) => c.section)).toEqual(["1", "2"]);
  });
});

describe("damage", () => {
  it("ends the last part at the end of input when the close delimiter is missing", () => {
    const msg = parseMessage(
      "Content-Type: multipart/mixed; boundary=b\n\n--b\n\nfirst\n--b\n\nsecond\n",
    );
    expect(msg.root.children.map((c) => text(msg.content(c)))).toEqual(["first", "second"]);
    expect(msg.root.defects).toContain("missing-close-boundary");
  });

  it("lets an enclosing boundary end an inner multipart", () => {
    const raw =
      "Content-Type: multipart/mixed; boundary=o\n\n--o\nContent-Type: multipart/alternative; boundary=i\n\n--i\n\nx\n--o\n\ny\n--o--\n";
    const msg = parseMessage(raw);
    expect(shape(msg.root)).toEqual({
      "'' multipart/mixed": [{ "1 multipart/alternative": ["1.1 text/plain"] }, "2 text/plain"],
    });
    expect(msg.root.children[0]!.defects).toContain("missing-close-boundary");
  });

  it("turns a multipart without any boundary line into a leaf with its body", () => {
    const msg = parseMessage("Content-Type: multipart/mixed; boundary=nope\n\njust text\n");
    expect(msg.root).toMatchObject({ kind: "leaf", section: "1", contentType: "multipart/mixed" });
    expect(msg.root.defects).toContain("missing-start-boundary");
    expect(text(msg.content(msg.root))).toBe("just text\n");
  });

  it("treats a multipart without a boundary parameter as a leaf", () => {
    const msg = parseMessage("Content-Type: multipart/mixed\n\ntext\n");
    expect(msg.root.kind).toBe("leaf");
    expect(msg.root.defects).toContain("no-boundary-parameter");
  });

  it("reads parts without headers and parts whose header block has no blank line", () => {
    const raw =
      "Content-Type: multipart/mixed; boundary=b\n\n--b\nno headers here\n--b\nContent-Type: text/html\n--b--\n";
    const msg = parseMessage(raw);
    const [first, second] = msg.root.children;
    expect(text(msg.content(first!))).toBe("no headers here");
    expect(second).toMatchObject({ contentType: "text/html", size: 0 });
  });

  it("skips repeated boundary lines instead of making empty parts", () => {
    const msg = parseMessage(
      "Content-Type: multipart/mixed; boundary=b\n\n--b\n--b\n\nx\n--b\n--b\n--b\n\ny\n--b--\n",
    );
    expect(msg.root.children.map((c) => text(msg.content(c)))).toEqual(["x", "y"]);
  });

  it("does not take a line that only starts like the boundary for it", () => {
    const msg = parseMessage(
      "Content-Type: multipart/mixed; boundary=b\n\n--b\n\n--bb\n--b-x\n--b--\n",
    );
    expect(text(msg.content(msg.root.children[0]!))).toBe("--bb\n--b-x");
  });

  it("accepts transport padding after a boundary", () => {
    const msg = parseMessage("Content-Type: multipart/mixed; boundary=b\n\n--b \t\n\nx\n--b-- \n");
    expect(msg.root.children).toHaveLength(1);
    expect(msg.root.defects).toEqual([]);
  });

  it("decodes a base64 message/rfc822 before parsing it", () => {
    const inner = Buffer.from("Subject: inside\r\n\r\nhello\r\n").toString("base64");
    const raw = `Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\n${inner}\n--b--\n`;
    const msg = parseMessage(raw);
    const message = msg.root.children[0]!;
    expect(message.kind).toBe("message");
    const root = message.children[0]!;
    expect(root).toMatchObject({ section: "1.1", decodedFrom: "1" });
    expect(root.headers.get("subject")).toBe("inside");
    expect(text(msg.content(root))).toBe("hello\r\n");
  });
});

describe("header blocks", () => {
  it("unfolds and keeps raw and decoded values side by side", () => {
    const msg = parseMessage("Subject: =?utf-8?q?caf=C3=A9?=\r\n  au lait\r\n\r\n");
    const field = msg.headers.first("subject")!;
    expect(field.raw).toBe("=?utf-8?q?caf=C3=A9?=  au lait");
    expect(field.value).toBe("café  au lait");
  });

  it("accepts obsolete white space before the colon (RFC 5322 4.5)", () => {
    const msg = parseMessage("Subject : obsolete\nFrom: a@x.test\n\nbody");
    expect(msg.headers.get("subject")).toBe("obsolete");
    expect(msg.headers.get("from")).toBe("a@x.test");
  });

  it("reads on past a broken fold when the next line is a header", () => {
    const msg = parseMessage("Received: from a\nby b with SMTP\nSubject: kept\n\nbody");
    expect(msg.headers.get("subject")).toBe("kept");
    expect(msg.root.defects).toContain("unindented-continuation");
  });

  it("joins a parameter list continued without indentation", () => {
    const msg = parseMessage('Content-Type: multipart/mixed;\nboundary="b"\n\n--b\n\nx\n--b--\n');
    expect(msg.root.kind).toBe("multipart");
  });

  it("starts the body at a non-header line when no blank line comes", () => {
    const msg = parseMessage("From: a@x.test\nthis is already the body\nsecond line\n");
    expect(text(msg.content(msg.root))).toBe("this is already the body\nsecond line\n");
    expect(msg.root.defects).toContain("missing-header-body-separator");
  });

  it("takes an initial mbox From line as the envelope", () => {
    const msg = parseMessage("From someone@example.com Mon Jan  1 00:00:00 2001\nSubject: x\n\nb");
    expect(msg.unixFrom).toBe("From someone@example.com Mon Jan  1 00:00:00 2001");
    expect(msg.headers.get("subject")).toBe("x");
  });

  it("reads raw 8-bit headers as UTF-8, else in the part's charset", () => {
    const utf8 = parseMessage(new TextEncoder().encode("Subject: Grüße\n\n"));
    expect(utf8.headers.get("subject")).toBe("Grüße");
    const koi8 = new Uint8Array([
      ...new TextEncoder().encode("Subject: "),
      0xf0,
      0xd2,
      0xc9,
      0xd7,
      0xc5,
      0xd4,
      ...new TextEncoder().encode('\nContent-Type: text/plain; charset="koi8-r"\n\n'),
    ]);
    expect(parseMessage(koi8).headers.get("subject")).toBe("Привет");
  });
});

describe("filenames", () => {
  const filenameOf = (headers: string) => parseMessage(`${headers}\r\n\r\nx\r\n`).root.filename;

  it("decodes RFC 2047 words in a plain filename or name (what Outlook writes)", () => {
    expect(filenameOf('Content-Disposition: attachment; filename="=?utf-8?B?w6kucGRm?="')).toBe(
      "é.pdf",
    );
    expect(
      filenameOf('Content-Type: application/pdf; name="=?utf-8?Q?r=C3=A9sum=C3=A9?=.pdf"'),
    ).toBe("résumé.pdf");
  });

  it("keeps an RFC 2231 extended filename as sent: its text is final", () => {
    expect(
      filenameOf(
        "Content-Disposition: attachment; filename*=utf-8''a%3D%3Futf-8%3Fq%3Fx%3F%3D.pdf",
      ),
    ).toBe("a=?utf-8?q?x?=.pdf");
    expect(
      filenameOf("Content-Type: application/pdf; name*=utf-8''%3D%3Futf-8%3FB%3FSGk%3D%3F%3D"),
    ).toBe("=?utf-8?B?SGk=?=");
    // The disposition's filename wins; a plain name beside it is not consulted.
    expect(
      filenameOf(
        "Content-Type: application/pdf; name=\"=?utf-8?q?y?=\"\r\nContent-Disposition: attachment; filename*=utf-8''%3D%3Futf-8%3Fq%3Fx%3F%3D",
      ),
    ).toBe("=?utf-8?q?x?=");
  });
});
