/**
 * A TCP (optionally TLS) connection that only ever reaches an allowed peer, for fetches whose
 * destination a stranger chose (the image proxy). Two checks, because either alone leaks:
 *
 * - Name resolution keeps only allowed addresses. Node skips `lookup` entirely when the host
 *   is an IP literal, so this can never be the only check.
 * - On 'connect', the address actually connected to (`remoteAddress`) is checked again and the
 *   socket destroyed if it is not allowed. This catches IP literals, DNS rebinding between a
 *   check and the connect, and any spelling a pre-check missed. The listener is attached
 *   before anyone else holds the socket and TLS starts only after it, so not one byte (no
 *   request line, no ClientHello) reaches a refused peer.
 */
import net, { type LookupFunction } from "node:net";
import tls from "node:tls";
import { filteredLookup } from "../../mail/net/index.ts";

export type AddressPolicy = (address: string) => boolean;

/** A destination refused by the address policy; `stage` says which check caught it. */
export class RefusedAddressError extends Error {
  readonly code = "EREFUSEDADDRESS";
  constructor(
    readonly host: string,
    readonly addresses: readonly string[],
    readonly stage: "literal" | "lookup" | "connect",
  ) {
    super(`${host} is not an allowed address (${addresses.join(", ") || "none"}, at ${stage})`);
    this.name = "RefusedAddressError";
  }
}

export class PeerTimeoutError extends Error {
  readonly code = "ETIMEDOUT";
  constructor(host: string) {
    super(`${host} did not answer in time`);
    this.name = "PeerTimeoutError";
  }
}

/** `resolve` (dns.lookup by default), answering only with the addresses `isAllowed` accepts. */
export function allowedOnlyLookup(
  isAllowed: AddressPolicy,
  resolve?: LookupFunction,
): LookupFunction {
  return filteredLookup(
    (address) => isAllowed(address),
    (hostname, addresses) => new RefusedAddressError(hostname, addresses, "lookup"),
    resolve,
  );
}

export interface PeerTarget {
  /** A name or an IP literal without brackets. */
  host: string;
  port: number;
  tls: boolean;
}

export interface PeerOptions {
  isAllowed: AddressPolicy;
  /** The resolver behind the allowed-only filter; dns.lookup unless a test injects one. */
  lookup?: LookupFunction;
  /** Silence while connecting (and during the TLS handshake) before giving up. */
  idleMs: number;
  signal?: AbortSignal;
}

/**
 * Connects to `target` and resolves with the socket (a TLSSocket, handshake done, when
 * `target.tls`) once the peer is known to be allowed. Certificates are verified as usual.
 */
export function connectToAllowedPeer(
  target: PeerTarget,
  options: PeerOptions,
): Promise<net.Socket> {
  const { isAllowed, signal } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const raw = net.connect({
      host: target.host,
      port: target.port,
      lookup: allowedOnlyLookup(isAllowed, options.lookup),
    });
    let current: net.Socket = raw;
    const onError = (error: Error) => {
      signal?.removeEventListener("abort", onAbort);
      current.destroy();
      raw.destroy();
      reject(error);
    };
    const onAbort = () => onError(signal!.reason);
    const onTimeout = () => onError(new PeerTimeoutError(target.host));
    const handOver = (socket: net.Socket) => {
      signal?.removeEventListener("abort", onAbort);
      socket.removeListener("error", onError);
      socket.removeListener("timeout", onTimeout);
      socket.setTimeout(0);
      resolve(socket);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    raw.setTimeout(options.idleMs, onTimeout);
    raw.on("error", onError);
    raw.once("connect", () => {
      const address = raw.remoteAddress ?? "";
      if (!isAllowed(address)) {
        return onError(new RefusedAddressError(target.host, [address], "connect"));
      }
      if (!target.tls) return handOver(raw);
      raw.removeListener("error", onError);
      raw.removeListener("timeout", onTimeout);
      raw.setTimeout(0);
      const secure = tls.connect({
        socket: raw,
        // SNI carries names only (RFC 6066 §3); an IP literal is checked against the
        // certificate through `host`.
        servername: net.isIP(target.host) ? undefined : target.host,
        host: target.host,
        ALPNProtocols: ["http/1.1"],
      });
      current = secure;
      // The TLS socket owns the connection now; whatever still fails below it fails it.
      raw.on("error", (error) => secure.destroy(error));
      secure.setTimeout(options.idleMs, onTimeout);
      secure.on("error", onError);
      secure.once("secureConnect", () => handOver(secure));
    });
  });
}
