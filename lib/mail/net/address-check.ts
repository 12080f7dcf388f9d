/**
 * An optional veto on the addresses a connection may go to. Whoever names the server (a person
 * at a sign-in form) is not always whoever runs this code, and a host name says nothing about
 * where it leads: `localhost`, `127.1`, `2130706433` or a DNS name that resolves to 10.0.0.5
 * all reach the inside of the network (SSRF). So the check runs on the addresses the name
 * resolved to, inside the connect call itself (a custom `lookup`), and the socket connects only
 * to an address that passed: there is no second resolution an attacker's DNS could answer
 * differently (DNS rebinding). What counts as allowed is the caller's policy, not ours.
 */
import dns from "node:dns";
import type { LookupFunction } from "node:net";
import net from "node:net";
import { NetError } from "./net-error.ts";

/** True when the connection may go to `address` (an IP literal of `family` 4 or 6). */
export type AddressCheck = (address: string, family: 4 | 6) => boolean;

export function addressRefused(host: string, port: number, address: string): NetError {
  return new NetError(
    "ADDRESS_REFUSED",
    `Not connecting to ${host}:${port}: its address ${address} is not allowed`,
    { host, port, address },
  );
}

/** An IP literal as the host is not looked up (Node connects to it directly): checked here. */
export function checkLiteral(check: AddressCheck, host: string, port: number): void {
  const family = net.isIP(host);
  if (family === 4 || family === 6) {
    if (!check(host, family)) throw addressRefused(host, port, host);
  }
}

interface LookupAddress {
  address: string;
  family: number;
}

/**
 * `resolve` (dns.lookup by default) answering only with the addresses `keep` accepts; when
 * none is left the lookup fails with `refuse(hostname, every address it had)`. Node asks for
 * all addresses when it races IPv4 and IPv6 (autoSelectFamily), for one otherwise.
 */
export function filteredLookup(
  keep: AddressCheck,
  refuse: (hostname: string, addresses: string[]) => Error,
  resolve: LookupFunction = dns.lookup as LookupFunction,
): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (err, addresses, family) => {
      if (err) return callback(err, "", 0);
      const list: LookupAddress[] = Array.isArray(addresses)
        ? addresses
        : [{ address: addresses, family: family ?? 0 }];
      const allowed = list.filter(
        (a) => (a.family === 4 || a.family === 6) && keep(a.address, a.family),
      );
      const first = allowed[0];
      if (!first)
        return callback(
          refuse(
            hostname,
            list.map((a) => a.address),
          ),
          "",
          0,
        );
      if (options.all) return callback(null, allowed);
      callback(null, first.address, first.family);
    });
  };
}

/** `dns.lookup` with the check applied; none allowed is ADDRESS_REFUSED (the first refused). */
export function checkedLookup(check: AddressCheck, port: number): LookupFunction {
  return filteredLookup(check, (hostname, addresses) =>
    addressRefused(hostname, port, addresses[0] ?? "(none)"),
  );
}

/**
 * The address the socket is connected to, checked again: the lookup above is the gate, this
 * is the proof that nothing went around it.
 */
export function checkConnected(
  check: AddressCheck,
  socket: net.Socket,
  host: string,
  port: number,
): NetError | null {
  const address = socket.remoteAddress ?? "";
  const family = socket.remoteFamily === "IPv6" ? 6 : 4;
  return address && check(address, family) ? null : addressRefused(host, port, address);
}
