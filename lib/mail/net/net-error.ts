import { MailError, type MailErrorCode } from "../errors.ts";

/** What we could learn about a certificate the server presented, for "trust this certificate". */
export interface PeerCertificateInfo {
  /** SHA-256 fingerprint, upper-case hex pairs joined by ':' (Node's `fingerprint256`). */
  fingerprint256: string;
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  selfSigned: boolean;
}

export interface NetErrorDetails {
  host: string;
  port: number;
  /**
   * The IP address: for ADDRESS_REFUSED, the one the caller's address check refused; for a
   * certificate failure, the one the TLS session was with.
   */
  address?: string;
  /** Node's own error code (ECONNREFUSED, DEPTH_ZERO_SELF_SIGNED_CERT, ...), when there was one. */
  systemCode?: string;
  /** Why TLS failed, in the words of OpenSSL/Node. */
  reason?: string;
  certificate?: PeerCertificateInfo;
}

export class NetError extends MailError {
  readonly details: NetErrorDetails;

  constructor(
    code: MailErrorCode,
    message: string,
    details: NetErrorDetails,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.name = "NetError";
    this.details = details;
  }
}

const DNS_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_FAIL", "EAI_NODATA", "EAI_NONAME"]);
const CLOSED_CODES = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED", "ERR_STREAM_DESTROYED"]);
const UNREACHABLE_CODES = new Set(["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL"]);

/** Classify a Node socket/TLS error once, here, so no caller ever matches on message text. */
export function classifySocketError(err: unknown, host: string, port: number): NetError {
  if (err instanceof NetError) return err;
  const systemCode = (err as { code?: string } | null)?.code;
  const text = err instanceof Error ? err.message : String(err);
  const where = `${host}:${port}`;
  if (systemCode && UNREACHABLE_CODES.has(systemCode)) {
    return new NetError(
      "CONNECTION_REFUSED",
      `Could not connect to ${where}: ${systemCode}`,
      { host, port, systemCode },
      { cause: err },
    );
  }
  if (systemCode && DNS_CODES.has(systemCode)) {
    return new NetError(
      "DNS_FAILURE",
      `The host name ${host} could not be resolved (${systemCode})`,
      { host, port, systemCode },
      { cause: err },
    );
  }
  if (systemCode === "ETIMEDOUT") {
    return new NetError(
      "TIMEOUT",
      `Timed out talking to ${where}`,
      { host, port, systemCode },
      { cause: err },
    );
  }
  if (systemCode && CLOSED_CODES.has(systemCode)) {
    return new NetError(
      "CLOSED",
      `The connection to ${where} was closed (${systemCode})`,
      { host, port, systemCode },
      { cause: err },
    );
  }
  if (isTlsErrorCode(systemCode) || /ssl|tls|certificate/i.test(text)) {
    return new NetError(
      "TLS_FAILURE",
      `TLS with ${where} failed: ${text}`,
      { host, port, systemCode, reason: text },
      { cause: err },
    );
  }
  return new NetError(
    "CLOSED",
    `Connection to ${where} failed: ${text}`,
    { host, port, systemCode },
    { cause: err },
  );
}

function isTlsErrorCode(code: string | undefined): boolean {
  if (!code) return false;
  return (
    code.startsWith("ERR_SSL") ||
    code.startsWith("ERR_TLS") ||
    code.startsWith("CERT_") ||
    code.includes("SELF_SIGNED") ||
    code.startsWith("UNABLE_TO_") ||
    code === "HOSTNAME_MISMATCH"
  );
}
