/**
 * What the list shows of a POP3 message, read from TOP's answer (the header and the first
 * lines of the body, RFC 1939 section 7) or from the whole message once it is downloaded.
 * Pure, and never throws on what a message contains: the MIME parser turns damage into
 * defects, and a TOP answer cut mid-part is just a message whose last part ends early.
 */
import {
  envelopeOf,
  htmlBodyPart,
  type ParsedMessage,
  type ParsedPart,
  parseMessage,
  textBodyPart,
} from "../../mail/mime/index.ts";
import type { AddressView } from "../../view-models/mailbox.ts";
import { hasAttachments } from "../mail/summaries.ts";
import { POP3_STORE_LIMITS } from "./limits.ts";

export interface MessageDigest {
  subject: string;
  from: AddressView[];
  to: AddressView[];
  messageId: string | null;
  /** The Date header; null when missing or not understood (the caller uses arrival time). */
  date: Date | null;
  hasAttachments: boolean;
  preview: string | null;
  /** Decoded body text for the search text, when the whole message was read. */
  bodyText: string | null;
}

/** From a TOP answer: exact header fields, best-effort attachment flag and preview. */
export function digestOfTop(top: Uint8Array): MessageDigest {
  const parsed = parseMessage(top);
  return {
    ...headerFields(parsed),
    // Only the first lines are here, so the parts after them are unseen: a top-level
    // multipart/mixed is what mail with attachments almost always is (RFC 2046 section 5.1.3).
    hasAttachments:
      parsed.root.contentType === "multipart/mixed" || hasAttachments(parsed.root, false),
    preview: previewOf(parsed),
    bodyText: null,
  };
}

/** From the whole message: the attachment flag is exact, as the IMAP list's. */
export function digestOfMessage(bytes: Uint8Array): MessageDigest {
  const parsed = parseMessage(bytes);
  const text = bodyTextOf(parsed);
  return {
    ...headerFields(parsed),
    hasAttachments: hasAttachments(parsed.root, false),
    preview: text === null ? null : snippet(text),
    bodyText: text === null ? null : text.slice(0, POP3_STORE_LIMITS.searchBodyChars),
  };
}

function headerFields(parsed: ParsedMessage) {
  const envelope = envelopeOf(parsed.headers);
  return {
    subject: envelope.subject ?? "",
    from: envelope.from.map(toView),
    to: envelope.to.map(toView),
    messageId: envelope.messageId,
    date: envelope.date,
  };
}

function toView(address: { name: string; address: string }): AddressView {
  return { name: address.name, address: address.address };
}

function previewOf(parsed: ParsedMessage): string | null {
  const text = bodyTextOf(parsed);
  return text === null ? null : snippet(text);
}

/**
 * The plain-text alternative, else the HTML one reduced to its words. Only a bounded prefix is
 * decoded and stripped: a hostile message may have megabytes on one line.
 */
function bodyTextOf(parsed: ParsedMessage): string | null {
  const plain = textBodyPart(parsed);
  if (plain) return prefixText(parsed, plain);
  const html = htmlBodyPart(parsed);
  if (html) {
    const text = prefixText(parsed, html);
    return text === null ? null : htmlWords(text);
  }
  return null;
}

/** Characters of decoded text looked at: enough for a preview and the search text. */
const TEXT_WINDOW = 16 * 1024;

function prefixText(parsed: ParsedMessage, part: ParsedPart): string | null {
  const text = parsed.text(part);
  return text === null ? null : text.slice(0, TEXT_WINDOW);
}

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
};

/**
 * HTML to its visible words, for a preview only (shown as text, never as HTML, so this needs to
 * be readable, not safe): what is inside head, style and script is not text; tags go.
 */
export function htmlWords(html: string): string {
  return html
    .replace(/<!--[\s\S]*?(-->|$)/g, " ")
    .replace(/<(head|style|script|title)\b[\s\S]*?(<\/\1\s*>|$)/gi, " ")
    .replace(/<[^>]*(>|$)/g, " ")
    .replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6});/gi, (whole, name: string) => {
      if (name[0] !== "#") return ENTITIES[name.toLowerCase()] ?? whole;
      const code =
        name[1] === "x" || name[1] === "X"
          ? Number.parseInt(name.slice(2), 16)
          : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : " ";
    });
}

/** Controls, zero-widths, line separators and bidirectional overrides: never shown. */
const INVISIBLE =
  /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * One line of at most previewChars characters: whitespace collapsed, control characters and
 * quoted lines (">") left out, cut between code points, never inside a surrogate pair.
 */
export function snippet(text: string): string | null {
  const limit = POP3_STORE_LIMITS.previewChars;
  let flat = "";
  // Line by line, stopping once there is enough: a long body costs no more than a short one.
  for (const line of text.slice(0, TEXT_WINDOW).split(/\r?\n/)) {
    if (/^\s*>/.test(line)) continue;
    const clean = line.replace(INVISIBLE, " ").replace(/\s+/g, " ").trim();
    if (!clean) continue;
    flat = flat ? `${flat} ${clean}` : clean;
    // Code units: at most two per code point, so twice the limit is always enough.
    if (flat.length > limit * 2) break;
  }
  if (!flat) return null;
  const chars = Array.from(flat);
  return chars.length <= limit ? flat : `${chars.slice(0, limit).join("").trimEnd()}…`;
}

/**
 * Text in the form search compares: lower case, and LIKE's wildcards (`%`, `_`) and
 * PostgreSQL's default LIKE escape (`\\`) swapped for private-use characters, in the stored
 * text and in the words alike. Prisma's `contains` passes them through unescaped, so "100%"
 * would otherwise match "100 anything", and "_" every message.
 */
export function searchKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/%/g, "\ue000")
    .replace(/_/g, "\ue001")
    .replace(/\\/g, "\ue002");
}

/** What the search box matches, in searchKey form, one line. */
export function searchTextOf(digest: MessageDigest): string {
  const people = [...digest.from, ...digest.to].map((a) => `${a.name} ${a.address}`).join(" ");
  return searchKey(
    [digest.subject, people, digest.bodyText ?? digest.preview ?? ""]
      .join(" ")
      .replace(/\s+/g, " "),
  );
}
