import { describe, expect, it } from "vitest";
import { hostileInputs } from "../../../dev/shared-data.ts";
import { parseComposeAddresses } from "./compose-addresses.ts";

const brief = (input: string) =>
  parseComposeAddresses(input).map((a) => ({ name: a.name, address: a.address, valid: a.valid }));

describe("parseComposeAddresses", () => {
  it("splits names, bare addresses, commas and semicolons with stray spaces", () => {
    expect(brief("Name <a@b.test>, c@d.test; e@f.test ,  ,")).toEqual([
      { name: "Name", address: "a@b.test", valid: true },
      { name: "", address: "c@d.test", valid: true },
      { name: "", address: "e@f.test", valid: true },
    ]);
  });

  it("keeps commas and semicolons inside quoted names and comments", () => {
    expect(brief('"Doe, John; Jr." <j@d.test>, x@y.test (Smith, Ann)')).toEqual([
      { name: "Doe, John; Jr.", address: "j@d.test", valid: true },
      { name: "Smith, Ann", address: "x@y.test", valid: true },
    ]);
  });

  it("unescapes quoted-pairs in names and keeps unquoted multi-word names", () => {
    expect(brief('"Say \\"hi\\"" <h@i.test>, Ann  Lee <ann@lee.test>')).toEqual([
      { name: 'Say "hi"', address: "h@i.test", valid: true },
      { name: "Ann Lee", address: "ann@lee.test", valid: true },
    ]);
  });

  it("splits addresses pasted one per line or separated by spaces, and strips mailto:", () => {
    expect(brief("a@b.test\r\nc@d.test\ne@f.test g@h.test\tmailto:i@j.test")).toEqual(
      ["a@b.test", "c@d.test", "e@f.test", "g@h.test", "i@j.test"].map((address) => ({
        name: "",
        address,
        valid: true,
      })),
    );
  });

  it("flags invalid entries with a reason, keeping the valid ones", () => {
    const result = parseComposeAddresses("good@x.test, not-an-address, Bob <bob@, <a@b.test> junk");
    expect(result.map((a) => a.valid)).toEqual([true, false, false, false]);
    expect(result[1]!.reason).toBe("missing @");
    expect(result[2]!.reason).toBe("missing >");
    expect(result[3]!.reason).toBe("text after the closing >");
    expect(result.every((a) => a.valid === (a.reason === null))).toBe(true);
  });

  it("PC1: a line break never turns into a header; the injected line is an invalid entry", () => {
    const pc1 = hostileInputs().compose_inputs.find((i) => i.id === "PC1")!.value;
    const result = parseComposeAddresses(pc1);
    expect(result.filter((a) => a.valid).map((a) => a.address)).toEqual(["bob@letterbox.test"]);
    expect(result.filter((a) => !a.valid).map((a) => a.raw)).toEqual(["Cc: pc1@attacker.test"]);
  });

  it("flags international addresses as needing SMTPUTF8", () => {
    const [idn, utf8, ascii] = parseComposeAddresses(
      "kim@bücher.example, 用户@例子.广告, a@b.test",
    );
    expect([idn!.needsSmtpUtf8, utf8!.needsSmtpUtf8, ascii!.needsSmtpUtf8]).toEqual([
      true,
      true,
      false,
    ]);
    expect([idn!.valid, utf8!.valid]).toEqual([true, true]);
  });

  it("returns nothing for blank input", () => {
    expect(parseComposeAddresses("  ,; \n ")).toEqual([]);
  });
});
