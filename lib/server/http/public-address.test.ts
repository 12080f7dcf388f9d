import { describe, expect, it } from "vitest";
import { isPublicAddress, parseIpAddress } from "./public-address.ts";

// Each row: an address as something may hand it to us, and why it must be refused.
const REFUSED: [string, string][] = [
  // IPv4, dotted
  ["127.0.0.1", "loopback"],
  ["127.255.255.254", "loopback, top of 127/8"],
  ["0.0.0.0", "this host"],
  ["0.1.2.3", "0/8"],
  ["10.0.0.5", "private"],
  ["10.255.255.255", "private, top"],
  ["100.64.0.1", "CGNAT"],
  ["100.127.255.255", "CGNAT, top"],
  ["169.254.169.254", "cloud metadata"],
  ["172.16.0.1", "private"],
  ["172.31.255.255", "private, top"],
  ["192.0.0.8", "IETF protocol assignments"],
  ["192.0.2.1", "documentation"],
  ["192.88.99.1", "6to4 relay anycast"],
  ["192.168.1.1", "private"],
  ["198.18.0.1", "benchmarking"],
  ["198.19.255.255", "benchmarking, top"],
  ["198.51.100.7", "documentation"],
  ["203.0.113.9", "documentation"],
  ["224.0.0.1", "multicast"],
  ["239.255.255.250", "multicast, SSDP"],
  ["240.0.0.1", "reserved"],
  ["255.255.255.255", "broadcast"],
  // IPv4, legacy spellings (inet_aton, WHATWG URL IPv4 parser)
  ["2130706433", "127.0.0.1 as one decimal number"],
  ["0x7f000001", "127.0.0.1 as one hex number"],
  ["0x7F.1", "127.0.0.1, hex and short form"],
  ["0177.0.0.1", "127.0.0.1, octal first part"],
  ["127.1", "127.0.0.1, two parts"],
  ["10.1", "10.0.0.1, two parts"],
  ["0251.0376.0251.0376", "169.254.169.254 in octal"],
  ["169.16689662", "169.254.169.254, two parts"],
  ["127.0.0.1.", "trailing dot"],
  ["0", "0.0.0.0 as one number"],
  ["0x", "WHATWG reads a bare 0x as 0"],
  // IPv6 basics
  ["::1", "loopback"],
  ["[::1]", "loopback, URL brackets"],
  ["0:0:0:0:0:0:0:1", "loopback, uncompressed"],
  ["::", "unspecified"],
  ["fe80::1", "link-local"],
  ["fe80::1%eth0", "link-local with zone"],
  ["febf:ffff::1", "link-local, top of fe80::/10"],
  ["fec0::1", "site-local (deprecated)"],
  ["feff::1", "site-local, top of fec0::/10"],
  ["fc00::1", "unique local"],
  ["fd12:3456:789a::1", "unique local"],
  ["FD00::1", "unique local, upper case"],
  ["ff02::1", "multicast"],
  ["ff05::1:3", "multicast"],
  ["100::1", "discard-only"],
  ["100::ffff:ffff:ffff:ffff", "discard-only, top"],
  ["2001:db8::1", "documentation"],
  ["3fff::1", "documentation (RFC 9637)"],
  ["2001::1", "Teredo"],
  ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo"],
  ["2001:2::1", "benchmarking"],
  ["2001:10::1", "ORCHID"],
  ["2001:20::1", "ORCHIDv2"],
  ["2002:7f00:1::1", "6to4 of 127.0.0.1"],
  ["2002:808:808::1", "6to4, any"],
  ["5f00::1", "SRv6 SIDs, outside 2000::/3"],
  ["4000::1", "unallocated, outside 2000::/3"],
  ["64:ff9b:1::a00:1", "local-use NAT64"],
  // IPv4-mapped ::ffff:0:0/96, every way it is spelt
  ["::ffff:127.0.0.1", "mapped loopback, dotted"],
  ["::ffff:7f00:1", "mapped loopback, as the URL parser writes it"],
  ["[::ffff:7f00:1]", "mapped loopback, URL brackets"],
  ["::FFFF:7F00:0001", "mapped loopback, upper case, padded"],
  ["0:0:0:0:0:ffff:7f00:1", "mapped loopback, uncompressed"],
  ["0:0:0:0:0:ffff:127.0.0.1", "mapped loopback, uncompressed dotted"],
  ["::ffff:a9fe:a9fe", "mapped metadata address"],
  ["::ffff:169.254.169.254", "mapped metadata address, dotted"],
  ["::ffff:a00:5", "mapped 10.0.0.5"],
  ["::ffff:c0a8:101", "mapped 192.168.1.1"],
  ["::ffff:0:0", "mapped 0.0.0.0"],
  // IPv4-compatible ::/96
  ["::7f00:1", "compatible loopback"],
  ["::127.0.0.1", "compatible loopback, dotted"],
  ["::a9fe:a9fe", "compatible metadata address"],
  ["::a00:1", "compatible 10.0.0.1"],
  // NAT64 64:ff9b::/96 with a private IPv4 inside
  ["64:ff9b::7f00:1", "NAT64 of loopback"],
  ["64:ff9b::127.0.0.1", "NAT64 of loopback, dotted"],
  ["64:ff9b::a9fe:a9fe", "NAT64 of the metadata address"],
  ["64:ff9b::a00:1", "NAT64 of 10.0.0.1"],
  // IPv4-translated (SIIT) ::ffff:0:0:0/96
  ["::ffff:0:808:808", "IPv4-translated"],
  // Not addresses at all
  ["", "empty"],
  ["not an address", "text"],
  ["localhost", "a name"],
  ["example.com", "a name"],
  ["1.2.3.4.5", "five parts"],
  ["256.1.1.1", "part over 255"],
  ["1.2.3.256", "last part over 255"],
  ["4294967296", "over 32 bits"],
  ["08.0.0.1", "8 is not an octal digit"],
  ["1..2.3", "empty part"],
  [":::", "three colons"],
  ["1::2::3", "two ::"],
  ["12345::1", "group of five digits"],
  ["1:2:3:4:5:6:7:8:9", "nine groups"],
  ["1:2:3:4:5:6:7", "seven groups without ::"],
  ["::ffff:1.2.3", "short dotted tail"],
  ["::ffff:127.000.0.1", "zero-padded dotted tail"],
  ["[::1", "unbalanced bracket"],
];

