import { describe, expect, it } from "vitest";
import { checkAddrSpec } from "./addr-spec.ts";

describe("checkAddrSpec", () => {
  it.each([
    "bob@letterbox.test",
    "first.last+tag@sub.example.com",
    "!#$%&'*+-/=?^_`{|}~@example.com",
    '"john doe"@example.com',
    '"a\\"b"@example.com',
    "user@[192.0.2.1]",
    "user@[IPv6:2001:db8::1]",
    "x@localhost",
  ])("accepts %s (ASCII, no SMTPUTF8)", (address) => {
    const result = checkAddrSpec(address);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.needsSmtpUtf8).toBe(false);
  });

  it.each([
    ["", "empty"],
    ["bob", "missing @"],
    ["@example.com", "empty"],
    ["bob@", "empty"],
    [".bob@example.com", "dot"],
    ["bob.@example.com", "dot"],
    ["bo..b@example.com", "dot"],
    ["bo b@example.com", "not allowed"],
    ["bob@exa mple.com", "not allowed"],
    ["bob@exa mplé.com", "space"],
    ["bob@-example.com", "not allowed"],
    ["bob@example..com", "empty label"],
    ["bob@example.com.", "empty label"],
    ["a@b@c.com", "not allowed"],
    ["<bob@example.com>", "not allowed"],
    ["bob@[300.1.1.1]", "literal"],
    ["bob@letterbox.test\nCc: pc1@attacker.test", "control"],
    [`${"a".repeat(65)}@example.com`, "64"],
    [`a@${"b".repeat(64)}.com`, "63"],
    ['"unclosed@example.com', "quoted"],
  ])("refuses %j (%s)", (address, reason) => {
    const result = checkAddrSpec(address);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it("flags IDN domains and gives their A-label form", () => {
    const result = checkAddrSpec("kim@bücher.example");
    expect(result.ok && result.value).toMatchObject({
      needsSmtpUtf8: true,
      asciiAddress: "kim@xn--bcher-kva.example",
      asciiDomain: "xn--bcher-kva.example",
    });
  });

  it("flags UTF-8 local parts; they have no ASCII form", () => {
    const result = checkAddrSpec("用户@例子.广告");
    expect(result.ok && result.value).toMatchObject({ needsSmtpUtf8: true, asciiAddress: null });
    expect(checkAddrSpec("josé@example.com")).toMatchObject({
      ok: true,
      value: { asciiAddress: null },
    });
  });
});
