import { describe, expect, it } from "vitest";
import {
  addressCheckFor,
  addressKind,
  hostPolicy,
  isAllowedAddress,
  normalizeHost,
} from "./host-policy.ts";

const strict = hostPolicy({});
const privateAllowed = hostPolicy({ LETTERBOX_ALLOW_PRIVATE_HOSTS: "1" });

describe("address kinds", () => {
  it.each([
    ["93.184.216.34", "public"],
    ["2606:4700:4700::1111", "public"],
    ["127.0.0.1", "loopback"],
    ["127.8.9.10", "loopback"],
    ["::1", "loopback"],
    ["::ffff:127.0.0.1", "loopback"],
    ["10.0.0.5", "private"],
    ["172.16.3.4", "private"],
    ["192.168.1.1", "private"],
    ["fd12:3456::1", "private"],
    ["::ffff:10.0.0.5", "private"],
    ["100.64.1.2", "shared"],
    ["169.254.169.254", "link-local"],
    ["fe80::1", "link-local"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["224.0.0.251", "multicast"],
    ["ff02::1", "multicast"],
    ["192.0.2.1", "reserved"],
    ["255.255.255.255", "reserved"],
    ["not an address", "reserved"],
  ])("%s is %s", (address, kind) => {
    expect(addressKind(address)).toBe(kind);
  });
});

describe("host policy", () => {
  it("allows only public addresses by default", () => {
    expect(isAllowedAddress("93.184.216.34", strict)).toBe(true);
    for (const address of ["127.0.0.1", "::1", "10.0.0.5", "100.64.0.1", "169.254.169.254"])
      expect(isAllowedAddress(address, strict), address).toBe(false);
  });

  it("opens loopback, private and CGNAT with LETTERBOX_ALLOW_PRIVATE_HOSTS=1, nothing more", () => {
    for (const address of ["127.0.0.1", "::1", "10.0.0.5", "fd00::5", "100.64.0.1"])
      expect(isAllowedAddress(address, privateAllowed), address).toBe(true);
    for (const address of ["169.254.169.254", "fe80::1", "0.0.0.0", "224.0.0.1", "192.0.2.1"])
      expect(isAllowedAddress(address, privateAllowed), address).toBe(false);
    expect(hostPolicy({ LETTERBOX_ALLOW_PRIVATE_HOSTS: "0" }).allowPrivate).toBe(false);
    expect(hostPolicy({ LETTERBOX_ALLOW_PRIVATE_HOSTS: "true" }).allowPrivate).toBe(true);
  });

  it("does not check the operator's configured hosts, however they are typed", () => {
    const policy = hostPolicy({
      LETTERBOX_IMAP_HOST: "127.0.0.1",
      LETTERBOX_POP3_HOST: "Mail.Example.COM",
      LETTERBOX_SMTP_HOST: "[::1]",
    });
    expect(addressCheckFor("127.0.0.1", policy)).toBeUndefined();
    expect(addressCheckFor("mail.example.com.", policy)).toBeUndefined();
    expect(addressCheckFor("::1", policy)).toBeUndefined();
    // Other names that lead to the same place are not the operator's: they are checked.
    const check = addressCheckFor("localhost", policy);
    expect(check?.("127.0.0.1", 4)).toBe(false);
    expect(check?.("93.184.216.34", 4)).toBe(true);
  });

  it("checks every host when none is configured", () => {
    const check = addressCheckFor("imap.example.org", strict);
    expect(check?.("10.1.2.3", 4)).toBe(false);
    expect(check?.("2a00:1450:4001::1", 6)).toBe(true);
  });

  it("normalises hosts for comparison", () => {
    expect(normalizeHost(" IMAP.Example.org. ")).toBe("imap.example.org");
    expect(normalizeHost("[::1]")).toBe("::1");
  });
});
