import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS_DIR, HOSTILE_DIR } from "../../dev/shared-data.ts";
import { POP3_STORE_LIMITS } from "./limits.ts";
import {
  digestOfMessage,
  digestOfTop,
  htmlWords,
  searchKey,
  searchTextOf,
  snippet,
} from "./message-digest.ts";

const crlf = (lines: string[]) => Buffer.from(lines.join("\r\n"), "utf8");

/** What TOP n `lines` answers: the header, the empty line, then `lines` body lines. */
function topOf(message: Buffer, lines: number): Buffer {
  const text = message.toString("latin1");
  const match = /\r?\n\r?\n/.exec(text);
  if (!match) return message;
  const head = text.slice(0, match.index + match[0].length);
  const body = text
    .slice(match.index + match[0].length)
    .split(/\r?\n/)
    .slice(0, lines);
  return Buffer.from(head + body.join("\r\n"), "latin1");
}

const alternative = crlf([
  "From: =?utf-8?q?Ren=C3=A9e?= <renee@example.test>",
  "To: dave@example.test, Carol <carol@example.test>",
  "Subject: =?utf-8?b?Q2Fmw6kgYXQgbm9vbg==?=",
  "Date: Tue, 03 Feb 2026 04:05:06 +0000",
  "Message-ID: <alt-1@example.test>",
  "MIME-Version: 1.0",
  'Content-Type: multipart/alternative; boundary="b1"',
  "",
  "This is a multi-part message in MIME format.",
  "--b1",
  "Content-Type: text/plain; charset=utf-8",
  "Content-Transfer-Encoding: quoted-printable",
  "",
  "Hello Dave,",
  "",
  "lunch at the caf=C3=A9   tomorrow?",
  "> an old quoted line",
  "--b1",
  "Content-Type: text/html; charset=utf-8",
  "",
  "<p>Hello Dave</p>",
  "--b1--",
  "",
]);

