/**
 * Whether an IP address is on the public internet. The image proxy fetches URLs chosen by
 * whoever sent the mail; without this check, `<img src="http://127.0.0.1:6379/">` or
 * `http://169.254.169.254/` would make our server request its own neighbourhood (SSRF).
 *
 * Addresses are parsed into bytes and compared by prefix, never matched as text: the same
 * address has many spellings (`::ffff:127.0.0.1` is `::ffff:7f00:1` once the WHATWG URL parser
 * has normalised it; `2130706433`, `0x7f.1` and `0177.0.0.1` are all 127.0.0.1), and a text
 * pattern misses all but the one it was written for.
 */

/** An IPv4 number part as WHATWG URL §4.4 ("IPv4 number parser") and inet_aton read it. */
function parseIPv4Number(part: string): number | null {
  if (part === "") return null;
  let radix = 10;
  let digits = part;
  if (/^0x/i.test(part)) {
    radix = 16;
    digits = part.slice(2);
    if (digits === "") return 0;
  } else if (part.length > 1 && part.startsWith("0")) {
    radix = 8;
    digits = part.slice(1);
  }
  const valid = radix === 16 ? /^[0-9a-f]+$/i : radix === 8 ? /^[0-7]+$/ : /^[0-9]+$/;
  if (!valid.test(digits)) return null;
  return Number.parseInt(digits, radix);
}

/**
 * IPv4 in every legacy form a resolver or URL parser accepts: one to four parts, each
 * decimal, octal (leading 0) or hex (0x), the last part filling the remaining bytes
 * (`127.1`, `2130706433`, `0x7f.0.0.1`), with one trailing dot allowed.
 */
function parseIPv4(text: string): Uint8Array | null {
  const parts = text.split(".");
  if (parts.length > 1 && parts.at(-1) === "") parts.pop();
  if (parts.length > 4) return null;
  const numbers: number[] = [];
  for (const part of parts) {
    const n = parseIPv4Number(part);
    if (n === null) return null;
    numbers.push(n);
  }
  const last = numbers.pop()!;
  if (numbers.some((n) => n > 255)) return null;
  if (last >= 256 ** (4 - numbers.length)) return null;
  let value = last;
  numbers.forEach((n, i) => {
    value += n * 256 ** (3 - i);
  });
  return Uint8Array.of(value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255);
}

