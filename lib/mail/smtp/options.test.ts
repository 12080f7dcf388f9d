import { describe, expect, it } from "vitest";
import { resolveClientName } from "./options.ts";

describe("resolveClientName", () => {
  it("takes host names and address literals, and nothing that could extend the EHLO line", () => {
    expect(resolveClientName("mail.example.test")).toBe("mail.example.test");
    expect(resolveClientName("[192.0.2.1]")).toBe("[192.0.2.1]");
    expect(resolveClientName("[IPv6:2001:db8::1]")).toBe("[IPv6:2001:db8::1]");
    for (const bad of [
      "x y",
      "host\r\nMAIL FROM:<a@b>",
      "-bad.test",
      "a..b",
      `${"a".repeat(64)}.test`,
    ]) {
      expect(() => resolveClientName(bad), bad).toThrow(
        expect.objectContaining({ code: "INVALID_INPUT" }),
      );
    }
  });
});
