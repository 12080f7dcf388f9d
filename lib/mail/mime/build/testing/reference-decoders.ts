/**
 * Test-only: small independent decoders the builder's unit tests check their output with,
 * written from the RFCs apart from both the builder and the parser so a shared mistake cannot
 * hide. The round-trip property test uses the real parser (lib/mail/mime).
 */
import { expect } from "vitest";

function decodeWord(encoding: string, text: string): string {
  const bytes =
    encoding.toUpperCase() === "B"
      ? Buffer.from(text, "base64")
      : Buffer.from(
          text
            .replace(/_/g, " ")
            .replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(Number.parseInt(h, 16))),
          "latin1",
        );
  // fatal: an encoded-word holding part of a character fails the test (RFC 2047 section 5).
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
}

/** RFC 2047: decodes UTF-8 encoded-words, dropping whitespace between adjacent ones (6.2). */
export function decode2047(value: string): string {
  return value
    .replace(/(=\?UTF-8\?[QB]\?[^?]*\?=)\s+(?==\?UTF-8\?)/g, "$1")
    .replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/g, (_, enc, text) => decodeWord(enc, text));
}

/** RFC 5322 section 2.2.3 unfolding of one field, returning its value after ": ". */
export function unfoldValue(field: string): string {
  return field
    .replace(/\r\n$/, "")
    .replace(/\r\n(?=[ \t])/g, "")
    .replace(/^[^:]+: /, "");
}

/** RFC 2045 / 2231: one parameter of a field, plain, quoted or in (numbered) extended sections. */
export function readParameter(field: string, name: string): string | undefined {
  const value = field.replace(/\r\n(?=[ \t])/g, "");
  const plain = new RegExp(`;\\s*${name}=("((?:[^"\\\\]|\\\\.)*)"|[^;\\s]+)`).exec(value);
  if (plain) return plain[2] !== undefined ? plain[2].replace(/\\(.)/g, "$1") : plain[1];
  // name*=ext-value, name*N*=ext-section, name*N=plain-section (RFC 2231 sections 3 and 4).
  const pattern = new RegExp(
    `;\\s*${name}\\*(?:(\\d+)(\\*)?|(\\*)?)=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]+))`,
    "g",
  );
  const sections = [...value.matchAll(pattern)]
    .map((m) => ({
      index: Number(m[1] ?? 0),
      extended: m[1] === undefined || m[2] === "*",
      text: m[4] !== undefined ? m[4].replace(/\\(.)/g, "$1") : m[5]!,
    }))
    .sort((a, b) => a.index - b.index);
  if (sections.length === 0) return undefined;
  sections.forEach((s, i) => {
    expect(s.index).toBe(i);
  });
  const bytes: number[] = [];
  sections.forEach((section, i) => {
    let text = section.text;
    if (section.extended && i === 0) text = text.replace(/^[^']*'[^']*'/, "");
    if (!section.extended) {
      for (const byte of Buffer.from(text, "latin1")) bytes.push(byte);
      return;
    }
    for (let at = 0; at < text.length; at++) {
      if (text[at] === "%") {
        bytes.push(Number.parseInt(text.slice(at + 1, at + 3), 16));
        at += 2;
      } else bytes.push(text.charCodeAt(at));
    }
  });
  return new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array(bytes));
}