const DOTTED_QUAD = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** IPv6 (RFC 4291 §2.2): hex groups, one `::`, an optional dotted-quad tail, a zone ignored. */
function parseIPv6(text: string): Uint8Array | null {
  let rest = text.replace(/%.+$/, "");
  const tailStart = rest.lastIndexOf(":") + 1;
  const tail = rest.slice(tailStart);
  if (tail.includes(".")) {
    if (!DOTTED_QUAD.test(tail)) return null;
    const [a, b, c, d] = tail.split(".").map(Number) as [number, number, number, number];
    rest = `${rest.slice(0, tailStart)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = rest.split("::");
  if (halves.length > 2) return null;
  const groups = (half: string) => (half === "" ? [] : half.split(":"));
  const head = groups(halves[0]!);
  const back = halves.length === 2 ? groups(halves[1]!) : [];
  const given = head.length + back.length;
  if (halves.length === 1 ? given !== 8 : given > 7) return null;
  const all = [...head, ...Array<string>(8 - given).fill("0"), ...back];
  const bytes = new Uint8Array(16);
  for (const [i, group] of all.entries()) {
    if (!/^[0-9a-f]{1,4}$/i.test(group)) return null;
    const value = Number.parseInt(group, 16);
    bytes[2 * i] = value >> 8;
    bytes[2 * i + 1] = value & 255;
  }
  return bytes;
}

/**
 * The bytes of an IP address (4 for IPv4, 16 for IPv6), or null when `text` is not one.
 * Accepts a URL host's brackets (`[::1]`) and an IPv6 zone (`fe80::1%eth0`).
 */
export function parseIpAddress(text: string): Uint8Array | null {
  const bare = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  if (bare === "") return null;
  return bare.includes(":") ? parseIPv6(bare) : parseIPv4(bare);
}

type Block = { bytes: Uint8Array; bits: number; why: string };

function block(cidr: string, why: string): Block {
  const [base, bits] = cidr.split("/") as [string, string];
  return { bytes: parseIpAddress(base)!, bits: Number(bits), why };
}

function inBlock(bytes: Uint8Array, { bytes: base, bits }: Block): boolean {
  if (bytes.length !== base.length) return false;
  for (let bit = 0; bit < bits; bit += 8) {
    const mask = bits - bit >= 8 ? 0xff : (0xff << (8 - (bits - bit))) & 0xff;
    if ((bytes[bit / 8]! & mask) !== (base[bit / 8]! & mask)) return false;
  }
  return true;
}

// IANA IPv4 Special-Purpose Address Registry (RFC 6890 and successors): not globally reachable.
const V4_BLOCKS: Block[] = [
  block("0.0.0.0/8", "this network; 0.0.0.0 connects to the local host on Linux"),
  block("10.0.0.0/8", "private (RFC 1918)"),
  block("100.64.0.0/10", "carrier-grade NAT (RFC 6598)"),
  block("127.0.0.0/8", "loopback"),
  block("169.254.0.0/16", "link-local, and cloud metadata at 169.254.169.254"),
  block("172.16.0.0/12", "private (RFC 1918)"),
  block("192.0.0.0/24", "IETF protocol assignments"),
  block("192.0.2.0/24", "documentation"),
  block("192.88.99.0/24", "6to4 relay anycast (deprecated, RFC 7526)"),
  block("192.168.0.0/16", "private (RFC 1918)"),
  block("198.18.0.0/15", "benchmarking"),
  block("198.51.100.0/24", "documentation"),
  block("203.0.113.0/24", "documentation"),
  block("224.0.0.0/4", "multicast"),
  block("240.0.0.0/4", "reserved, and 255.255.255.255 broadcast"),
];

/**
 * IPv6 prefixes whose last 32 bits are an IPv4 address the packet ends up at; such an
 * address is exactly as public as its embedded IPv4 one. We decided:
 * - `::ffff:0:0/96` (IPv4-mapped): a dual-stack socket connects to the IPv4 address itself.
 * - `::/96` (IPv4-compatible, deprecated by RFC 4291): judged by the IPv4 address, so `::`
 *   (0.0.0.0) and `::1` (0.0.0.1) fall in 0.0.0.0/8 as well as being refused by name.
 * - `64:ff9b::/96` (NAT64 well-known prefix, RFC 6052): on an IPv6-only host behind DNS64
 *   every public IPv4 site resolves here, so refusing the whole prefix would break the proxy
 *   there; the gateway translates to the embedded IPv4, so a private one is refused.
 */
const EMBEDS_IPV4: Block[] = [
  block("::ffff:0:0/96", "IPv4-mapped"),
  block("::/96", "IPv4-compatible"),
  block("64:ff9b::/96", "NAT64"),
];

/**
 * IPv6 is allow-listed: only global unicast 2000::/3 can be public. That refuses, among the
 * rest, `::1` loopback, `::` unspecified, fc00::/7 unique local, fe80::/10 link-local,
 * fec0::/10 site-local (deprecated by RFC 3879 but still routed by some stacks), ff00::/8
 * multicast, 100::/64 discard-only, 64:ff9b:1::/48 local-use NAT64 (RFC 8215: translated to
 * whatever the site chose) and ::ffff:0:0:0/96 IPv4-translated (SIIT).
 */
const V6_GLOBAL_UNICAST = block("2000::/3", "global unicast");

// Inside 2000::/3, prefixes that are not globally reachable or that carry an IPv4 address a
// relay would deliver to.
const V6_BLOCKS: Block[] = [
  block("2001::/23", "IETF protocol assignments: Teredo (embeds IPv4), benchmarking, ORCHID"),
  block("2001:db8::/32", "documentation"),
  block("2002::/16", "6to4 (deprecated, RFC 7526; embeds an IPv4 address)"),
  block("3fff::/20", "documentation (RFC 9637)"),
];

function isPublicIPv4(bytes: Uint8Array): boolean {
  return !V4_BLOCKS.some((b) => inBlock(bytes, b));
}

function isPublicIPv6(bytes: Uint8Array): boolean {
  if (EMBEDS_IPV4.some((b) => inBlock(bytes, b))) return isPublicIPv4(bytes.subarray(12));
  return inBlock(bytes, V6_GLOBAL_UNICAST) && !V6_BLOCKS.some((b) => inBlock(bytes, b));
}

/** True only for an IP address (any spelling) on the public internet; false for anything else. */
export function isPublicAddress(address: string): boolean {
  const bytes = parseIpAddress(address);
  if (!bytes) return false;
  return bytes.length === 4 ? isPublicIPv4(bytes) : isPublicIPv6(bytes);
}
