/**
 * The message's own header block (RFC 5322 section 3.6): who, when, what, threading, and the
 * caller's extra fields. Bcc is resolved (for the envelope) but never written: RFC 5322
 * section 3.6.3 allows either, and writing it tells every recipient who else got the message.
 */
import { MailError } from "../../errors.ts";
import { mailboxListPieces, type ResolvedMailbox, resolveMailbox } from "./address-format.ts";
import { unstructuredPieces } from "./encode-words.ts";
import {
  assertHeaderName,
  assertHeaderText,
  type HeaderPiece,
  writeHeader,
} from "./header-writer.ts";
import { normalizeMessageId } from "./message-id.ts";
import { trimReferences } from "./reply-headers.ts";
import type { AddressInput, MessageSpec } from "./types.ts";

export interface Parties {
  from: ResolvedMailbox;
  sender: ResolvedMailbox | null;
  to: ResolvedMailbox[];
  cc: ResolvedMailbox[];
  bcc: ResolvedMailbox[];
  replyTo: ResolvedMailbox[];
}

function list(inputs: readonly AddressInput[] | undefined, field: string, smtpUtf8: boolean) {
  if (inputs !== undefined && !Array.isArray(inputs)) {
    throw new MailError("INVALID_INPUT", `${field} must be a list of addresses`);
  }
  return (inputs ?? []).map((input) => resolveMailbox(input, field, smtpUtf8));
}

export function resolveParties(spec: MessageSpec, smtpUtf8: boolean): Parties {
  if (!spec.from) throw new MailError("INVALID_ADDRESS", "a message needs a From address");
  return {
    from: resolveMailbox(spec.from, "From", smtpUtf8),
    sender: spec.sender ? resolveMailbox(spec.sender, "Sender", smtpUtf8) : null,
    to: list(spec.to, "To", smtpUtf8),
    cc: list(spec.cc, "Cc", smtpUtf8),
    bcc: list(spec.bcc, "Bcc", smtpUtf8),
    replyTo: list(spec.replyTo, "Reply-To", smtpUtf8),
  };
}

/**
 * Fields the builder writes itself, or that only servers write (trace fields, RFC 5322 section
 * 3.6.7): an extra header must not duplicate or forge them.
 */
const RESERVED = new Set([
  "date",
  "from",
  "sender",
  "reply-to",
  "to",
  "cc",
  "bcc",
  "subject",
  "message-id",
  "in-reply-to",
  "references",
  "mime-version",
  "content-type",
  "content-transfer-encoding",
  "content-disposition",
  "content-id",
  "return-path",
  "received",
]);

/** Extra fields: ASCII values as they are (URLs in List-* must not be encoded), others encoded. */
function extraHeader(name: string, value: string): string {
  assertHeaderName(name);
  if (RESERVED.has(name.toLowerCase())) {
    throw new MailError(
      "INVALID_INPUT",
      `the builder writes ${name} itself; it cannot be an extra header`,
    );
  }
  assertHeaderText(value, name);
  const pieces: HeaderPiece[] = /^[\x20-\x7e\t]*$/.test(value)
    ? value.split(" ")
    : unstructuredPieces(value, name);
  return writeHeader(name, pieces);
}

export interface HeaderValues {
  messageId: string;
  date: string;
}

export function messageHeaders(spec: MessageSpec, parties: Parties, values: HeaderValues): string {
  let out = writeHeader("Date", values.date.split(" "));
  out += writeHeader("From", mailboxListPieces([parties.from], "From"));
  if (parties.sender) out += writeHeader("Sender", mailboxListPieces([parties.sender], "Sender"));
  if (parties.replyTo.length > 0)
    out += writeHeader("Reply-To", mailboxListPieces(parties.replyTo, "Reply-To"));
  if (parties.to.length > 0) out += writeHeader("To", mailboxListPieces(parties.to, "To"));
  if (parties.cc.length > 0) out += writeHeader("Cc", mailboxListPieces(parties.cc, "Cc"));
  // Only Bcc: an empty group, as common clients write, so the To line is not simply missing.
  if (parties.to.length === 0 && parties.cc.length === 0 && parties.bcc.length > 0) {
    out += writeHeader("To", ["undisclosed-recipients:;"]);
  }
  if (spec.subject !== undefined && spec.subject !== "") {
    out += writeHeader("Subject", unstructuredPieces(spec.subject, "Subject"));
  }
  out += writeHeader("Message-ID", [values.messageId]);
  if (spec.inReplyTo !== undefined && spec.inReplyTo !== "") {
    out += writeHeader("In-Reply-To", [normalizeMessageId(spec.inReplyTo, "In-Reply-To", false)]);
  }
  if (spec.references !== undefined && spec.references.length > 0) {
    if (!Array.isArray(spec.references))
      throw new MailError("INVALID_INPUT", "References must be a list of ids");
    const ids = spec.references.map((id) => normalizeMessageId(id, "References", false));
    out += writeHeader("References", trimReferences(ids));
  }
  for (const entry of spec.headers ?? []) {
    const [name, value] = entry;
    if (typeof name !== "string" || typeof value !== "string") {
      throw new MailError("INVALID_INPUT", "extra headers are [name, value] pairs of strings");
    }
    out += extraHeader(name, value);
  }
  out += writeHeader("MIME-Version", ["1.0"]);
  return out;
}
