/**
 * The route a message travelled, from its Received fields. Each MTA prepends its own Received
 * (RFC 5321 section 4.4), so the topmost field is the last hop (usually the delivery into the
 * mailbox) and the bottom one the first: the route is the Received fields read bottom-up.
 *
 * Times come from each field's own clock. Delays between hops are shown as the clocks say,
 * negative ones included (flagged as clock skew, never clamped or hidden): a hop that appears
 * to arrive before it left is itself worth showing. Only Received is read: X-Received (Gmail's
 * internal hops) carries no `from` and is not in a reliable order with the others.
 */
import { parseDate } from "../mime/index.ts";
import { fieldsNamed, type HeaderFieldInput, isField } from "./header-field.ts";
import { boundedValue } from "./limits.ts";
import { parseReceived, type ReceivedField, type ReceivedFrom } from "./received.ts";

export interface RouteHop {
  /** Position in travel order: 0 is the first server that handled the message. */
  step: number;
  /** Position of this Received field in the header block (0 = top). */
  fieldIndex: number;
  received: ReceivedField;
  /** Time this hop's server wrote, or null when missing or unreadable. */
  time: Date | null;
  /** This hop's time minus the previous hop's, in ms; null when either time is missing. */
  delayMs: number | null;
  /** The hop with the largest positive delay (at most one, the first on a tie). */
  slowest: boolean;
  /** The delay is negative: the two servers' clocks disagree. */
  clockSkew: boolean;
}

export interface RouteOrigin extends ReceivedFrom {
  /** Step of the hop this was read from. */
  step: number;
  /**
   * Envelope sender: the earliest one a Received comment gives (Exim envelope-from, qmail
   * envelope-sender), else the topmost Return-Path (RFC 5321 section 4.4, written at delivery).
   */
  envelopeFrom?: string;
}

export interface MessageRoute {
  /** Hops in travel order, origin first, mailbox last. */
  hops: RouteHop[];
  /** Index in `hops` of the slowest hop, or null when no delay is positive. */
  slowest: number | null;
  /** From the first hop with a time to the last one; null when fewer than two have a time. */
  transitMs: number | null;
  /** The Date header, parsed (first Date field). */
  date: Date | null;
  /**
   * From the Date header to the final delivery (the newest hop with a time). Negative when the
   * sender's clock runs ahead; null when either is missing.
   */
  sinceDateMs: number | null;
  /** The sending side of the earliest hop that names one (HELO, rDNS, IP). */
  origin: RouteOrigin | null;
}

function returnPath(fields: readonly HeaderFieldInput[]): string | undefined {
  const field = fieldsNamed(fields, "return-path")[0];
  if (!field) return undefined;
  const value = boundedValue(field.value);
  const match = /<([^<>]*)>/.exec(value);
  return (match ? match[1]! : value).trim();
}

export function buildRoute(fields: readonly HeaderFieldInput[]): MessageRoute {
  const received: { field: HeaderFieldInput; index: number }[] = [];
  fields.forEach((field, index) => {
    if (isField(field, "received")) received.push({ field, index });
  });
  received.reverse();

  const hops: RouteHop[] = received.map(({ field, index }, step) => {
    const parsed = parseReceived(field.value);
    return {
      step,
      fieldIndex: index,
      received: parsed,
      time: parsed.date,
      delayMs: null,
      slowest: false,
      clockSkew: false,
    };
  });

  let slowest: number | null = null;
  for (let i = 1; i < hops.length; i++) {
    const hop = hops[i]!;
    const previous = hops[i - 1]!;
    if (hop.time === null || previous.time === null) continue;
    hop.delayMs = hop.time.getTime() - previous.time.getTime();
    hop.clockSkew = hop.delayMs < 0;
    if (hop.delayMs > 0 && (slowest === null || hop.delayMs > hops[slowest]!.delayMs!)) {
      slowest = i;
    }
  }
  if (slowest !== null) hops[slowest]!.slowest = true;

  const timed = hops.filter((hop) => hop.time !== null);
  const first = timed[0];
  const last = timed[timed.length - 1];
  const transitMs =
    first && last && first !== last ? last.time!.getTime() - first.time!.getTime() : null;

  const dateField = fieldsNamed(fields, "date")[0];
  const date = dateField ? parseDate(dateField.value).date : null;
  const sinceDateMs = date && last ? last.time!.getTime() - date.getTime() : null;

  let origin: RouteOrigin | null = null;
  const originHop = hops.find((hop) => hop.received.from !== undefined);
  if (originHop) origin = { ...originHop.received.from, step: originHop.step };
  const envelopeFrom =
    hops.find((hop) => hop.received.envelopeFrom !== undefined)?.received.envelopeFrom ??
    returnPath(fields);
  if (origin && envelopeFrom !== undefined) origin.envelopeFrom = envelopeFrom;

  return { hops, slowest, transitMs, date, sinceDateMs, origin };
}