const ALLOWED: [string, string][] = [
  ["8.8.8.8", "Google DNS"],
  ["1.1.1.1", "Cloudflare DNS"],
  ["93.184.215.14", "example.com"],
  ["9.255.255.255", "just below 10/8"],
  ["11.0.0.0", "just above 10/8"],
  ["100.63.255.255", "just below CGNAT"],
  ["100.128.0.1", "just above CGNAT"],
  ["169.253.255.255", "just below link-local"],
  ["172.15.255.255", "just below 172.16/12"],
  ["172.32.0.1", "just above 172.16/12"],
  ["192.0.1.1", "just above 192.0.0/24"],
  ["198.17.255.255", "just below benchmarking"],
  ["198.20.0.1", "just above benchmarking"],
  ["223.255.255.255", "just below multicast"],
  ["134744072", "8.8.8.8 as one number"],
  ["0x08080808", "8.8.8.8 in hex"],
  ["8.8.2056", "8.8.8.8, three parts"],
  ["2606:4700::1111", "Cloudflare"],
  ["[2606:4700::1111]", "Cloudflare, URL brackets"],
  ["2606:4700:4700:0:0:0:0:1111", "Cloudflare, uncompressed"],
  ["2001:4860:4860::8888", "Google DNS"],
  ["2a00:1450:4001:80b::200e", "Google"],
  ["2001:200::1", "just above 2001::/23"],
  ["3fff:1000::1", "just above 3fff::/20"],
  ["::ffff:8.8.8.8", "mapped public, dotted"],
  ["::ffff:808:808", "mapped public, as the URL parser writes it"],
  ["::ffff:1.1.1.1", "mapped public"],
  ["64:ff9b::808:808", "NAT64 of a public address (DNS64 on an IPv6-only host)"],
  ["64:ff9b::8.8.8.8", "NAT64 of a public address, dotted"],
  ["::808:808", "compatible public (judged by its IPv4 address, as decided)"],
];

describe("isPublicAddress", () => {
  it.each(REFUSED)("refuses %s (%s)", (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(ALLOWED)("accepts %s (%s)", (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  // Whatever the WHATWG URL parser makes of a host, the hostname it hands on is refused.
  it.each([
    "127.0.0.1",
    "2130706433",
    "0x7f.1",
    "017700000001",
    "127.1",
    "0",
    "[::ffff:127.0.0.1]",
    "[0:0:0:0:0:ffff:169.254.169.254]",
    "[::127.0.0.1]",
    "[64:ff9b::10.0.0.1]",
    "[fec0::1]",
    "[100::1]",
  ])("refuses the URL host %s after normalisation", (host) => {
    const hostname = new URL(`http://${host}/`).hostname;
    expect(isPublicAddress(hostname), hostname).toBe(false);
  });
});

describe("parseIpAddress", () => {
  it("reads every spelling of one address as the same bytes", () => {
    const loopback = [127, 0, 0, 1];
    for (const text of ["127.0.0.1", "2130706433", "0x7f.1", "0177.0.0.1", "127.1", "127.0.1"]) {
      expect([...parseIpAddress(text)!], text).toEqual(loopback);
    }
    const mapped = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 127, 0, 0, 1];
    for (const text of [
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "[::FFFF:7F00:1]",
      "0:0:0:0:0:ffff:7f00:1",
    ]) {
      expect([...parseIpAddress(text)!], text).toEqual(mapped);
    }
  });

  it("places groups on either side of ::", () => {
    expect([...parseIpAddress("2606:4700::1111")!]).toEqual([
      0x26, 0x06, 0x47, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x11, 0x11,
    ]);
    expect([...parseIpAddress("1::")!]).toEqual([0, 1, ...Array(14).fill(0)]);
  });

  it("returns null for names", () => {
    expect(parseIpAddress("images.example")).toBeNull();
    expect(parseIpAddress("1.example")).toBeNull();
  });
});
