/**
 * Groups every header field as RFC 5322 section 3.6 does, for the header inspector of "Show
 * original". Decisions beyond section 3.6:
 *
 * - "trace" is RFC 5322's Return-Path and Received (section 3.6.7), plus fields that record a
 *   delivery step the same way: Delivered-To (RFC 9228), Postfix's X-Original-To, Exim's
 *   Envelope-To and Delivery-Date, and Gmail's X-Received (an internal Received hop).
 * - "authentication" is separate from trace: fields that state or carry sender authentication,
 *   which the reader looks at for "is this really from them?": Authentication-Results (RFC
 *   8601), ARC-* (RFC 8617), DKIM-Signature (RFC 6376), DomainKey-Signature (RFC 4870),
 *   Received-SPF (RFC 7208 section 9.1), Google's X-Google-DKIM-Signature, and the copies of
 *   earlier results that forwarders keep (Microsoft's Authentication-Results-Original, Google's
 *   X-Original-Authentication-Results).
 * - "mime" is MIME-Version and every Content-* field (RFC 2045 section 9 reserves the prefix).
 * - "resent" is every Resent-* field (section 3.6.6), whatever follows the prefix.
 * - everything else is "other": list headers, X-*, and extension fields (section 3.6.8).
 *
 * Fields keep their order and their position in the header block; groups come in a fixed
 * display order, what a reader looks for first ahead of machinery.
 */
import type { HeaderFieldInput } from "./header-field.ts";

export type HeaderGroupId =
  | "originator"
  | "destination"
  | "origination-date"
  | "informational"
  | "identification"
  | "mime"
  | "authentication"
  | "trace"
  | "resent"
  | "other";

/** Display order of the groups. */
export const HEADER_GROUP_ORDER: readonly HeaderGroupId[] = [
  "originator",
  "destination",
  "origination-date",
  "informational",
  "identification",
  "mime",
  "authentication",
  "trace",
  "resent",
  "other",
];

export const HEADER_GROUP_LABELS: Readonly<Record<HeaderGroupId, string>> = {
  originator: "Originator",
  destination: "Destination",
  "origination-date": "Origination date",
  informational: "Informational",
  identification: "Identification",
  mime: "MIME",
  authentication: "Authentication",
  trace: "Trace",
  resent: "Resent",
  other: "Other",
};

const BY_NAME: Readonly<Record<string, HeaderGroupId>> = {
  from: "originator",
  sender: "originator",
  "reply-to": "originator",
  to: "destination",
  cc: "destination",
  bcc: "destination",
  date: "origination-date",
  subject: "informational",
  comments: "informational",
  keywords: "informational",
  "message-id": "identification",
  "in-reply-to": "identification",
  references: "identification",
  "mime-version": "mime",
  "return-path": "trace",
  received: "trace",
  "x-received": "trace",
  "delivered-to": "trace",
  "x-original-to": "trace",
  "envelope-to": "trace",
  "delivery-date": "trace",
  "authentication-results": "authentication",
  "authentication-results-original": "authentication",
  "x-original-authentication-results": "authentication",
  "dkim-signature": "authentication",
  "domainkey-signature": "authentication",
  "received-spf": "authentication",
  "x-google-dkim-signature": "authentication",
};

/**
 * RFC 5322 section 3.6's table: fields that may appear at most once. A second From or Subject
 * is a known trick to show one value to the reader and another to a filter, so the inspector
 * marks it.
 */
const AT_MOST_ONCE = new Set([
  "date",
  "from",
  "sender",
  "reply-to",
  "to",
  "cc",
  "bcc",
  "message-id",
  "in-reply-to",
  "references",
  "subject",
]);

export function headerGroupOf(name: string): HeaderGroupId {
  const lower = name.trim().toLowerCase();
  const known = BY_NAME[lower];
  if (known) return known;
  if (lower.startsWith("resent-")) return "resent";
  if (lower.startsWith("content-")) return "mime";
  if (lower.startsWith("arc-")) return "authentication";
  return "other";
}

export interface GroupedHeaderField<F extends HeaderFieldInput = HeaderFieldInput> {
  field: F;
  /** Position of the field in the header block, from 0 at the top. */
  index: number;
  /** True for the second and later occurrences of a field RFC 5322 allows only once. */
  duplicate: boolean;
}

export interface HeaderGroup<F extends HeaderFieldInput = HeaderFieldInput> {
  id: HeaderGroupId;
  label: string;
  fields: GroupedHeaderField<F>[];
}

/** The non-empty groups in display order, each with its fields in header order. */
export function groupHeaderFields<F extends HeaderFieldInput>(
  fields: readonly F[],
): HeaderGroup<F>[] {
  const byGroup = new Map<HeaderGroupId, GroupedHeaderField<F>[]>();
  const seen = new Set<string>();
  fields.forEach((field, index) => {
    const id = headerGroupOf(field.name);
    const lower = field.name.trim().toLowerCase();
    const duplicate = AT_MOST_ONCE.has(lower) && seen.has(lower);
    seen.add(lower);
    const list = byGroup.get(id) ?? [];
    list.push({ field, index, duplicate });
    byGroup.set(id, list);
  });
  return HEADER_GROUP_ORDER.filter((id) => byGroup.has(id)).map((id) => ({
    id,
    label: HEADER_GROUP_LABELS[id],
    fields: byGroup.get(id)!,
  }));
}
