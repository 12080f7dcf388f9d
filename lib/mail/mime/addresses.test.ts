import { describe, expect, it } from "vitest";
import { parseAddressList } from "./addresses.ts";

describe("address lists", () => {
  it("parses name-addr and addr-spec forms", () => {
    expect(parseAddressList('"Doe, John" <john@example.com>, jane@example.com')).toEqual([
      { name: "Doe, John", address: "john@example.com" },
      { name: "", address: "jane@example.com" },
    ]);
  });

  it("flattens groups and drops empty ones", () => {
    expect(parseAddressList("undisclosed-recipients:;")).toEqual([]);
    expect(parseAddressList("Team: a@x.test, B <b@x.test>;, c@y.test")).toEqual([
      { name: "", address: "a@x.test", group: "Team" },
      { name: "B", address: "b@x.test", group: "Team" },
      { name: "", address: "c@y.test" },
    ]);
  });

  it("drops comments and keeps quoted local parts", () => {
    expect(parseAddressList("john (the man) @ example.com (work)")).toEqual([
      { name: "", address: "john@example.com" },
    ]);
    expect(parseAddressList('"john doe"@example.com')).toEqual([
      { name: "", address: '"john doe"@example.com' },
    ]);
    expect(parseAddressList('"john"@example.com')).toEqual([
      { name: "", address: "john@example.com" },
    ]);
  });

  it("decodes encoded display names, also inside quotes", () => {
    expect(parseAddressList("=?utf-8?q?J=C3=B6rg?= <j@x.test>")[0]!.name).toBe("Jörg");
    expect(parseAddressList('"=?utf-8?q?J=C3=B6rg?=" <j@x.test>')[0]!.name).toBe("Jörg");
  });

  it("never reads syntax out of a decoded name (hostile p14)", () => {
    const list = parseAddressList("=?UTF-8?Q?it-helpdesk=40letterbox=2Etest?= <p14@attacker.test>");
    expect(list).toEqual([{ name: "it-helpdesk@letterbox.test", address: "p14@attacker.test" }]);
    const comma = parseAddressList("=?utf-8?q?a=2C_b_=3Cc@d=3E?= <real@x.test>");
    expect(comma).toEqual([{ name: "a, b <c@d>", address: "real@x.test" }]);
  });

  it("removes obsolete routes", () => {
    expect(parseAddressList("<@relay1.test,@relay2.test:user@host.test>")).toEqual([
      { name: "", address: "user@host.test" },
    ]);
  });

  it("keeps the null sender of a bounce", () => {
    expect(parseAddressList("<>")).toEqual([{ name: "", address: "" }]);
  });

  it("reads common breakage as people meant it", () => {
    expect(parseAddressList("a@x.test b@y.test")).toEqual([
      { name: "", address: "a@x.test" },
      { name: "", address: "b@y.test" },
    ]);
    expect(parseAddressList("Big Bug bb@bug.test")).toEqual([
      { name: "Big Bug", address: "bb@bug.test" },
    ]);
    expect(parseAddressList("a@x.test, , b@y.test,")).toHaveLength(2);
    expect(parseAddressList('"unclosed <a@x.test>')).toHaveLength(1);
    expect(parseAddressList("Name <a@x.test")).toEqual([{ name: "Name", address: "a@x.test" }]);
  });

  it("is linear on long hostile lists", () => {
    const list = Array.from({ length: 20000 }, (_, i) => `"n${i}" <u${i}@x.test>`).join(", ");
    const t0 = performance.now();
    expect(parseAddressList(list)).toHaveLength(20000);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
