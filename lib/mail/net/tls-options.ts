/**
 * TLS policy: verification is always on, except that a person may trust one specific
 * self-signed certificate for an account. We pin that certificate's SHA-256 fingerprint rather
 * than switching checks off, so a different certificate (an attacker's) still fails.
 */
import type { PeerCertificate, TLSSocket } from "node:tls";
import { NetError, type PeerCertificateInfo } from "./net-error.ts";

export interface TlsPolicy {
  /** The certificate fingerprint (SHA-256, hex with or without colons) the person accepted. */
  pinnedFingerprint256?: string;
  /** Extra trusted CA certificates (PEM), in addition to the system store. */
  ca?: string | Buffer | Array<string | Buffer>;
  /** SNI and the name checked against the certificate; defaults to the host. */
  servername?: string;
  minVersion?: "TLSv1.2" | "TLSv1.3";
}

export function normalizeFingerprint(value: string): string {
  return value.replace(/[^0-9a-f]/gi, "").toUpperCase();
}

export function describeCertificate(cert: PeerCertificate): PeerCertificateInfo {
  const name = (entity: PeerCertificate["subject"] | undefined) =>
    entity
      ? Object.entries(entity)
          .map(([key, value]) => `${key}=${value}`)
          .join(", ")
      : "";
  const subject = name(cert.subject);
  const issuer = name(cert.issuer);
  return {
    fingerprint256: cert.fingerprint256,
    subject,
    issuer,
    validFrom: cert.valid_from,
    validTo: cert.valid_to,
    selfSigned: subject === issuer,
  };
}

/**
 * Decide whether an established TLS session is acceptable. Node ran the chain and hostname
 * checks already (we connect with rejectUnauthorized: false only so we can look at the
 * certificate and explain the failure); a pinned fingerprint replaces exactly those checks.
 */
export function verifyPeer(socket: TLSSocket, host: string, port: number, policy: TlsPolicy): void {
  const cert = socket.getPeerCertificate();
  const info = cert?.fingerprint256 ? describeCertificate(cert) : undefined;
  // Which machine showed this certificate: the caller may not want to show a stranger the
  // certificate of a host inside its own network.
  const address = socket.remoteAddress;
  if (policy.pinnedFingerprint256) {
    const expected = normalizeFingerprint(policy.pinnedFingerprint256);
    if (info && normalizeFingerprint(info.fingerprint256) === expected) return;
    throw new NetError(
      "TLS_CERT_MISMATCH",
      `The certificate of ${host}:${port} is not the one you accepted earlier`,
      { host, port, address, reason: "pinned fingerprint mismatch", certificate: info },
    );
  }
  if (socket.authorized) return;
  const reason = String(socket.authorizationError ?? "unknown");
  throw new NetError(
    "TLS_FAILURE",
    `The certificate of ${host}:${port} is not trusted: ${reason}`,
    { host, port, address, systemCode: reason, reason, certificate: info },
  );
}
