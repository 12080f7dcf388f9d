/**
 * Delivery status notifications (RFC 3464; RFC 6533 for message/global-delivery-status): the
 * per-message fields and one entry per recipient, for a bounce card ("could not deliver to
 * x@y: 550 5.1.1 user unknown"). The body is blocks of header-like fields separated by blank
 * lines: the first block is about the message, each further block about one recipient.
 */
import { parseDate } from "../date.ts";
import type { ParsedMessage } from "../message.ts";
import type { ParsedPart } from "../part.ts";

export interface RecipientStatus {
  /** Address from Final-Recipient (the `rfc822;` type prefix removed). */
  finalRecipient: string | null;
  originalRecipient: string | null;
  /** failed | delayed | delivered | relayed | expanded (RFC 3464 section 2.3.3). */
  action: string | null;
  /** Enhanced status code, e.g. "5.1.1" (RFC 3463). */
  status: string | null;
  remoteMta: string | null;
  diagnosticCode: string | null;
  lastAttemptDate: Date | null;
  willRetryUntil: Date | null;
  /** Every field of the block, lower-case names, unfolded values. */
  fields: Record<string, string>;
}

export interface DeliveryStatusReport {
  section: string;
  reportingMta: string | null;
  arrivalDate: Date | null;
  originalEnvelopeId: string | null;
  /** Every field of the per-message block. */
  fields: Record<string, string>;
  recipients: RecipientStatus[];
}

const DSN_TYPES = new Set(["message/delivery-status", "message/global-delivery-status"]);

/** Field blocks of a delivery-status body: each a list of [name, unfolded value]. */
export function statusBlocks(text: string): [string, string][][] {
  const blocks: [string, string][][] = [];
  let block: [string, string][] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === "") {
      if (block.length > 0) blocks.push(block);
      block = [];
      continue;
    }
    const last = block[block.length - 1];
    if (/^[ \t]/.test(line) && last) {
      last[1] = `${last[1]} ${line.trim()}`.trim();
      continue;
    }
    // `Name:` or the obsolete `Name :` (RFC 5322 4.5.3); a line whose "name" has spaces is
    // prose (some MTAs put their explanation in this part): skipped.
    const field = /^([!-9;-~]+)[ \t]*:(.*)$/.exec(line);
    if (!field) continue;
    block.push([field[1]!, field[2]!.trim()]);
  }
  if (block.length > 0) blocks.push(block);
  return blocks;
}

function record(block: [string, string][]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of block) {
    const key = name.toLowerCase();
    if (!(key in out)) out[key] = value;
  }
  return out;
}

/** `rfc822; user@example.com` -> `user@example.com` (RFC 3464 address-type prefix). */
function typedValue(value: string | undefined): string | null {
  if (value === undefined) return null;
  const semi = value.indexOf(";");
  return (semi === -1 ? value : value.slice(semi + 1)).trim().replace(/^<(.*)>$/, "$1") || null;
}

function statusCode(value: string | undefined): string | null {
  if (!value) return null;
  const m = /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(value);
  return m ? m[1]! : value.trim() || null;
}

function findReport(part: ParsedPart): ParsedPart | null {
  if (part.kind === "leaf") return DSN_TYPES.has(part.contentType) ? part : null;
  if (part.kind !== "multipart") return null; // not inside attached messages
  for (const child of part.children) {
    const found = findReport(child);
    if (found) return found;
  }
  return null;
}

/** The message's delivery status report, or null when it has none. */
export function deliveryStatus(msg: ParsedMessage): DeliveryStatusReport | null {
  const part = findReport(msg.root);
  if (!part) return null;
  const text = msg.text(part);
  if (text === null) return null;
  const [first = [], ...rest] = statusBlocks(text);
  const fields = record(first);
  return {
    section: part.section,
    reportingMta: typedValue(fields["reporting-mta"]),
    arrivalDate: parseDate(fields["arrival-date"]).date,
    originalEnvelopeId: fields["original-envelope-id"] ?? null,
    fields,
    recipients: rest.map((block) => {
      const f = record(block);
      return {
        finalRecipient: typedValue(f["final-recipient"]),
        originalRecipient: typedValue(f["original-recipient"]),
        action: f.action?.toLowerCase() ?? null,
        status: statusCode(f.status),
        remoteMta: typedValue(f["remote-mta"]),
        diagnosticCode: typedValue(f["diagnostic-code"]),
        lastAttemptDate: parseDate(f["last-attempt-date"]).date,
        willRetryUntil: parseDate(f["will-retry-until"]).date,
        fields: f,
      };
    }),
  };
}
