/**
 * Which addresses a mail server named by a person may be at. The sign-in form is open to
 * anyone, and whatever host and port it names, this server connects to: without a policy it
 * is a port scanner for the network Letterbox runs in (127.0.0.1:6379, 10.0.0.5:22,
 * 169.254.169.254) whose error messages say what answered. So servers named by a person must
 * be on the public internet, judged by the address actually connected to (the check runs in
 * the connection layer, after DNS: `localhost`, `127.1` or a name pointing at 10.0.0.5 are
 * refused like the literals).
 *
 * Two exceptions, both the operator's: the hosts configured as the provider's defaults
 * (LETTERBOX_IMAP_HOST, LETTERBOX_POP3_HOST, LETTERBOX_SMTP_HOST) are allowed as named, and
 * LETTERBOX_ALLOW_PRIVATE_HOSTS=1 opens private addresses, for a Letterbox on the same
 * network (or machine) as its mail server.
 */
import net from "node:net";
import type { AddressCheck } from "../../mail/net/index.ts";
import { isPublicAddress } from "../http/public-address.ts";

export type AddressKind =
  | "public"
  | "loopback"
  | "private"
  | "shared"
  | "link-local"
  | "unspecified"
  | "multicast"
  | "reserved";

function blocks(v4: string[], v6: string[]): net.BlockList {
  const list = new net.BlockList();
  for (const cidr of v4) {
    const [base, bits] = cidr.split("/") as [string, string];
    list.addSubnet(base, Number(bits), "ipv4");
  }
  for (const cidr of v6) {
    const [base, bits] = cidr.split("/") as [string, string];
    list.addSubnet(base, Number(bits), "ipv6");
  }
  return list;
}

// Only to name the kind of a refused address; whether an address is public is decided by
// isPublicAddress, the one check the image proxy uses as well. BlockList also matches the
// IPv4-mapped IPv6 spellings (::ffff:10.0.0.5) against the IPv4 ranges.
const KINDS: [AddressKind, net.BlockList][] = [
  ["unspecified", blocks(["0.0.0.0/8"], ["::/128"])],
  ["loopback", blocks(["127.0.0.0/8"], ["::1/128"])],
  ["private", blocks(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"], ["fc00::/7"])],
  ["shared", blocks(["100.64.0.0/10"], [])],
  ["link-local", blocks(["169.254.0.0/16"], ["fe80::/10"])],
  ["multicast", blocks(["224.0.0.0/4"], ["ff00::/8"])],
];

export function addressKind(address: string): AddressKind {
  if (isPublicAddress(address)) return "public";
  const family = net.isIP(address);
  if (family === 0) return "reserved";
  const type = family === 4 ? "ipv4" : "ipv6";
  return KINDS.find(([, list]) => list.check(address, type))?.[0] ?? "reserved";
}

/**
 * What LETTERBOX_ALLOW_PRIVATE_HOSTS opens: where a mail server next to Letterbox can be.
 * Link-local stays closed (169.254.169.254 is the cloud metadata service, never a mail
 * server), and so do 0.0.0.0 (a back door to the local host), multicast and reserved ranges.
 */
const PRIVATE_KINDS: ReadonlySet<AddressKind> = new Set(["loopback", "private", "shared"]);

export function opensWithPrivateHosts(kind: AddressKind): boolean {
  return PRIVATE_KINDS.has(kind);
}

export interface HostPolicy {
  /** The operator's own servers, normalised (normalizeHost): allowed whatever their address. */
  configuredHosts: ReadonlySet<string>;
  /** LETTERBOX_ALLOW_PRIVATE_HOSTS=1: loopback, private and shared (CGNAT) addresses allowed. */
  allowPrivate: boolean;
}

/** A host as typed and as configured compare equal: case, a trailing dot, IPv6 brackets. */
export function normalizeHost(host: string): string {
  const bare = host.trim().toLowerCase().replace(/\.+$/, "");
  return bare.startsWith("[") && bare.endsWith("]") ? bare.slice(1, -1) : bare;
}

export function hostPolicy(env: Record<string, string | undefined> = process.env): HostPolicy {
  const configured = [env.LETTERBOX_IMAP_HOST, env.LETTERBOX_POP3_HOST, env.LETTERBOX_SMTP_HOST]
    .filter((host): host is string => Boolean(host?.trim()))
    .map(normalizeHost);
  return {
    configuredHosts: new Set(configured),
    allowPrivate: ["1", "true"].includes(env.LETTERBOX_ALLOW_PRIVATE_HOSTS?.trim() ?? ""),
  };
}

export function isConfiguredHost(host: string, policy: HostPolicy): boolean {
  return policy.configuredHosts.has(normalizeHost(host));
}

export function isAllowedAddress(address: string, policy: HostPolicy): boolean {
  const kind = addressKind(address);
  return kind === "public" || (policy.allowPrivate && opensWithPrivateHosts(kind));
}

/**
 * The connection layer's check for a server the person named as `host`; undefined for one the
 * operator configured (connected to wherever it leads, as the operator intends).
 */
export function addressCheckFor(host: string, policy: HostPolicy): AddressCheck | undefined {
  if (isConfiguredHost(host, policy)) return undefined;
  return (address) => isAllowedAddress(address, policy);
}
