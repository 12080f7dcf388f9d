import { describe, expect, it } from "vitest";
import { ipFromText, isIPv4, isIPv6 } from "./ip-address.ts";

describe("ip-address", () => {
  it("accepts IPv4 and IPv6 in the forms trace fields use", () => {
    expect(isIPv4("192.0.2.255")).toBe(true);
    for (const ip of [
      "::1",
      "2001:db8::1",
      "2002:a0c:fe87:0:0:0:0:0",
      "::ffff:192.0.2.1",
      "fe80::",
    ]) {
      expect(isIPv6(ip), ip).toBe(true);
    }
    expect(ipFromText("[192.0.2.1]")).toBe("192.0.2.1");
    expect(ipFromText("[IPv6:2610:1c1:1:606c::50:24]")).toBe("2610:1c1:1:606c::50:24");
    expect(ipFromText("[209.85.214.46]:64487")).toBe("209.85.214.46");
    expect(ipFromText("192.0.2.1:25")).toBe("192.0.2.1");
    expect(ipFromText("[::1]")).toBe("::1");
  });

  it("refuses names, versions and ids that look a little like addresses", () => {
    for (const text of ["256.1.1.1", "1.2.3", "15.20.4909.8", "01.2.3.4", "mx.example.org"]) {
      expect(isIPv4(text), text).toBe(false);
    }
    for (const text of [
      "1::2::3",
      "12345::1",
      "1:2:3:4:5:6:7:8:9",
      "g::1",
      ":1:2:3:4:5:6:7",
      "::1.2.3",
    ]) {
      expect(isIPv6(text), text).toBe(false);
    }
    expect(ipFromText("[unknown]")).toBeUndefined();
    expect(ipFromText("8.13.8/8.13.8")).toBeUndefined();
  });
});
