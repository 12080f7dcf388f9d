/**
 * One base class for every failure the mail core reports. `code` is stable and is what the
 * app maps to a message for people; the rest is the evidence (the server's own words).
 * Modelled on undici's errors: classify once, at the layer that knows, never by string matching
 * further up.
 */
export type MailErrorCode =
  // connection layer (lib/mail/net)
  | "CONNECTION_REFUSED"
  | "DNS_FAILURE"
  | "ADDRESS_REFUSED"
  | "TLS_FAILURE"
  | "TLS_CERT_MISMATCH"
  | "TIMEOUT"
  | "CLOSED"
  | "STARTTLS_FAILED"
  | "LIMIT_EXCEEDED"
  | "PROTOCOL"
  // authentication, all protocols
  | "AUTH_FAILED"
  | "AUTH_UNAVAILABLE"
  | "PLAINTEXT_REFUSED"
  // protocol replies
  | "IMAP_NO"
  | "IMAP_BAD"
  | "IMAP_BYE"
  | "SMTP_TRANSIENT"
  | "SMTP_PERMANENT"
  | "SMTP_ALL_RECIPIENTS_REFUSED"
  | "SMTP_SIZE_EXCEEDED"
  | "POP3_ERR"
  | "POP3_IN_USE"
  | "POP3_LOGIN_DELAY"
  | "POP3_TEMPORARY"
  // building and parsing
  | "HEADER_INJECTION"
  | "INVALID_ADDRESS"
  | "INVALID_INPUT";

export class MailError extends Error {
  readonly code: MailErrorCode;

  constructor(code: MailErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "MailError";
    this.code = code;
  }

  /** True when trying again later may succeed (network trouble, 4xx, [SYS/TEMP], IN-USE). */
  get transient(): boolean {
    return (
      this.code === "TIMEOUT" ||
      this.code === "CLOSED" ||
      this.code === "CONNECTION_REFUSED" ||
      this.code === "SMTP_TRANSIENT" ||
      // RFC 2449 section 8 / RFC 3206: [IN-USE], [LOGIN-DELAY] and [SYS/TEMP] pass with time.
      this.code === "POP3_IN_USE" ||
      this.code === "POP3_LOGIN_DELAY" ||
      this.code === "POP3_TEMPORARY"
    );
  }
}

export function isMailError(value: unknown): value is MailError {
  return value instanceof MailError;
}
