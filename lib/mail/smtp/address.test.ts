import { describe, expect, it } from "vitest";
import { hostileInputs } from "../../dev/shared-data.ts";
import { checkAddress } from "./address.ts";

const hostile = hostileInputs();

describe("envelope addresses", () => {
  it("accepts ordinary, quoted, literal and UTF-8 addresses", () => {
    expect(checkAddress("bob@example.test")).toEqual({
      address: "bob@example.test",
      needsSmtpUtf8: false,
    });
    expect(checkAddress("o'neil+tag@sub.example.test").needsSmtpUtf8).toBe(false);
    expect(checkAddress('"odd@local"@example.test').address).toBe('"odd@local"@example.test');
    expect(checkAddress("postmaster@[127.0.0.1]").address).toBe("postmaster@[127.0.0.1]");
    expect(checkAddress("用户@例子.广告").needsSmtpUtf8).toBe(true);
    expect(checkAddress("", { allowNull: true }).address).toBe("");
  });

  it("refuses PC1: a To value with a bare LF and a Cc header", () => {
    const pc1 = hostile.compose_inputs.find((i) => i.id === "PC1")!.value;
    expect(() => checkAddress(pc1)).toThrow(expect.objectContaining({ code: "INVALID_ADDRESS" }));
  });

  it("refuses anything that could break or extend the command line", () => {
    for (const bad of [
      "bob@example.test\r\nRCPT TO:<eve@evil.test>",
      "bob@example.test> NOTIFY=NEVER",
      "<bob@example.test>",
      "bob @example.test",
      "bob@example.test\0",
      "bob@exa\tmple.test",
      '"a b"@example.test',
      "bob",
      "@example.test",
      "bob@",
      "bob..x@example.test",
      ".bob@example.test",
      "bob@-example.test",
      `${"a".repeat(65)}@example.test`,
      "",
    ]) {
      expect(() => checkAddress(bad), JSON.stringify(bad)).toThrow(
        expect.objectContaining({ code: "INVALID_ADDRESS" }),
      );
    }
  });
});
