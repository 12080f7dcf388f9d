/**
 * The fields a mail list and a reading pane show, read from a header block: subject, addresses,
 * date, ids. Each is decoded for display; the raw values stay in `HeaderList`.
 */
import { type Address, parseAddressList } from "./addresses.ts";
import { parseDate } from "./date.ts";
import type { HeaderList } from "./header-block.ts";
import { parseMessageIds } from "./message-ids.ts";

export interface ParsedEnvelope {
  /** Decoded subject; line breaks smuggled in through encoded words become spaces. */
  subject: string | null;
  from: Address[];
  sender: Address[];
  replyTo: Address[];
  to: Address[];
  cc: Address[];
  bcc: Address[];
  /** The Date header as an instant, or null when missing or not understood. */
  date: Date | null;
  dateRaw: string | null;
  messageId: string | null;
  inReplyTo: string[];
  references: string[];
}

/** All fields of that name, parsed as one address list (several To: lines do occur). */
export function addressesOf(headers: HeaderList, name: string): Address[] {
  const out: Address[] = [];
  for (const field of headers.getAll(name)) out.push(...parseAddressList(field.raw));
  return out;
}

/**
 * RFC 5322 section 2.2: a field body is one logical line. A CR or LF that survives unfolding
 * came from an encoded word (`=0D=0A`, hostile p14) and would let a reply write a second header
 * line: it is shown as a space.
 */
export function singleLine(text: string): string {
  return text.replace(/[\r\n\0]+/g, " ");
}

export function envelopeOf(headers: HeaderList): ParsedEnvelope {
  const subject = headers.get("subject");
  const dateRaw = headers.get("date");
  return {
    subject: subject === null ? null : singleLine(subject),
    from: addressesOf(headers, "from"),
    sender: addressesOf(headers, "sender"),
    replyTo: addressesOf(headers, "reply-to"),
    to: addressesOf(headers, "to"),
    cc: addressesOf(headers, "cc"),
    bcc: addressesOf(headers, "bcc"),
    date: parseDate(dateRaw).date,
    dateRaw,
    messageId: parseMessageIds(headers.getRaw("message-id"))[0] ?? null,
    inReplyTo: parseMessageIds(headers.getRaw("in-reply-to")),
    references: parseMessageIds(headers.getRaw("references")),
  };
}
