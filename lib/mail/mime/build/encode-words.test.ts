import { describe, expect, it } from "vitest";
import { phrasePieces, unstructuredPieces } from "./encode-words.ts";
import { writeHeader } from "./header-writer.ts";
import { decode2047, unfoldValue } from "./testing/reference-decoders.ts";

function roundTrip(text: string): string {
  return decode2047(unfoldValue(writeHeader("Subject", unstructuredPieces(text, "Subject"))));
}

describe("unstructuredPieces", () => {
  it.each([
    "Hello world",
    "Re: Café meeting",
    "Grüße  aus   Köln",
    " leading and trailing ",
    "日本語の件名です、とても長い件名がここに続きます。日本語の件名です、とても長い件名がここに続きます。",
    "emoji 👩‍👩‍👧‍👦 family 🇫🇷 flag",
    "looks like =?utf-8?q?an_encoded_word?= but is text",
    'a_b=c?d "quoted" (paren) <angle>, comma; semi',
    "tab\there",
    "x".repeat(200),
    "Русский текст с пробелами и длинными словами",
    "mixed ASCII start then 中文 then ASCII end, with a long tail of words after it",
  ])("round-trips %j", (text) => {
    expect(roundTrip(text)).toBe(text);
  });

  it("leaves plain ASCII unencoded and encodes only the span that needs it", () => {
    expect(writeHeader("Subject", unstructuredPieces("Hello world", "Subject"))).toBe(
      "Subject: Hello world\r\n",
    );
    const field = writeHeader("Subject", unstructuredPieces("Re: Café meeting today", "Subject"));
    expect(field).toBe("Subject: Re: =?UTF-8?Q?Caf=C3=A9?= meeting today\r\n");
  });

  it("never splits a UTF-8 character between encoded-words, with lines within 78", () => {
    const text = "ü😀中".repeat(40);
    const field = writeHeader("Subject", unstructuredPieces(text, "Subject"));
    for (const line of field.split("\r\n").slice(0, -1))
      expect(line.length).toBeLessThanOrEqual(78);
    // decodeWord is fatal on partial sequences, so each word holds whole characters.
    expect(roundTrip(text)).toBe(text);
  });
});

describe("phrasePieces", () => {
  const phrase = (name: string) =>
    writeHeader("From", [...phrasePieces(name, "From"), "<a@b.test>"]);

  it("writes atoms plainly, quotes specials, encodes non-ASCII", () => {
    expect(phrase("John Doe")).toBe("From: John Doe <a@b.test>\r\n");
    expect(phrase("Doe, John")).toBe('From: "Doe, John" <a@b.test>\r\n');
    expect(phrase('Say "hi" \\ bye')).toBe('From: "Say \\"hi\\" \\\\ bye" <a@b.test>\r\n');
    expect(phrase("Zoë")).toBe("From: =?UTF-8?Q?Zo=C3=AB?= <a@b.test>\r\n");
  });

  it("encodes names that would be taken for encoded-words or that include an address", () => {
    expect(phrase("=?utf-8?q?x?=")).toContain("=?UTF-8?Q?=3D=3Futf-8=3Fq=3Fx=3F=3D?=");
    expect(decode2047(unfoldValue(phrase("it-helpdesk@letterbox.test")))).toContain(
      '"it-helpdesk@letterbox.test"',
    );
  });

  it("Q-encodes phrase-special characters (RFC 2047 section 5(3))", () => {
    const field = phrase('Zoë, "the" (boss)');
    const word = /=\?UTF-8\?Q\?([^?]*)\?=/.exec(field)?.[1] ?? "";
    expect(word).toMatch(/^[A-Za-z0-9!*+\-/=_]*$/);
    expect(decode2047(unfoldValue(field))).toBe('Zoë, "the" (boss) <a@b.test>');
  });
});
