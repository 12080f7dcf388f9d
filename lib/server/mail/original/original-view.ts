/**
 * The "Show original" view's data: plain, serializable values, everything message-derived kept
 * as text for React to render as text. Built by load-original.ts from one FETCH of the header
 * and BODYSTRUCTURE (plus the displayed HTML part, to check its cid: references).
 */

import type { HeaderGroupId } from "../../../mail/headers/header-groups.ts";
import type { AuthBadge } from "../../../mail/headers/index.ts";

export interface HeaderFieldView {
  /** Position in the header block, from 0 at the top. */
  index: number;
  name: string;
  /** Unfolded, RFC 2047 words decoded. */
  value: string;
  /**
   * The field exactly as it stands in the message, folding and encoded words kept (line ends
   * as "\n"): the raw form. (The unfolded raw value adds nothing to it, and headers can be big.)
   */
  folded: string;
  /** A second occurrence of a field RFC 5322 section 3.6 allows only once. */
  duplicate: boolean;
  /** The parser cut the field at its line-length limit. */
  truncated: boolean;
}

export interface HeaderGroupView {
  id: HeaderGroupId;
  label: string;
  fields: HeaderFieldView[];
}

export interface HopView {
  /** 0 is the first server that handled the message. */
  step: number;
  /** Position of this Received field in the header block. */
  fieldIndex: number;
  from: { helo?: string; host?: string; ip?: string } | null;
  by: { host?: string; ip?: string } | null;
  with?: string;
  via?: string;
  id?: string;
  for?: string;
  tls?: string;
  envelopeFrom?: string;
  /** ISO 8601, or null when the hop has no readable time. */
  time: string | null;
  /** The date text as written. */
  dateRaw: string;
  /** This hop's time minus the previous one's; negative when the clocks disagree. */
  delayMs: number | null;
  slowest: boolean;
  clockSkew: boolean;
  /** The whole field, unfolded. */
  raw: string;
}

export interface RouteView {
  hops: HopView[];
  /** From the first timed hop to the last. */
  transitMs: number | null;
  /** From the Date header to final delivery (negative when the sender's clock runs ahead). */
  sinceDateMs: number | null;
  /** The earliest sending side named, and the envelope sender. */
  origin: { helo?: string; host?: string; ip?: string; envelopeFrom?: string } | null;
}

export interface AuthView {
  /** How the trusted authserv-ids were chosen. */
  mode: "topmost" | "configured";
  /** The trusted authserv-ids (lower-case); empty when the message has no A-R field. */
  authservIds: string[];
  badges: AuthBadge[];
  /** Authentication-Results fields in the message, trusted and not. */
  fieldCount: number;
  trustedCount: number;
  /** The authserv-ids of fields not trusted (added before the receiving side, or forged). */
  ignoredIds: string[];
}

export type PartRole =
  | "container"
  | "shown"
  | "alternative"
  | "resource"
  | "attachment"
  | "message"
  | "status"
  | "other";

export interface MimeNodeView {
  /** IMAP section ("" for a multipart root). */
  section: string;
  contentType: string;
  charset: string | null;
  /** Other Content-Type parameters (format, delsp, name, boundary…), as [name, value]. */
  params: [string, string][];
  disposition: string | null;
  filename: string | null;
  contentId: string | null;
  description: string | null;
  transferEncoding: string;
  /** Octets as stored (still transfer-encoded). */
  size: number;
  lines: number | null;
  kind: "multipart" | "message" | "leaf";
  role: PartRole;
  /** Why the part is shown, not shown, or what it is for. */
  notes: string[];
  children: MimeNodeView[];
}

export interface DisplayView {
  /** The part the reader shows, or null when none can be shown. */
  section: string | null;
  format: "html" | "plain" | null;
  /** One sentence: "the last alternative we can render (text/html)". */
  reason: string;
  /** How the choice was made, from the root down. */
  steps: string[];
  available: { html: boolean; plain: boolean };
}

export type CidStatus = "shown" | "missing" | "not-image" | "outside-related";

export interface CidReferenceView {
  /** The Content-ID the HTML names (without angle brackets). */
  cid: string;
  status: CidStatus;
  /** The part with that Content-ID, when there is one. */
  target: string | null;
  note: string;
}

export interface OriginalView {
  accountId: string;
  mailbox: string;
  uid: number;
  /** "" for the message itself; the message/rfc822 part's section when opened nested. */
  section: string;
  subject: string;
  from: string;
  /** The Date header, ISO 8601, or null. */
  date: string | null;
  dateRaw: string | null;
  /** When the server received it (IMAP INTERNALDATE); null for an attached message. */
  arrived: string | null;
  messageId: string | null;
  /** Octets of the source (the attached message's, when nested). */
  size: number;
  fieldCount: number;
  headers: HeaderGroupView[];
  route: RouteView;
  auth: AuthView;
  mime: MimeNodeView;
  display: DisplayView;
  /** cid: references of the displayed HTML, in order of first appearance; null when not checked. */
  cidReferences: CidReferenceView[] | null;
  warnings: string[];
}
