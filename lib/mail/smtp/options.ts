/** What the app tells the SMTP client about an account. */
import os from "node:os";
import { MailError } from "../errors.ts";
import type { AddressCheck, TlsPolicy, TranscriptSink } from "../net/index.ts";
import type { Credentials } from "../sasl/index.ts";
import type { SmtpExtensionName } from "./extensions.ts";
import { SMTP_TIMEOUTS, type SmtpTimeouts } from "./limits.ts";

/**
 * "tls": TLS from the first byte (port 465, RFC 8314). "starttls": plain, then STARTTLS, which
 * is required: a server that does not offer it (or a man in the middle who stripped it) ends
 * the session with STARTTLS_FAILED. "none": no TLS at all.
 */
export type SmtpSecurity = "tls" | "starttls" | "none";

export interface SmtpClientOptions {
  host: string;
  port: number;
  security: SmtpSecurity;
  /** Send a password over a connection without TLS. Off unless the account explicitly says so. */
  allowPlaintextAuth?: boolean;
  tlsPolicy?: TlsPolicy;
  /** Password or OAuth 2 access token (XOAUTH2). Without it, no AUTH is attempted. */
  auth?: Credentials;
  /** The name we give in EHLO (RFC 5321 section 4.1.4). Defaults to this host's FQDN. */
  clientName?: string;
  timeouts?: SmtpTimeouts;
  /** The conversation, credentials and message data left out. */
  transcript?: TranscriptSink;
  /** Extensions to act as if not offered, for servers that advertise and then mishandle them. */
  ignoreExtensions?: SmtpExtensionName[];
  /** Which addresses the server's name may lead to (refused: ADDRESS_REFUSED); default any. */
  addressCheck?: AddressCheck;
}

export interface ResolvedTimeouts {
  connectMs: number;
  greetingMs: number;
  commandMs: number;
  dataEndMs: number;
}

export function resolveTimeouts(timeouts: SmtpTimeouts = {}): ResolvedTimeouts {
  return { ...SMTP_TIMEOUTS, ...timeouts };
}

/**
 * The EHLO argument. RFC 5321 section 4.1.4 asks for our FQDN; a name that is not one (no dot)
 * would be a lie, so we fall back to "localhost" rather than invent a domain. Checked here
 * because it goes on a command line.
 */
export function resolveClientName(name: string | undefined): string {
  const chosen = name ?? defaultClientName();
  const literal = /^\[[0-9A-Fa-f:.]+\]$|^\[IPv6:[0-9A-Fa-f:.]+\]$/.test(chosen);
  const labels = chosen.replace(/\.$/, "").split(".");
  const hostname = chosen.length <= 255 && labels.every((label) => LABEL.test(label));
  if (!literal && !hostname) {
    throw new MailError(
      "INVALID_INPUT",
      `The client name ${JSON.stringify(chosen)} is not a host name or address literal`,
    );
  }
  return chosen;
}

/** RFC 1035 section 2.3.1 label (letters, digits, inner hyphens), 63 octets at most. */
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

function defaultClientName(): string {
  const host = os.hostname();
  return host.includes(".") && host.split(".").every((label) => LABEL.test(label))
    ? host
    : "localhost";
}
