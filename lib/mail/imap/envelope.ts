/**
 * ENVELOPE (RFC 3501 section 7.4.2) into a typed value: RFC 2047 words decoded in the subject
 * and display names (by lib/mail/mime's decoder), group syntax flattened with each member carrying its group's name (an
 * empty group such as "undisclosed-recipients:;" contributes no address), and the date parsed.
 */
import { decodeEncodedWords, decodeText } from "../mime/index.ts";
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

function decoded(value: ImapValue | undefined): string | null {
  const text = envelopeText(value);
  return text === null ? null : decodeWords(text);
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
    date: parseHeaderDate(dateRaw),
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

const MONTHS: Record<string, number> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
};
const ZONES: Record<string, number> = {
  UT: 0,
  UTC: 0,
  GMT: 0,
  Z: 0,
  EST: -5,
  EDT: -4,
  CST: -6,
  CDT: -5,
  MST: -7,
  MDT: -6,
  PST: -8,
  PDT: -7,
};

/**
 * An RFC 5322 date (section 3.3, with the obsolete forms of 4.3): "Tue, 1 Jul 2003 10:52:37
 * +0200", two-digit years (50–99 → 19xx), named zones; comments and the weekday are ignored.
 */
export function parseHeaderDate(raw: string | null): Date | null {
  if (!raw) return null;
  const m =
    /(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|[A-Za-z]{1,5})?/.exec(
      raw,
    );
  if (!m) return null;
  const month = MONTHS[m[2]!.toLowerCase()];
  if (month === undefined) return null;
  let year = Number(m[3]);
  if (m[3]!.length === 2) year += year >= 50 ? 1900 : 2000;
  else if (m[3]!.length === 3) year += 1900;
  let offsetMinutes = 0;
  const zone = m[7];
  if (zone && /^[+-]\d{4}$/.test(zone)) {
    const sign = zone[0] === "-" ? -1 : 1;
    offsetMinutes = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5)));
  } else if (zone && ZONES[zone.toUpperCase()] !== undefined) {
    offsetMinutes = ZONES[zone.toUpperCase()]! * 60;
  }
  const utc = Date.UTC(year, month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  const date = new Date(utc - offsetMinutes * 60_000);
  return Number.isNaN(date.getTime()) ? null : date;
}
