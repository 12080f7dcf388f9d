/**
 * Recognises IP addresses in trace fields. Received fields write them bare ("(192.0.2.1)"), as
 * RFC 5321 section 4.1.3 address literals ("[192.0.2.1]", "[IPv6:2001:db8::1]"), IPv6 in
 * brackets without the tag (Exim: "[2001:db8::1]"), and with a port (vger: "[192.0.2.1]:15634").
 * Strict enough that host names and Exchange ids ("15.20.4909.8") are not taken for addresses.
 */

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HEX_GROUP = /^[0-9a-f]{1,4}$/i;

export function isIPv4(text: string): boolean {
  return IPV4.test(text);
}

export function isIPv6(text: string): boolean {
  if (!text.includes(":") || text.length > 45) return false;
  let body = text;
  const lastColon = text.lastIndexOf(":");
  const tail = text.slice(lastColon + 1);
  // An IPv4 tail ("::ffff:192.0.2.1") stands for the last two groups.
  if (tail.includes(".")) {
    if (!isIPv4(tail)) return false;
    body = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const groupsOf = (part: string) => (part === "" ? [] : part.split(":"));
  const halves = body.split("::");
  if (halves.length > 2) return false;
  if (halves.length === 2) {
    const groups = [...groupsOf(halves[0]!), ...groupsOf(halves[1]!)];
    return groups.length <= 7 && groups.every((g) => HEX_GROUP.test(g));
  }
  const groups = body.split(":");
  return groups.length === 8 && groups.every((g) => HEX_GROUP.test(g));
}

/**
 * The address in a trace-field fragment, normalised (no brackets, no "IPv6:" tag, no port), or
 * undefined when the fragment is not an address.
 */
export function ipFromText(fragment: string): string | undefined {
  let text = fragment.trim();
  const bracketed = /^\[([^\]]*)\](?::\d{1,5})?$/.exec(text);
  if (bracketed) text = bracketed[1]!.trim();
  text = text.replace(/^ipv6:/i, "");
  if (isIPv4(text) || isIPv6(text)) return text;
  // "192.0.2.1:25" (IPv4 with a port) and "::1"-style with a zone index are both seen.
  const withPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(text);
  if (withPort && isIPv4(withPort[1]!)) return withPort[1];
  return undefined;
}
