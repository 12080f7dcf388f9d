/** What the app tells the POP3 client about an account. */
import type { AddressCheck, TlsPolicy, TranscriptSink } from "../net/index.ts";
import type { Credentials } from "../sasl/index.ts";
import type { Pop3Timeouts } from "./limits.ts";

/**
 * "tls": TLS from the first byte (POP3S, port 995). "starttls": plain, then STLS (RFC 2595),
 * which is required: no plaintext session if it is missing or fails. "none": no TLS.
 */
export type Pop3Security = "tls" | "starttls" | "none";

/**
 * How to log in. "auto" picks SASL (XOAUTH2 for a token, PLAIN for a password) when CAPA offers
 * it, then USER/PASS, then APOP. Every method sends a credential (APOP a digest from which the
 * password can be recovered offline), so each needs TLS or `allowPlaintextAuth`.
 */
export type Pop3AuthMethod = "auto" | "sasl" | "user" | "apop";

export interface Pop3ClientOptions {
  host: string;
  port: number;
  security: Pop3Security;
  /** Send credentials over a connection without TLS. Off unless the account explicitly says so. */
  allowPlaintextAuth?: boolean;
  tlsPolicy?: TlsPolicy;
  auth: Credentials;
  authMethod?: Pop3AuthMethod;
  timeouts?: Pop3Timeouts;
  /** The conversation, credentials and message data left out. */
  transcript?: TranscriptSink;
  /**
   * Send commands ahead of their answers when the server offers PIPELINING (RFC 2449 section
   * 6.6). Default true; false for a server that announces it and then mishandles it.
   */
  pipelining?: boolean;
  /** Largest message RETR will take (streamed or not); default POP3_LIMITS.maxMessageBytes. */
  maxMessageBytes?: number;
  /** Which addresses the server's name may lead to (refused: ADDRESS_REFUSED); default any. */
  addressCheck?: AddressCheck;
}
