/**
 * FETCH data items (RFC 3501 section 7.4.2, RFC 3516 BINARY, RFC 7162 MODSEQ, RFC 8970
 * PREVIEW, RFC 8474 OBJECTID) into a typed record. Body sections are keyed by their section
 * text, upper-cased as servers echo them ("", "TEXT", "1.2", "HEADER.FIELDS (FROM TO)").
 */
import type { MimeNode } from "../mime/structure.ts";
import { parseBodyStructure } from "./body-structure.ts";
import { type Envelope, envelopeText, parseEnvelope } from "./envelope.ts";
import type { StreamedLiteral } from "./framer.ts";
import { decodeText, type ImapValue } from "./tokenizer.ts";

export interface FetchedSection {
  /** The bytes, or a StreamedLiteral marker when they went to a sink; null for NIL. */
  data: Buffer | StreamedLiteral | null;
  /** The origin octet of a partial fetch (`BODY[]<0>`), else null. */
  origin: number | null;
}

export interface FetchResult {
  seq: number;
  uid?: number;
  flags?: string[];
  modseq?: bigint;
  envelope?: Envelope | null;
  bodyStructure?: MimeNode;
  internalDate?: Date | null;
  size?: number;
  preview?: string | null;
  emailId?: string;
  threadId?: string | null;
  /** BODY[section] data, by upper-case section text. */
  sections: Map<string, FetchedSection>;
  /** BINARY[section] data (RFC 3516), by section text. */
  binary: Map<string, FetchedSection>;
  /** BINARY.SIZE[section]. */
  binarySize: Map<string, number>;
}

export function parseFetch(seq: number, items: ImapValue[]): FetchResult {
  const result: FetchResult = {
    seq,
    sections: new Map(),
    binary: new Map(),
    binarySize: new Map(),
  };
  for (let i = 0; i + 1 < items.length; i += 2) {
    const key = items[i];
    const value = items[i + 1]!;
    if (typeof key !== "string") continue;
    applyItem(result, key, value);
  }
  return result;
}

function applyItem(result: FetchResult, key: string, value: ImapValue): void {
  switch (key) {
    case "UID":
      result.uid = Number(value);
      return;
    case "FLAGS":
      result.flags = Array.isArray(value)
        ? (value.filter((f) => typeof f === "string") as string[])
        : [];
      return;
    case "ENVELOPE":
      result.envelope = parseEnvelope(value);
      return;
    case "BODYSTRUCTURE":
    case "BODY":
      if (Array.isArray(value)) result.bodyStructure = parseBodyStructure(value);
      return;
    case "INTERNALDATE":
      result.internalDate = parseInternalDate(envelopeText(value));
      return;
    case "RFC822.SIZE":
      result.size = Number(value);
      return;
    case "MODSEQ":
      if (Array.isArray(value) && typeof value[0] === "string" && /^\d+$/.test(value[0])) {
        result.modseq = BigInt(value[0]);
      }
      return;
    case "PREVIEW":
      result.preview = previewText(value);
      return;
    case "EMAILID":
      if (Array.isArray(value)) result.emailId = envelopeText(value[0]) ?? undefined;
      return;
    case "THREADID":
      result.threadId = Array.isArray(value) ? envelopeText(value[0]) : null;
      return;
    case "RFC822":
      result.sections.set("", section(value, null));
      return;
    case "RFC822.HEADER":
      result.sections.set("HEADER", section(value, null));
      return;
    case "RFC822.TEXT":
      result.sections.set("TEXT", section(value, null));
      return;
  }
  const upper = key.toUpperCase();
  if (upper !== key) {
    applyItem(result, upper, value);
    return;
  }
  const open = key.indexOf("[");
  if (open < 0) return;
  const close = key.lastIndexOf("]");
  const name = key.slice(0, open);
  const sectionText = key.slice(open + 1, close);
  const partial = /^<(\d+)>$/.exec(key.slice(close + 1));
  const origin = partial ? Number(partial[1]) : null;
  if (name === "BODY") result.sections.set(sectionText, section(value, origin));
  else if (name === "BINARY") result.binary.set(sectionText, section(value, origin));
  else if (name === "BINARY.SIZE") result.binarySize.set(sectionText, Number(value));
}

function section(value: ImapValue, origin: number | null): FetchedSection {
  if (value === null || Array.isArray(value)) return { data: null, origin };
  if (typeof value === "string") return { data: Buffer.from(value, "utf8"), origin };
  return { data: value, origin };
}

/** RFC 8970: `PREVIEW "text"` or NIL; the draft's `(FUZZY "text")` form is accepted too. */
function previewText(value: ImapValue): string | null {
  if (Array.isArray(value)) return previewText(value[value.length - 1] ?? null);
  if (Buffer.isBuffer(value)) return decodeText(value);
  return typeof value === "string" ? value : null;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** date-time = "dd-Mon-yyyy hh:mm:ss +zzzz" (RFC 3501 section 9); day may be space-padded. */
export function parseInternalDate(raw: string | null): Date | null {
  if (!raw) return null;
  const m =
    /^\s*(\d{1,2})-([A-Za-z]{3})-(\d{4}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/.exec(raw);
  if (!m) return null;
  const month = MONTHS.indexOf(m[2]!.toLowerCase());
  if (month < 0) return null;
  const offset = (m[7] === "-" ? -1 : 1) * (Number(m[8]) * 60 + Number(m[9]));
  const utc = Date.UTC(Number(m[3]), month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]));
  return new Date(utc - offset * 60_000);
}

/** The date-time form APPEND takes, in UTC. */
export function formatInternalDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  const month = MONTHS[date.getUTCMonth()]!;
  return `${pad(date.getUTCDate())}-${month[0]!.toUpperCase()}${month.slice(1)}-${date.getUTCFullYear()} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}
