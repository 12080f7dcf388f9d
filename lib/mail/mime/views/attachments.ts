/**
 * The attachment list: every part that is not the body being shown, with what the UI needs to
 * present it safely: decoded filename as sent (display it through `safeFilename`), declared and
 * sniffed types, decoded size, Content-ID and whether the HTML body shows it inline. Inline
 * uuencoded files in text/plain bodies are listed too (Thunderbird does), with
 * `uuencoded(msg, attachment)` to get their bytes.
 */
import type { ParsedMessage } from "../message.ts";
import type { ParsedPart } from "../part.ts";
import { sniffType, typeMismatch } from "../sniff.ts";
import { findUuencodedFiles, type UuencodedFile } from "../uuencode.ts";
import { displayBody, htmlBodyPart, textBodyPart } from "./body.ts";

export interface AttachmentInfo {
  /** IMAP section of the part (for uuencoded files: of the text part that holds them). */
  section: string;
  /** Decoded filename exactly as sent, or null. Never use it as a path. */
  filename: string | null;
  /** Content-Type as declared (for uuencoded files: application/octet-stream). */
  contentType: string;
  /** Type proven by the first bytes, or null. */
  sniffedType: string | null;
  /** The first bytes contradict the declared type (an HTML page labelled image/png...). */
  typeMismatch: boolean;
  /** Decoded size in bytes, when known. */
  size: number | null;
  contentId: string | null;
  /** "attachment" when the sender said so, else "inline". */
  disposition: "inline" | "attachment";
  /** Shown inside the HTML body (cid: or Content-Location reference target). */
  inlineInBody: boolean;
  source: "part" | "uuencode";
  /** For uuencoded files: which block of the text part (0-based). */
  index: number;
  part: ParsedPart;
}

/** Parts that are shown as the body or are the body's other alternatives: not attachments. */
function bodyParts(msg: ParsedMessage): Set<ParsedPart> {
  const out = new Set<ParsedPart>();
  const display = displayBody(msg);
  if (display) out.add(display.part);
  const text = textBodyPart(msg);
  const html = htmlBodyPart(msg);
  if (text) out.add(text);
  if (html) out.add(html);
  return out;
}

function referencedByHtml(part: ParsedPart, html: string | null, related: boolean): boolean {
  if (!html || !related) return false;
  if (part.contentId && html.includes(part.contentId)) return true;
  return !!part.contentLocation && html.includes(part.contentLocation);
}

export function attachments(msg: ParsedMessage): AttachmentInfo[] {
  const skip = bodyParts(msg);
  const display = displayBody(msg);
  const html = display?.format === "html" ? display.text : null;
  const related = new Set(display?.related.byContentId.values() ?? []);
  for (const part of display?.related.byLocation.values() ?? []) related.add(part);
  const out: AttachmentInfo[] = [];
  const visit = (part: ParsedPart) => {
    if (part.kind === "multipart") {
      for (const child of part.children) visit(child);
      return;
    }
    if (skip.has(part)) {
      if (part.contentType === "text/plain") out.push(...uuencodedIn(msg, part));
      return;
    }
    // An attached message is one attachment (its inside is the viewer's business).
    const head = msg.head(part, 64);
    const sniffed = part.kind === "leaf" ? sniffType(head) : null;
    out.push({
      section: part.section,
      filename: part.filename,
      contentType: part.contentType,
      sniffedType: sniffed,
      typeMismatch: typeMismatch(part.contentType, sniffed),
      size: part.kind === "message" ? part.size : msg.decodedSize(part),
      contentId: part.contentId,
      disposition: part.disposition === "attachment" ? "attachment" : "inline",
      inlineInBody: referencedByHtml(part, html, related.has(part)),
      source: "part",
      index: 0,
      part,
    });
    if (part.kind === "leaf" && part.contentType === "text/plain")
      out.push(...uuencodedIn(msg, part));
  };
  visit(msg.root);
  return out;
}

function blocksOf(msg: ParsedMessage, part: ParsedPart): UuencodedFile[] {
  const content = msg.content(part);
  if (!content || !hasBegin(content)) return [];
  return findUuencodedFiles(content);
}

function hasBegin(bytes: Uint8Array): boolean {
  // Cheap test before a line-by-line scan: "begin " somewhere.
  let i = bytes.indexOf(0x62);
  while (i !== -1) {
    if (
      bytes[i + 1] === 0x65 &&
      bytes[i + 2] === 0x67 &&
      bytes[i + 3] === 0x69 &&
      bytes[i + 4] === 0x6e &&
      bytes[i + 5] === 0x20
    ) {
      return true;
    }
    i = bytes.indexOf(0x62, i + 1);
  }
  return false;
}

function uuencodedIn(msg: ParsedMessage, part: ParsedPart): AttachmentInfo[] {
  return blocksOf(msg, part).map((file, index) => {
    const sniffed = sniffType(file.data.subarray(0, 64));
    return {
      section: part.section,
      filename: file.name,
      contentType: "application/octet-stream",
      sniffedType: sniffed,
      typeMismatch: false,
      size: file.data.length,
      contentId: null,
      disposition: "attachment",
      inlineInBody: false,
      source: "uuencode",
      index,
      part,
    };
  });
}

/** The decoded bytes of an attachment (null when a stream parse did not keep them). */
export function attachmentContent(
  msg: ParsedMessage,
  attachment: AttachmentInfo,
): Uint8Array | null {
  if (attachment.source === "part") return msg.content(attachment.part);
  return blocksOf(msg, attachment.part)[attachment.index]?.data ?? null;
}
