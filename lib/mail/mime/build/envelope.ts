/**
 * The SMTP envelope (RFC 5321 section 3.3): MAIL FROM and one RCPT TO per recipient, Bcc
 * included. Each recipient once: the same mailbox in To and Bcc must not get two copies.
 */
import type { ResolvedMailbox } from "./address-format.ts";
import type { Envelope } from "./types.ts";

/**
 * Compared without case. RFC 5321 section 2.4 lets a server treat local parts as
 * case-sensitive, but also says exploiting that hinders interoperability; no provider does, and
 * "Bob@x" in To plus "bob@x" in Bcc would otherwise be delivered twice.
 */
function mailboxKey(address: string): string {
  return address.toLowerCase();
}

export function makeEnvelope(from: string, recipients: readonly ResolvedMailbox[]): Envelope {
  const seen = new Set<string>();
  const to: string[] = [];
  for (const { address } of recipients) {
    const key = mailboxKey(address);
    if (seen.has(key)) continue;
    seen.add(key);
    to.push(address);
  }
  return { from, to };
}
