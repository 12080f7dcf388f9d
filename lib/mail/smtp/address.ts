/**
 * Envelope addresses (RFC 5321 section 4.1.2 Mailbox), checked before anything is sent. An
 * address goes between "<" and ">" on a command line, so a CR, LF, "<", ">" or space inside it
 * would let a caller's input end the command and start another (a To field of
 * "bob@x\nCc: eve@y" must never become a second RCPT, or a header). We accept only the RFC's
 * syntax, with UTF-8 allowed where SMTPUTF8 (RFC 6531 section 3.3) allows it.
 */
import { MailError } from "../errors.ts";
import { SMTP_LIMITS } from "./limits.ts";

export interface CheckedAddress {
  address: string;
  /** Non-ASCII: the server must offer SMTPUTF8 and MAIL FROM must say SMTPUTF8. */
  needsSmtpUtf8: boolean;
}

// RFC 5321 section 4.1.2 Dot-string (atext of RFC 5322 section 3.2.3), plus UTF-8 (RFC 6531).
const ATOM = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~\u0080-\u{10FFFF}]+$/u;
// Quoted-string without SP (see below), HT, or other controls: qtextSMTP and quoted-pairSMTP.
const QUOTED = /^"(?:[\x21\x23-\x5b\x5d-\x7e\u0080-\u{10FFFF}]|\\[\x21-\x7e])*"$/u;
const LABEL =
  /^[A-Za-z0-9\u0080-\u{10FFFF}](?:[A-Za-z0-9_\-\u0080-\u{10FFFF}]*[A-Za-z0-9\u0080-\u{10FFFF}])?$/u;
const IPV4_LITERAL = /^\[(?:\d{1,3}\.){3}\d{1,3}\]$/;
const IPV6_LITERAL = /^\[IPv6:[0-9A-Fa-f:.]+\]$/;

/**
 * Check one envelope address. `allowNull` admits the null reverse-path "" (MAIL FROM:<>, for
 * bounces, RFC 5321 section 4.5.5). Throws INVALID_ADDRESS naming what is wrong; the message
 * shows the address JSON-quoted so a CR or LF in it is visible, not acted on.
 */
export function checkAddress(
  address: unknown,
  options: { allowNull?: boolean } = {},
): CheckedAddress {
  if (typeof address !== "string") fail(String(address), "is not a string");
  if (address === "" && options.allowNull) return { address, needsSmtpUtf8: false };
  // Spaces, CR, LF, NUL and every other control, and the brackets that delimit the path:
  // none is legal in a Mailbox, and any of them could break the command line.
  if (/[\x00-\x20\x7f<>]/.test(address))
    fail(address, "contains a space, control character, < or >");
  const at = address.lastIndexOf("@");
  if (at <= 0 || at === address.length - 1) fail(address, "is not of the form local@domain");
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  const bytes = Buffer.byteLength(address, "utf8");
  if (bytes > SMTP_LIMITS.maxPathLength - 2) fail(address, "is longer than RFC 5321 allows");
  if (Buffer.byteLength(local, "utf8") > SMTP_LIMITS.maxLocalPartLength) {
    fail(address, "has a local part longer than 64 octets");
  }
  if (Buffer.byteLength(domain, "utf8") > SMTP_LIMITS.maxDomainLength) {
    fail(address, "has a domain longer than 255 octets");
  }
  const localOk = local.startsWith('"')
    ? QUOTED.test(local)
    : local.split(".").every((a) => ATOM.test(a));
  if (!localOk) fail(address, "has a local part RFC 5321 does not allow");
  const domainOk =
    IPV4_LITERAL.test(domain) ||
    IPV6_LITERAL.test(domain) ||
    domain.split(".").every((label) => label.length <= 63 && LABEL.test(label));
  if (!domainOk) fail(address, "has a domain RFC 5321 does not allow");
  return { address, needsSmtpUtf8: /[^\x00-\x7f]/.test(address) };
}

function fail(address: string, why: string): never {
  throw new MailError("INVALID_ADDRESS", `The address ${JSON.stringify(address)} ${why}`);
}