describe("digestOfTop", () => {
  it("reads the envelope and a preview of the plain-text part from the first lines", () => {
    const digest = digestOfTop(topOf(alternative, POP3_STORE_LIMITS.topPreviewLines));
    expect(digest).toMatchObject({
      subject: "Café at noon",
      from: [{ name: "Renée", address: "renee@example.test" }],
      to: [
        { name: "", address: "dave@example.test" },
        { name: "Carol", address: "carol@example.test" },
      ],
      messageId: "alt-1@example.test",
      hasAttachments: false,
      preview: "Hello Dave, lunch at the café tomorrow?",
    });
    expect(digest.date?.toISOString()).toBe("2026-02-03T04:05:06.000Z");
  });

  it("takes multipart/mixed, or a visible attachment part, as having attachments", () => {
    const mixed = crlf([
      "Subject: report",
      'Content-Type: multipart/mixed; boundary="m"',
      "",
      "--m",
      "Content-Type: text/plain",
      "",
      "See attached.",
      "--m",
      'Content-Type: application/pdf; name="r.pdf"',
      "Content-Transfer-Encoding: base64",
      "",
      "JVBERi0xLjQK",
      "--m--",
    ]);
    expect(digestOfTop(topOf(mixed, 3))).toMatchObject({ hasAttachments: true, preview: null });
    expect(digestOfTop(topOf(mixed, 30))).toMatchObject({
      hasAttachments: true,
      preview: "See attached.",
    });
    const disposition = crlf([
      "Subject: one file",
      "Content-Type: application/zip",
      'Content-Disposition: attachment; filename="a.zip"',
      "",
      "UEsDBA==",
    ]);
    expect(digestOfTop(disposition).hasAttachments).toBe(true);
  });

  it("previews HTML-only mail by its words, without style, script or entities", () => {
    const html = crlf([
      "Subject: news",
      "Content-Type: text/html; charset=utf-8",
      "",
      "<html><head><title>T</title><style>p { color: red }</style></head>",
      "<body><script>alert(1)</script><p>Big&nbsp;news &amp; more &#x2713; &#65;</p><!-- hidden -->",
    ]);
    expect(digestOfTop(html).preview).toBe("Big news & more ✓ A");
  });

  it("decodes a base64 text part cut off by TOP, and cuts previews between characters", () => {
    const text = `${"😀".repeat(150)} ${"word ".repeat(100)}`;
    const b64 = Buffer.from(text)
      .toString("base64")
      .match(/.{1,76}/g)!;
    const message = crlf([
      "Subject: long",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: base64",
      "",
      ...b64,
    ]);
    const preview = digestOfTop(topOf(message, 30)).preview!;
    expect(Array.from(preview)).toHaveLength(POP3_STORE_LIMITS.previewChars + 1);
    expect(preview.endsWith("…")).toBe(true);
    expect(preview.startsWith("😀😀")).toBe(true);
    expect(preview).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it("never throws on garbage and gives empty fields for it", () => {
    for (const input of [
      Buffer.alloc(0),
      Buffer.from("\r\n\r\n"),
      Buffer.from("no header at all, just text"),
      Buffer.from([0xff, 0xfe, 0x00, 0x80, 0x0a, 0x0d, 0x3a]),
      Buffer.from("Subject: \x00\x1b[31mred\r\nFrom: <<<@@@>>>\r\nDate: yesterday\r\n\r\n\x00\x01"),
      Buffer.from(`Content-Type: multipart/mixed; boundary=${"x".repeat(5000)}\r\n\r\n--x`),
    ]) {
      const digest = digestOfTop(input);
      expect(digest.subject).not.toMatch(/[\r\n]/);
      expect(digest.date === null || !Number.isNaN(digest.date.getTime())).toBe(true);
    }
    expect(digestOfTop(Buffer.from("Date: yesterday\r\n\r\n")).date).toBeNull();
  });
});

describe("digestOfMessage", () => {
  it("is exact about attachments: inline images of multipart/related are not attachments", () => {
    const related = crlf([
      "Subject: newsletter",
      'Content-Type: multipart/related; boundary="r"',
      "",
      "--r",
      "Content-Type: text/html",
      "",
      '<p>Hi <img src="cid:logo"></p>',
      "--r",
      "Content-Type: image/png; name=logo.png",
      "Content-ID: <logo>",
      "Content-Transfer-Encoding: base64",
      "",
      "iVBORw0KGgo=",
      "--r--",
    ]);
    expect(digestOfMessage(related)).toMatchObject({ hasAttachments: false, preview: "Hi" });
    expect(digestOfMessage(related).bodyText?.trim()).toBe("Hi");
  });
});

describe("snippet, htmlWords and searchTextOf", () => {
  it("collapse whitespace, drop controls and bidi overrides, leave quoted lines out", () => {
    expect(snippet("  a\t\tb\r\n> quoted\r\n\u202etxt.exe\u0007 c  ")).toBe("a b txt.exe c");
    expect(snippet(" \r\n> only quoted\r\n")).toBeNull();
  });

  it("strip an unclosed style to the end rather than show CSS", () => {
    expect(htmlWords("<p>Hi</p><style>body{}").trim()).toBe("Hi");
    expect(htmlWords("&bogus; &#0; &#xD800;")).toBe("&bogus;    ");
  });

  it("search text holds subject, names, addresses and body words in lower case", () => {
    const digest = digestOfTop(topOf(alternative, 30));
    const text = searchTextOf(digest);
    expect(text).toContain("café at noon");
    expect(text).toContain("renée renee@example.test");
    expect(text).toContain("carol carol@example.test");
    expect(text).toContain("lunch at the café");
    expect(text).toBe(text.toLowerCase());
  });

  it("search keys hide LIKE's wildcards and escape, in stored text and words alike", () => {
    expect(searchKey("A_B 100% C:\\x")).toBe("a\ue001b 100\ue000 c:\ue002x");
    expect(searchKey("%_\\")).not.toMatch(/[%_\\]/);
  });
});

describe("every corpus and hostile message", () => {
  const files = [CORPUS_DIR, HOSTILE_DIR].flatMap((dir) =>
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".eml"))
      .map((f) => path.join(dir, f)),
  );

  it("gives a digest from TOP with the whole message's header fields, bounded previews", () => {
    expect(files.length).toBeGreaterThan(800);
    for (const file of files) {
      const bytes = fs.readFileSync(file);
      const top = digestOfTop(topOf(bytes, POP3_STORE_LIMITS.topPreviewLines));
      const whole = digestOfMessage(bytes);
      expect(top.subject, file).toBe(whole.subject);
      expect(top.from, file).toEqual(whole.from);
      expect(top.messageId, file).toBe(whole.messageId);
      for (const preview of [top.preview, whole.preview]) {
        if (preview === null) continue;
        expect(Array.from(preview).length, file).toBeLessThanOrEqual(
          POP3_STORE_LIMITS.previewChars + 1,
        );
        expect(preview, file).not.toMatch(/[\u0000-\u001f\u202a-\u202e]/);
      }
      // What TOP sees is a prefix: whatever it finds attached, the whole message has too,
      // except that multipart/mixed is a guess.
      if (whole.hasAttachments) continue;
      if (top.hasAttachments) expect(bytes.toString("latin1"), file).toMatch(/multipart\/mixed/i);
    }
  }, 120_000);
});
