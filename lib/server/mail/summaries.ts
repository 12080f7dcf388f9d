/**
 * From the IMAP client's message summaries to the list's rows. Pure, so the rules (which
 * flags mean what, what counts as "has attachments") are tested without a server.
 */
import type { MessageSummary as ImapSummary } from "../../mail/imap/index.ts";
import type { MimeNode } from "../../mail/mime/structure.ts";
import type { AddressView, MessageFlags, MessageSummary } from "../../view-models/mailbox.ts";

export function flagsOf(flags: readonly string[]): MessageFlags {
  const set = new Set(flags.map((f) => f.toLowerCase()));
  return {
    seen: set.has("\\seen"),
    flagged: set.has("\\flagged"),
    answered: set.has("\\answered"),
    forwarded: set.has("$forwarded"),
    draft: set.has("\\draft"),
  };
}

/**
 * A message "has attachments" when some part is meant to be saved rather than read: an
 * explicit attachment disposition, or a named non-text part outside multipart/related (inline
 * images of an HTML newsletter are not attachments to anyone reading it).
 */
export function hasAttachments(node: MimeNode | null, insideRelated = false): boolean {
  if (!node) return false;
  if (node.kind === "multipart") {
    const related = insideRelated || node.contentType === "multipart/related";
    return node.children.some((child) => hasAttachments(child, related));
  }
  if (node.disposition === "attachment") return true;
  if (node.kind === "message") return node.section !== "1" && node.section !== "";
  if (insideRelated) return false;
  return Boolean(node.filename) && !node.contentType.startsWith("text/");
}

function addresses(list: { name: string | null; address: string }[]): AddressView[] {
  return list.map((a) => ({ name: a.name ?? "", address: a.address }));
}

export function toSummary(message: ImapSummary): MessageSummary {
  const envelope = message.envelope;
  const date = envelope?.date ?? message.internalDate ?? new Date(0);
  return {
    uid: message.uid,
    flags: flagsOf(message.flags),
    from: addresses(envelope?.from ?? []),
    to: addresses(envelope?.to ?? []),
    subject: envelope?.subject ?? "",
    date: date.toISOString(),
    size: message.size,
    hasAttachments: hasAttachments(message.bodyStructure),
    preview: message.preview,
  };
}
