/**
 * Whether an IP address is on the public internet. The image proxy fetches URLs chosen by
 * whoever sent the mail; without this check, `<img src="http://127.0.0.1:6379/">` or
 * `http://169.254.169.254/` would make our server request its own neighbourhood (SSRF).
 */
import net from "node:net";

const V4_BLOCKS: [string, number][] = [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
];

function v4ToInt(address: string): number {
  return address.split(".").reduce((n, part) => (n << 8) + Number(part), 0) >>> 0;
}

function inV4Block(address: string, [base, bits]: [string, number]): boolean {
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (v4ToInt(address) & mask) === (v4ToInt(base) & mask);
}

export function isPublicAddress(address: string): boolean {
  if (net.isIPv4(address)) return !V4_BLOCKS.some((block) => inV4Block(address, block));
  if (!net.isIPv6(address)) return false;
  const lower = address.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped) return isPublicAddress(mapped[1]!);
  if (lower === "::" || lower === "::1") return false;
  // Unique local fc00::/7, link-local fe80::/10, multicast ff00::/8, documentation 2001:db8::/32,
  // NAT64 64:ff9b::/96 (could reach IPv4 private space), 6to4 2002::/16 (embeds an IPv4).
  return !/^(f[cd]|fe[89ab]|ff|2001:db8:|64:ff9b:|2002:)/.test(lower);
}
