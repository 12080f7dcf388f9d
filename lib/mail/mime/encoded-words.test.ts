import { describe, expect, it } from "vitest";
import { decodeEncodedWords } from "./encoded-words.ts";

const d = (s: string, max?: number) => decodeEncodedWords(s, max).text;

describe("RFC 2047 encoded words", () => {
  it("decodes B and Q words", () => {
    expect(d("=?utf-8?B?SGFsbMOl?=")).toBe("Hallå");
    expect(d("=?iso-8859-1?q?caf=E9_cr=E8me?=")).toBe("café crème");
  });

  it("drops white space between adjacent encoded words (section 6.2)", () => {
    expect(d("=?utf-8?q?a?= =?utf-8?q?b?=\t =?utf-8?q?c?=")).toBe("abc");
  });

  it("keeps white space between an encoded word and plain text", () => {
    expect(d("Re: =?utf-8?q?caf=C3=A9?= ok")).toBe("Re: café ok");
  });

  it("joins a multi-byte character split across two words", () => {
    // U+2713 (E2 9C 93) split after two bytes; one word Q, one word B.
    expect(d("=?utf-8?q?=E2=9C?= =?UTF-8?B?kw==?=")).toBe("✓");
  });

  it("decodes stateful ISO-2022-JP words one by one (no doubled escape sequences)", () => {
    const text = "=?ISO-2022-JP?B?GyRCJUclIyVsGyhC?= =?ISO-2022-JP?B?GyRCJS8lSCVqGyhC?=";
    expect(d(text)).toBe("ディレクトリ");
  });

  it("decodes words inside a word and inside quotes, as clients do", () => {
    expect(d("foo=?utf-8?q?bar?=baz")).toBe("foobarbaz");
    expect(d('"=?utf-8?q?J=C3=B6rg?=" <j@x>')).toBe('"Jörg" <j@x>');
  });

  it("ignores the RFC 2231 language suffix", () => {
    expect(d("=?US-ASCII*EN?Q?Keith_Moore?=")).toBe("Keith Moore");
  });

  it("leaves malformed words as they are", () => {
    expect(d("=?utf-8?x?abc?=")).toBe("=?utf-8?x?abc?=");
    expect(d("=?utf-8?b?not*base64?=")).toBe("=?utf-8?b?not*base64?=");
    expect(d("=?utf-8?q?unterminated")).toBe("=?utf-8?q?unterminated");
  });

  it("falls back for an unknown charset instead of failing", () => {
    expect(d("=?x-unknown?q?caf=C3=A9?=")).toBe("café");
    expect(d("=?bogus?q?caf=E9?=")).toBe("café");
  });

  it("keeps CR/LF smuggled in a word as data (display code makes it one line)", () => {
    expect(d("=?UTF-8?Q?a=0D=0ABcc:_x?=")).toBe("a\r\nBcc: x");
  });

  it("stops decoding at the word limit and says so", () => {
    const many = Array.from({ length: 10 }, () => "=?utf-8?q?x?=").join(" ");
    const result = decodeEncodedWords(many, 3);
    expect(result.limited).toBe(true);
    expect(result.text.startsWith("xxx =?utf-8?q?x?=")).toBe(true);
  });

  it("is linear on a long run of words", () => {
    const many = Array.from({ length: 20000 }, () => "=?utf-8?b?w6k=?=").join(" ");
    const t0 = performance.now();
    expect(decodeEncodedWords(many, 100000).text).toBe("é".repeat(20000));
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
