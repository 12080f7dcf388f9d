/**
 * Mailboxes as written in From/To/Cc/Reply-To/Sender (RFC 5322 section 3.4): the address is
 * validated (addr-spec.ts), the display name quoted or encoded (encode-words.ts), and the
 * address put in the form the transport can carry: A-label domains unless SMTPUTF8 is on, and
 * a UTF-8 local part refused without SMTPUTF8 (RFC 6531 section 3.2: nothing can convert it).
 */
import { MailError } from "../../errors.ts";
import { checkAddrSpec } from "./addr-spec.ts";
import { phrasePieces } from "./encode-words.ts";
import { assertHeaderText, type HeaderPiece } from "./header-writer.ts";
import type { AddressInput } from "./types.ts";

export interface ResolvedMailbox {
  name: string;
  /** The address as it goes on the wire (header and envelope). */
  address: string;
  /** The address is UTF-8 on the wire. */
  smtpUtf8: boolean;
  /** The domain as A-labels, e.g. for a Message-ID. */
  asciiDomain: string;
}

/** Validates one mailbox; `field` ("To", "From", ...) names it in errors. */
export function resolveMailbox(
  input: AddressInput,
  field: string,
  smtpUtf8: boolean,
): ResolvedMailbox {
  const mailbox = typeof input === "string" ? { address: input } : input;
  const name = mailbox.name ?? "";
  // Controls first, as HEADER_INJECTION: "bob@x\nCc: eve@y" is an attack, not a typo.
  assertHeaderText(mailbox.address, `${field} address`);
  assertHeaderText(name, `${field} display name`);
  const checked = checkAddrSpec(mailbox.address);
  if (!checked.ok) {
    throw new MailError(
      "INVALID_ADDRESS",
      `${field}: "${mailbox.address}" is not valid: ${checked.reason}`,
    );
  }
  const spec = checked.value;
  const asciiDomain = spec.asciiDomain;
  if (smtpUtf8) return { name, address: spec.address, smtpUtf8: spec.needsSmtpUtf8, asciiDomain };
  if (spec.asciiAddress === null) {
    throw new MailError(
      "INVALID_ADDRESS",
      `${field}: "${spec.address}" has a non-ASCII local part and needs a server with SMTPUTF8`,
    );
  }
  return { name, address: spec.asciiAddress, smtpUtf8: false, asciiDomain };
}

/** One mailbox as header pieces: `name <address>` or a bare `address`. */
export function mailboxPieces(mailbox: ResolvedMailbox, field: string): HeaderPiece[] {
  if (mailbox.name.trim() === "") return [mailbox.address];
  return [...phrasePieces(mailbox.name, `${field} display name`), `<${mailbox.address}>`];
}

/** A mailbox-list (RFC 5322 section 3.4): mailboxes separated by commas. */
export function mailboxListPieces(
  mailboxes: readonly ResolvedMailbox[],
  field: string,
): HeaderPiece[] {
  const pieces: HeaderPiece[] = [];
  mailboxes.forEach((mailbox, i) => {
    const own = mailboxPieces(mailbox, field);
    // The address piece is always last and always a string: the comma goes there.
    if (i < mailboxes.length - 1) own[own.length - 1] = `${own[own.length - 1] as string},`;
    pieces.push(...own);
  });
  return pieces;
}
