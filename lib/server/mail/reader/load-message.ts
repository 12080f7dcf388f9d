import "server-only";
/**
 * Opening a message: one FETCH for its structure, flags and header, then one FETCH for only
 * the parts the reader shows (the body, its other alternative, a bounce's status part).
 * Attachments are listed from the structure and fetched only when downloaded.
 */
import type { FetchResult } from "../../../mail/imap/index.ts";
import { MailError } from "../../../mail/errors.ts";
import { type Address, envelopeOf, parseMessage } from "../../../mail/mime/index.ts";
import { findBySection, type MimeNode } from "../../../mail/mime/structure.ts";
import type { MessageView } from "../../../view-models/message.ts";
import { partHref } from "../../../view-models/routes.ts";
import { type ImapContext, withMailbox } from "../imap-pool.ts";
import { flagsOf } from "../summaries.ts";
import { listAttachments } from "./attachment-list.ts";
import { availableFormats, chooseBody, findDeliveryStatus, type Format } from "./body-choice.ts";
import { decodePartText } from "./decode-part.ts";
import { renderBody } from "./render-body.ts";
import { statusCard } from "./status-card.ts";

/** Text bodies beyond this are cut (with a warning) rather than fetched whole. */
const MAX_TEXT_BYTES = 4 * 1024 * 1024;

export interface LoadOptions {
  /** A message/rfc822 part to open as a message of its own; "" for the message itself. */
  section: string;
  prefer?: Format;
  /** Load remote images (through the proxy): asked for this message, or the sender is trusted. */
  remote: { always: boolean; trustedSenders: ReadonlySet<string> };
  /** Absolute origin of this app, for the frame's CSP and image URLs. */
  origin: string;
  markRead: boolean;
}

function sectionBytes(result: FetchResult, section: string): Buffer | null {
  const data = result.sections.get(section.toUpperCase())?.data;
  return Buffer.isBuffer(data) ? data : null;
}

function addresses(list: Address[]) {
  return list.map((a) => ({ name: a.name ?? "", address: a.address ?? "" }));
}

export async function loadMessage(
  context: ImapContext,
  mailbox: string,
  uid: number,
  options: LoadOptions,
): Promise<MessageView> {
  const headerSection = options.section ? `${options.section}.HEADER` : "HEADER";
  const fetched = await withMailbox(context, mailbox, async (client) => {
    const [first] = await client.fetch(
      [uid],
      { flags: true, bodyStructure: true, size: true, bodies: [{ section: headerSection }] },
      { byUid: true },
    );
    if (!first?.bodyStructure) {
      throw new MailError(
        "INVALID_INPUT",
        "This message is no longer in the folder. It may have been moved or deleted.",
      );
    }
    const root = embeddedRoot(first.bodyStructure, options.section);
    const choice = chooseBody(root, options.prefer);
    const other = choice ? chooseBody(root, choice.format === "html" ? "plain" : "html") : null;
    const status = findDeliveryStatus(root);
    const wanted = [choice?.part, status].filter((n): n is MimeNode => Boolean(n));
    const parts = wanted.length
      ? await client.fetch(
          [uid],
          {
            bodies: wanted.map((node) => ({
              section: node.section,
              ...(node.size > MAX_TEXT_BYTES
                ? { partial: { start: 0, length: MAX_TEXT_BYTES } }
                : {}),
            })),
          },
          { byUid: true },
        )
      : [];
    let flags = first.flags ?? [];
    let markedRead = false;
    if (options.markRead && !options.section && !flags.some((f) => f.toLowerCase() === "\\seen")) {
      await client.addFlags([uid], ["\\Seen"], { byUid: true, silent: true });
      flags = [...flags, "\\Seen"];
      markedRead = true;
    }
    return { first, root, choice, other, status, parts: parts[0], flags, markedRead };
  });

  const { root, choice, status, parts } = fetched;
  const header = sectionBytes(fetched.first, headerSection) ?? Buffer.alloc(0);
  const envelope = envelopeOf(parseMessage(header).headers);
  const warnings: string[] = [];
  const partText = (node: MimeNode): string => {
    const bytes = parts ? sectionBytes(parts, node.section) : null;
    if (!bytes) {
      warnings.push(`Part ${node.section} could not be fetched.`);
      return "";
    }
    if (node.size > MAX_TEXT_BYTES)
      warnings.push("This message is very long; only its beginning is shown.");
    return decodePartText(node, bytes);
  };

  const link = (section: string, disposition: "inline" | "attachment") =>
    partHref(context.account.id, mailbox, uid, section, disposition);
  const sender = envelope.from[0]?.address?.toLowerCase() ?? "";
  const remoteAllowed = options.remote.always || options.remote.trustedSenders.has(sender);
  const rendered = choice
    ? renderBody({
        choice,
        text: partText(choice.part),
        remoteAllowed,
        origin: options.origin,
        partUrl: (section) => link(section, "inline"),
      })
    : { body: { kind: "none" as const }, referencedCids: new Set<string>() };

  const shown = new Set(
    [choice?.part.section, fetched.other?.part.section].filter((s): s is string => Boolean(s)),
  );
  const attachments = listAttachments(root, shown, rendered.referencedCids).map((item) => {
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
    accountId: context.account.id,
    mailbox,
    uid,
    section: options.section,
    subject: envelope.subject ?? "",
    from: addresses(envelope.from),
    sender: addresses(envelope.sender),
    replyTo: addresses(envelope.replyTo),
    to: addresses(envelope.to),
    cc: addresses(envelope.cc),
    bcc: addresses(envelope.bcc),
    date: envelope.date ? envelope.date.toISOString() : null,
    dateRaw: envelope.dateRaw,
    flags: flagsOf(fetched.flags),
    markedRead: fetched.markedRead,
    messageId: envelope.messageId,
    body: rendered.body,
    alternatives: availableFormats(root),
    shown: choice?.format ?? "none",
    attachments,
    deliveryStatus: status ? statusCard(partText(status)) : null,
    warnings: [...new Set(warnings)],
  };
}

/** The root of the message to show: the message itself, or the one inside a message/rfc822 part. */
function embeddedRoot(root: MimeNode, section: string): MimeNode {
  if (!section) return root;
  const node = findBySection(root, section);
  const inner = node?.kind === "message" ? node.children[0] : undefined;
  if (!inner) throw new MailError("INVALID_INPUT", `Part ${section} is not an attached message.`);
  return inner;
}
