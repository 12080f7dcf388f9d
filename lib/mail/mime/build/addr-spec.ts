/**
 * Validation of one email address (addr-spec). What we accept is what an SMTP server will take
 * in MAIL FROM / RCPT TO: RFC 5321 section 4.1.2 Mailbox (Dot-string or Quoted-string local
 * part, a domain name or an address literal), extended by RFC 6531 section 3.3 with UTF-8 in the
 * local part and domain. Those need SMTPUTF8 unless the domain can be written as A-labels
 * (RFC 5891) and the local part is ASCII; we say which.
 */
import { isIPv4, isIPv6 } from "node:net";
import { domainToASCII } from "node:url";
import {
  MAX_ADDRESS_OCTETS,
  MAX_DOMAIN_OCTETS,
  MAX_LABEL_OCTETS,
  MAX_LOCAL_PART_OCTETS,
} from "./limits.ts";
import { isAscii, utf8Length } from "./utf8.ts";

export interface AddrSpec {
  /** The address as given (local@domain), without surrounding spaces. */
  address: string;
  local: string;
  domain: string;
  /** True when the address as given has UTF-8 in its local part or domain (RFC 6531). */
  needsSmtpUtf8: boolean;
  /** The same mailbox in US-ASCII (domain as A-labels), or null when the local part is UTF-8. */
  asciiAddress: string | null;
  /** The domain as A-labels (or the address literal). */
  asciiDomain: string;
}

export type AddrSpecCheck = { ok: true; value: AddrSpec } | { ok: false; reason: string };

/** RFC 5322 section 3.2.3 atext, plus RFC 6532 section 3.2 UTF8-non-ascii. */
const ATOM = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~\u0080-\u{10ffff}]+$/u;
/** RFC 5321 section 4.1.2 qtextSMTP / quoted-pairSMTP, plus UTF-8 (RFC 6531 section 3.3). */
const QUOTED_LOCAL = /^"(?:[\x20\x21\x23-\x5b\x5d-\x7e\u0080-\u{10ffff}]|\\[\x20-\x7e])*"$/u;
const LDH_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;

function checkLocal(local: string): string | null {
  if (local === "") return "the part before @ is empty";
  if (utf8Length(local) > MAX_LOCAL_PART_OCTETS) {
    return `the part before @ is longer than ${MAX_LOCAL_PART_OCTETS} octets`;
  }
  if (local.startsWith('"')) return QUOTED_LOCAL.test(local) ? null : "badly quoted name before @";
  for (const atom of local.split(".")) {
    if (atom === "")
      return "dots before @ must separate words (no leading, trailing or double dot)";
    if (!ATOM.test(atom)) return "the part before @ contains a character that is not allowed";
  }
  return null;
}

function checkLiteral(domain: string): string | null {
  const inner = domain.slice(1, -1);
  if (inner.startsWith("IPv6:")) return isIPv6(inner.slice(5)) ? null : "bad IPv6 address literal";
  return isIPv4(inner) ? null : "bad address literal";
}

/** Returns the A-label form of a domain name, or a reason it is not one. */
function checkDomain(domain: string): { ascii: string } | { reason: string } {
  if (domain === "") return { reason: "the domain after @ is empty" };
  if (domain.startsWith("[")) {
    const reason = domain.endsWith("]") ? checkLiteral(domain) : "unclosed address literal";
    return reason ? { reason } : { ascii: domain };
  }
  let ascii = domain;
  if (!isAscii(domain)) {
    // UTS 46 processing (RFC 5891/5895) as browsers do; "" means it has no valid A-label form.
    if (/[\s"(),:;<>@[\\\]]/.test(domain))
      return { reason: "the domain contains a space or symbol" };
    ascii = domainToASCII(domain);
    if (ascii === "") return { reason: "not a valid international domain name" };
  }
  if (ascii.length > MAX_DOMAIN_OCTETS) return { reason: "the domain is too long" };
  for (const label of ascii.split(".")) {
    if (label === "")
      return { reason: "the domain has an empty label (leading, trailing or double dot)" };
    if (label.length > MAX_LABEL_OCTETS)
      return { reason: "a domain label is longer than 63 characters" };
    if (!LDH_LABEL.test(label))
      return { reason: "the domain contains a character that is not allowed" };
  }
  return { ascii };
}

/** Index of the "@" between local part and domain: the last one outside a quoted local part. */
function splitAt(address: string): number {
  if (address.startsWith('"')) {
    for (let i = 1; i < address.length; i++) {
      const c = address[i];
      if (c === "\\") i++;
      else if (c === '"') return address[i + 1] === "@" ? i + 1 : -1;
    }
    return -1;
  }
  return address.lastIndexOf("@");
}

export function checkAddrSpec(input: string): AddrSpecCheck {
  const address = input.trim();
  if (address === "") return { ok: false, reason: "empty address" };
  if (/[\x00-\x1f\x7f]/.test(address)) return { ok: false, reason: "control character in address" };
  const at = splitAt(address);
  if (at < 0) {
    return {
      ok: false,
      reason: address.startsWith('"') ? "badly quoted name before @" : "missing @",
    };
  }
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  const localReason = checkLocal(local);
  if (localReason) return { ok: false, reason: localReason };
  const checked = checkDomain(domain);
  if ("reason" in checked) return { ok: false, reason: checked.reason };
  const localAscii = isAscii(local);
  const asciiAddress = localAscii ? `${local}@${checked.ascii}` : null;
  if (utf8Length(asciiAddress ?? address) > MAX_ADDRESS_OCTETS) {
    return { ok: false, reason: `the address is longer than ${MAX_ADDRESS_OCTETS} octets` };
  }
  return {
    ok: true,
    value: {
      address,
      local,
      domain,
      needsSmtpUtf8: !isAscii(address),
      asciiAddress,
      asciiDomain: checked.ascii,
    },
  };
}
