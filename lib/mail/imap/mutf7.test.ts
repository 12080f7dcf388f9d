import { describe, expect, it } from "vitest";
import { decodeMutf7, encodeMutf7 } from "./mutf7.ts";

describe("modified UTF-7 (RFC 3501 5.1.3)", () => {
  it.each([
    ["INBOX", "INBOX"],
    ["&", "&-"],
    ["Tom & Jerry", "Tom &- Jerry"],
    ["été", "&AOk-t&AOk-"],
    ["~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-"],
    ['Projects/2026 "Q1" & été', 'Projects/2026 "Q1" &- &AOk-t&AOk-'],
    ["😀", "&2D3eAA-"],
    ["a\u0000b", "a&AAA-b"],
  ])("%j ⇄ %j", (name, encoded) => {
    expect(encodeMutf7(name)).toBe(encoded);
    expect(decodeMutf7(encoded)).toBe(name);
  });

  it("round-trips every BMP character class and astral characters", () => {
    const samples = [
      "Ω≈ç√∫",
      "Привет мир",
      "עברית",
      "a&b&&c",
      "mixed ascii ünd 中文 &- text",
      "𝄞𝄞",
    ];
    for (const name of samples) expect(decodeMutf7(encodeMutf7(name))).toBe(name);
  });

  it("leaves names that are not valid modified UTF-7 as they came", () => {
    for (const bad of ["&Jjo!", "&U,BTFw", "&AO-", "caf\u00e9", "&ZeVnLIqe=-"]) {
      expect(decodeMutf7(bad)).toBe(bad);
    }
  });
});
