/**
 * From an envelope and a message to the MAIL FROM and RCPT TO lines (RFC 5321 section 4.1.1.2
 * and 4.1.1.3), with every check done before the first byte is sent: addresses (address.ts),
 * the server's size limit (RFC 1870), 8-bit content (RFC 6152) and UTF-8 (RFC 6531).
 */
import { MailError } from "../errors.ts";
import { checkAddress } from "./address.ts";
import type { SmtpCapabilities } from "./extensions.ts";
import { SMTP_LIMITS } from "./limits.ts";

/**
 * Who the message is from and to, for the server only: Bcc recipients are here and nowhere
 * in the message. `from` may be "" (the null reverse-path of a bounce).
 */
export interface Envelope {
  from: string;
  to?: readonly string[];
  cc?: readonly string[];
  bcc?: readonly string[];
}

export interface MessageFacts {
  /** Size as RFC 1870 counts it, when known before sending. */
  size?: number;
  /** True: 8-bit bytes; false: 7-bit; undefined: not known yet (a stream). */
  eightBit?: boolean;
  /** Headers carry UTF-8 (RFC 6532): the server must offer SMTPUTF8. */
  smtpUtf8?: boolean;
}

export interface EnvelopePlan {
  mailLine: string;
  recipients: string[];
  rcptLines: string[];
  /** Whether 8-bit bytes may be sent (8BITMIME or SMTPUTF8 in use). */
  eightBitAllowed: boolean;
}

export function planEnvelope(
  envelope: Envelope,
  capabilities: SmtpCapabilities,
  facts: MessageFacts,
): EnvelopePlan {
  const from = checkAddress(envelope.from, { allowNull: true });
  const seen = new Set<string>();
  const recipients: string[] = [];
  let utf8 = from.needsSmtpUtf8 || facts.smtpUtf8 === true;
  for (const list of [envelope.to, envelope.cc, envelope.bcc]) {
    for (const address of list ?? []) {
      const checked = checkAddress(address);
      utf8 ||= checked.needsSmtpUtf8;
      // One RCPT per mailbox: the same address in To and Cc must not deliver twice.
      const key = address.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      recipients.push(address);
    }
  }
  if (recipients.length === 0) {
    throw new MailError("INVALID_ADDRESS", "The message has no recipients");
  }
  if (recipients.length > SMTP_LIMITS.maxRecipients) {
    throw new MailError(
      "INVALID_INPUT",
      `${recipients.length} recipients in one message; at most ${SMTP_LIMITS.maxRecipients}`,
    );
  }
  if (utf8 && !capabilities.smtpUtf8) {
    throw new MailError(
      "INVALID_ADDRESS",
      "An address or header uses UTF-8 and the server does not offer SMTPUTF8 (RFC 6531)",
    );
  }
  if (facts.eightBit === true && !capabilities.eightBitMime && !utf8) {
    throw new MailError(
      "INVALID_INPUT",
      "The message has 8-bit content and the server does not offer 8BITMIME (RFC 6152); encode it as quoted-printable or base64",
    );
  }
  const limit = capabilities.size;
  if (limit !== undefined && limit > 0 && facts.size !== undefined && facts.size > limit) {
    // RFC 1870 section 6.1: the client should not send what the server said it would refuse.
    throw new MailError(
      "SMTP_SIZE_EXCEEDED",
      `The message is ${facts.size} bytes; the server takes at most ${limit}`,
    );
  }
  const params: string[] = [];
  if (capabilities.size !== undefined && facts.size !== undefined)
    params.push(`SIZE=${facts.size}`);
  // A stream's content is not known yet: declaring 8BITMIME for 7-bit data is harmless, sending
  // 8-bit data without it is not (RFC 6152 section 3).
  if (capabilities.eightBitMime && facts.eightBit !== false) params.push("BODY=8BITMIME");
  if (utf8) params.push("SMTPUTF8");
  const mailLine = [`MAIL FROM:<${from.address}>`, ...params].join(" ");
  return {
    mailLine,
    recipients,
    rcptLines: recipients.map((r) => `RCPT TO:<${r}>`),
    eightBitAllowed: capabilities.eightBitMime || utf8,
  };
}
