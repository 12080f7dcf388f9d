/**
 * A gathered message → the reading pane's data: decoded header fields, the body rendered
 * (sanitized HTML in the frame document, or plain-text blocks), attachments from the
 * structure, a bounce's status card. Pure CPU work, done after the mail connection is free.
 */
import {
  fromDomainAuthenticated,
  type TrustedAuthservIds,
  trustedAuthenticationResults,
} from "../../../mail/headers/index.ts";
import { type Address, envelopeOf } from "../../../mail/mime/index.ts";
import type { MimeNode } from "../../../mail/mime/structure.ts";
import type { MessageView } from "../../../view-models/message.ts";
import { partHref } from "../../../view-models/routes.ts";
import { flagsOf } from "../summaries.ts";
import { listAttachments } from "./attachment-list.ts";
import { availableFormats } from "./body-choice.ts";
import { decodePartText } from "./decode-part.ts";
import type { GatheredMessage } from "./gather.ts";
import { MAX_TEXT_BYTES } from "./gather.ts";
import { renderBody } from "./render-body.ts";
import { statusCard } from "./status-card.ts";

const MAX_LISTED_ATTACHMENTS = 100;

export interface ViewContext {
  accountId: string;
  mailbox: string;
  uid: number;
  section: string;
  /**
   * Load remote images (through the proxy): asked for this message, or the sender is trusted
   * and the account's server authenticated the From domain (whose results: trustedAuthservIds).
   */
  remote: {
    always: boolean;
    trustedSenders: ReadonlySet<string>;
    trustedAuthservIds: TrustedAuthservIds;
  };
  /** Absolute origin of this app, for the frame's CSP and image URLs. */
  origin: string;
}

function addresses(list: Address[]) {
  return list.map((a) => ({ name: a.name ?? "", address: a.address ?? "" }));
}

export function messageView(gathered: GatheredMessage, view: ViewContext): MessageView {
  const { root, choice, status, partBytes } = gathered;
  const envelope = envelopeOf(gathered.headers);
  const warnings: string[] = [];
  const partText = (node: MimeNode): string => {
    const bytes = partBytes.get(node.section);
    if (!bytes) {
      warnings.push(`Part ${node.section} could not be fetched.`);
      return "";
    }
    if (node.size > MAX_TEXT_BYTES)
      warnings.push("This message is very long; only its beginning is shown.");
    return decodePartText(node, bytes);
  };
  const link = (section: string, disposition: "inline" | "attachment") =>
    partHref(view.accountId, view.mailbox, view.uid, section, disposition);
  const sender = envelope.from[0]?.address?.toLowerCase() ?? "";
  // A From address is only words: "always for this sender" holds when the receiving side
  // vouched for its domain, so a forged From cannot switch remote loading on.
  const trustedSender = view.remote.trustedSenders.has(sender);
  const senderVerified =
    trustedSender &&
    fromDomainAuthenticated(
      trustedAuthenticationResults(gathered.headers.fields, view.remote.trustedAuthservIds),
      sender,
    );
  const remoteAllowed = view.remote.always || senderVerified;
  const rendered = choice
    ? renderBody({
        choice,
        text: partText(choice.part),
        remoteAllowed,
        origin: view.origin,
        partUrl: (section) => link(section, "inline"),
      })
    : { body: { kind: "none" as const }, referencedCids: new Set<string>() };

  const shown = new Set(
    [choice?.part.section, gathered.other?.part.section].filter((s): s is string => Boolean(s)),
  );
  const listed = listAttachments(root, shown, rendered.referencedCids);
  // A message can carry thousands of parts; the pane lists a readable number, the zip has all.
  const attachments = listed.slice(0, MAX_LISTED_ATTACHMENTS).map((item) => {
    const raster = /^image\/(png|jpeg|gif|webp)$/.test(item.node.contentType);
    return {
      section: item.node.section,
      filename: item.filename,
      contentType: item.node.contentType,
      size: item.size,
      inline: item.inline,
      isImage: raster,
      isMessage: item.node.kind === "message",
      downloadHref: link(item.node.section, "attachment"),
      previewHref: raster ? link(item.node.section, "inline") : null,
    };
  });

  return {
    accountId: view.accountId,
    mailbox: view.mailbox,
    uid: view.uid,
    section: view.section,
    subject: envelope.subject ?? "",
    from: addresses(envelope.from),
    sender: addresses(envelope.sender),
    replyTo: addresses(envelope.replyTo),
    to: addresses(envelope.to),
    cc: addresses(envelope.cc),
    bcc: addresses(envelope.bcc),
    date: envelope.date ? envelope.date.toISOString() : null,
    dateRaw: envelope.dateRaw,
    flags: flagsOf(gathered.flags),
    markedRead: gathered.markedRead,
    messageId: envelope.messageId,
    body: rendered.body,
    alternatives: availableFormats(root),
    shown: choice?.format ?? "none",
    attachments,
    moreAttachments: Math.max(0, listed.length - MAX_LISTED_ATTACHMENTS),
    deliveryStatus: status ? statusCard(partText(status)) : null,
    senderUnverified: trustedSender && !senderVerified,
    warnings: [...new Set(warnings)],
  };
}
