import { describe, expect, it } from "vitest";
import { sniffType, typeMismatch } from "./sniff.ts";

const bytes = (...b: number[]) => Uint8Array.from(b);
const ascii = (s: string) => new TextEncoder().encode(s);

describe("type sniffing", () => {
  it.each([
    [ascii("%PDF-1.7\n"), "application/pdf"],
    [bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0), "image/png"],
    [bytes(0xff, 0xd8, 0xff, 0xe0), "image/jpeg"],
    [ascii("GIF89a.."), "image/gif"],
    [bytes(0x50, 0x4b, 0x03, 0x04, 0x14), "application/zip"],
    [ascii("MZ\x90\x00"), "application/x-msdownload"],
    [bytes(0x78, 0x9f, 0x3e, 0x22, 0, 0), "application/vnd.ms-tnef"],
    [ascii("\ufeff  <!DOCTYPE html><html>"), "text/html"],
    [ascii("<svg xmlns='http://www.w3.org/2000/svg' onload='x()'>"), "image/svg+xml"],
    [ascii("<?xml version='1.0'?><svg>"), "image/svg+xml"],
    [ascii("\x00\x00\x00\x18ftypmp42"), "video/mp4"],
  ])("recognises %j as %s", (head, type) => {
    expect(sniffType(head)).toBe(type);
  });

  it("proves nothing about plain text or empty content", () => {
    expect(sniffType(ascii("Hello, this is a letter. BMW is a car."))).toBeNull();
    expect(sniffType(ascii("BM but not a bitmap"))).toBeNull();
    expect(sniffType(new Uint8Array(0))).toBeNull();
    expect(sniffType(null)).toBeNull();
  });

  it("flags contradictions but not synonyms, containers or generic declarations", () => {
    expect(typeMismatch("image/png", "text/html")).toBe(true);
    expect(typeMismatch("image/jpeg", "application/x-msdownload")).toBe(true);
    expect(typeMismatch("image/jpg", "image/jpeg")).toBe(false);
    expect(
      typeMismatch(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/zip",
      ),
    ).toBe(false);
    expect(typeMismatch("application/octet-stream", "application/pdf")).toBe(false);
    expect(typeMismatch("application/octet-stream", "text/html")).toBe(true);
    expect(typeMismatch("text/plain", null)).toBe(false);
  });
});
