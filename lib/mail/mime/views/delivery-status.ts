/**
 * Delivery status notifications (RFC 3464; RFC 6533 for message/global-delivery-status): the
 * per-message fields and one entry per recipient, for a bounce card ("could not deliver to
 * x@y: 550 5.1.1 user unknown"). The body is blocks of header-like fields separated by blank
 * lines: the first block is about the message, each further block about one recipient.
 */
import { parseDate } from "../date.ts";
import type { ParsedMessage } from "../message.ts";
import type { MimeNode } from "../structure.ts";

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

/** What a delivery-status body says (`readDeliveryStatus`). */
export interface DeliveryStatusFields {
  reportingMta: string | null;
  arrivalDate: Date | null;
  originalEnvelopeId: string | null;
  /** Every field of the per-message block. */
  fields: Record<string, string>;
  recipients: RecipientStatus[];
}

export interface DeliveryStatusReport extends DeliveryStatusFields {
  /** Section of the message/delivery-status part. */
  section: string;
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

/**
 * `rfc822; user@example.com` -> `user@example.com`: the value of a typed field (RFC 3464
 * section 2.1.2: address-type, diagnostic-type, mta-name-type), without its type.
 */
export function typedValue(value: string | undefined): string | null {
  if (value === undefined) return null;
  const semi = value.indexOf(";");
  return (semi === -1 ? value : value.slice(semi + 1)).trim().replace(/^<(.*)>$/, "$1") || null;
}

/** The enhanced status code (RFC 3463: "5.1.1") in a Status field, or null when none is. */
export function enhancedStatusCode(value: string | undefined): string | null {
  if (!value) return null;
  return /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(value)?.[1] ?? null;
}

/** The status code, else the Status field as written (some MTAs write prose there). */
function statusCode(value: string | undefined): string | null {
  return enhancedStatusCode(value) ?? (value?.trim() || null);
}

/** The message/delivery-status part of a bounce, outside attached messages, or null. */
export function findDeliveryStatus<N extends MimeNode>(node: N): N | null {
  if (node.kind === "leaf") return DSN_TYPES.has(node.contentType) ? node : null;
  if (node.kind !== "multipart") return null; // not inside attached messages
  for (const child of node.children as N[]) {
    const found = findDeliveryStatus(child);
    if (found) return found;
  }
  return null;
}

/** The message's delivery status report, or null when it has none. */
export function deliveryStatus(msg: ParsedMessage): DeliveryStatusReport | null {
  const part = findDeliveryStatus(msg.root);
  if (!part) return null;
  const text = msg.text(part);
  if (text === null) return null;
  return { section: part.section, ...readDeliveryStatus(text) };
}

/** The fields of a delivery-status body (RFC 3464 section 2): per message, per recipient. */
export function readDeliveryStatus(text: string): DeliveryStatusFields {
  const [first = [], ...rest] = statusBlocks(text);
  const fields = record(first);
  return {
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
