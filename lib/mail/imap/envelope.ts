/**
 * ENVELOPE (RFC 3501 section 7.4.2) into a typed value: RFC 2047 words decoded in the subject
 * and display names (by lib/mail/mime's decoder), group syntax flattened with each member
 * carrying its group's name (an empty group such as "undisclosed-recipients:;" contributes no
 * address), and the date parsed (by lib/mail/mime's date reader).
 */
import { decodeEncodedWords, decodeText, parseDate, singleLine } from "../mime/index.ts";
import { StreamedLiteral } from "./framer.ts";
import type { ImapValue } from "./tokenizer.ts";

export interface EnvelopeAddress {
  /** Display name, RFC 2047 decoded; null when there is none. */
  name: string | null;
  /** mailbox@host, or just the mailbox when the server reports no host. */
  address: string;
  /** The group (RFC 5322 section 3.4) this address was listed in. */
  group?: string;
}

export interface Envelope {
  /** The Date header parsed; null when absent or unparseable. */
  date: Date | null;
  /** The Date header as sent. */
  dateRaw: string | null;
  subject: string | null;
  from: EnvelopeAddress[];
  sender: EnvelopeAddress[];
  replyTo: EnvelopeAddress[];
  to: EnvelopeAddress[];
  cc: EnvelopeAddress[];
  bcc: EnvelopeAddress[];
  inReplyTo: string | null;
  messageId: string | null;
}

/**
 * Text of a string token. Literals are raw header bytes (Dovecot sends 8-bit headers that
 * way): UTF-8 when they are (RFC 6532), else windows-1252, as the MIME parser reads them.
 */
export function envelopeText(value: ImapValue | undefined): string | null {
  if (typeof value === "string") return value;
  if (Buffer.isBuffer(value)) return decodeText(value, null);
  if (value instanceof StreamedLiteral) return null;
  return null;
}

/**
 * A decoded field is one line (RFC 5322 section 2.2): a CR or LF smuggled in through an encoded
 * word (hostile p14: `=0D=0ABcc:`) becomes a space, as the MIME parser's envelope does.
 */
function decoded(value: ImapValue | undefined): string | null {
  const text = envelopeText(value);
  return text === null ? null : singleLine(decodeWords(text));
}

/** RFC 2047, with the MIME parser's decoder, so both views of a message agree. */
export function decodeWords(text: string): string {
  return text.includes("=?") ? decodeEncodedWords(text).text : text;
}

// Dovecot's placeholder for an address without a domain (lib-mail/message-address.c).
const MISSING_HOST = ".MISSING-HOST-NAME.";

export function parseAddressList(value: ImapValue | undefined): EnvelopeAddress[] {
  if (!Array.isArray(value)) return [];
  const out: EnvelopeAddress[] = [];
  let group: string | undefined;
  for (const entry of value) {
    if (!Array.isArray(entry)) continue;
    const mailbox = envelopeText(entry[2]);
    const host = envelopeText(entry[3]);
    // RFC 3501 7.4.2: host NIL starts a group (mailbox = its name) or ends one (mailbox NIL).
    if (host === null) {
      group = mailbox === null ? undefined : decodeWords(mailbox);
      continue;
    }
    const address =
      mailbox === null
        ? host
        : host === "" || host === MISSING_HOST
          ? mailbox
          : `${mailbox}@${host}`;
    const name = decoded(entry[0]);
    const item: EnvelopeAddress = { name: name === "" ? null : name, address };
    if (group !== undefined) item.group = group;
    out.push(item);
  }
  return out;
}

export function parseEnvelope(value: ImapValue): Envelope | null {
  if (!Array.isArray(value)) return null;
  const dateRaw = envelopeText(value[0]);
  return {
    // The MIME parser's reading, so the list (ENVELOPE) and the open message agree on dates.
    date: parseDate(dateRaw).date,
    dateRaw,
    subject: decoded(value[1]),
    from: parseAddressList(value[2]),
    sender: parseAddressList(value[3]),
    replyTo: parseAddressList(value[4]),
    to: parseAddressList(value[5]),
    cc: parseAddressList(value[6]),
    bcc: parseAddressList(value[7]),
    inReplyTo: envelopeText(value[8]),
    messageId: envelopeText(value[9]),
  };
}
