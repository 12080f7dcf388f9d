/** The reading pane's data: everything decoded, sanitized and safe to render as text. */
import type { PlainBlock } from "../server/render/plain-text.ts";
import type { AddressView, MessageFlags } from "./mailbox.ts";

export type { PlainBlock };

export interface AttachmentView {
  section: string;
  /** Safe to show: no path, no bidi controls, bounded length. */
  filename: string;
  contentType: string;
  /** Decoded size in bytes (estimated from the encoded size for base64/QP parts). */
  size: number;
  /** Shown inside the body (inline image) rather than offered only as a file. */
  inline: boolean;
  isImage: boolean;
  /** message/rfc822: opens in the reader as a nested message. */
  isMessage: boolean;
  downloadHref: string;
  /** Inline URL for raster images (never SVG or HTML), for a preview thumbnail. */
  previewHref: string | null;
}

export type BodyView =
  | {
      kind: "html";
      /** The complete sandboxed frame document (sanitized HTML inside a CSP). */
      srcdoc: string;
      remoteBlocked: number;
      trackingPixels: number;
      remoteHosts: string[];
      remoteAllowed: boolean;
      cidMissing: string[];
      truncated: boolean;
    }
  | { kind: "plain"; blocks: PlainBlock[]; truncated: boolean }
  | { kind: "none" };

export interface RecipientStatusView {
  recipient: string;
  action: string;
  status: string | null;
  diagnostic: string | null;
  remoteMta: string | null;
}

export interface DeliveryStatusView {
  reportingMta: string | null;
  recipients: RecipientStatusView[];
}

export interface MessageView {
  accountId: string;
  mailbox: string;
  uid: number;
  /** "" for the message itself; the section of a message/rfc822 part when opened nested. */
  section: string;
  subject: string;
  from: AddressView[];
  sender: AddressView[];
  replyTo: AddressView[];
  to: AddressView[];
  cc: AddressView[];
  bcc: AddressView[];
  /** ISO 8601, or null when the Date header is missing or not understood. */
  date: string | null;
  dateRaw: string | null;
  flags: MessageFlags;
  /** Opening it just marked it read (the folder's unread count changed). */
  markedRead: boolean;
  messageId: string | null;
  body: BodyView;
  /** Which alternatives exist, and which one `body` shows. */
  alternatives: { html: boolean; plain: boolean };
  shown: "html" | "plain" | "none";
  attachments: AttachmentView[];
  /** Attachments beyond those listed (a message with thousands of parts). */
  moreAttachments: number;
  deliveryStatus: DeliveryStatusView | null;
  /**
   * The person always loads remote content from this From address, but this message was not
   * shown to come from its domain (no DMARC or aligned DKIM pass from their server): blocked.
   */
  senderUnverified: boolean;
  /** Problems worth telling the reader (text cut short, parts missing …). */
  warnings: string[];
}
