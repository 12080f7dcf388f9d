/**
 * Builds what Letterbox sends or saves: headers, body tree, envelope and flags, from a
 * MessageSpec. Building validates everything and encodes the text bodies; attachments are read
 * and encoded only while the message is streamed, so the whole message is never in memory
 * unless `collectMessage` is asked for it.
 */
import { MailError } from "../../errors.ts";
import { resolveMailbox } from "./address-format.ts";
import { bodyTree, transferEncodings } from "./body-tree.ts";
import { randomBytes } from "./boundary.ts";
import { formatDate } from "./date-header.ts";
import { makeEnvelope } from "./envelope.ts";
import { messageHeaders, resolveParties } from "./message-headers.ts";
import { generateMessageId, normalizeMessageId } from "./message-id.ts";
import { assignBoundaries, treeSize, writeTree } from "./mime-tree-writer.ts";
import type { BuildOptions, BuiltMessage, MessageSpec } from "./types.ts";

function checkSpec(spec: MessageSpec): void {
  if (typeof spec !== "object" || spec === null)
    throw new MailError("INVALID_INPUT", "no message to build");
}

/** Validates and lays out a message; attachments are not read. */
export function buildMessage(spec: MessageSpec, options: BuildOptions = {}): BuiltMessage {
  checkSpec(spec);
  const transport = options.transport ?? {};
  const eightBitMime = transport.eightBitMime === true;
  const smtpUtf8 = transport.smtpUtf8 === true;
  const binaryMime = transport.binaryMime === true;
  const random = options.random ?? randomBytes;

  const parties = resolveParties(spec, smtpUtf8);
  const envelopeFrom = options.envelopeFrom
    ? resolveMailbox(options.envelopeFrom, "envelope sender", smtpUtf8)
    : (parties.sender ?? parties.from);

  let messageId: string;
  if (spec.messageId !== undefined) messageId = normalizeMessageId(spec.messageId, "Message-ID");
  else {
    const domain = options.messageIdDomain ?? parties.from.asciiDomain;
    messageId = normalizeMessageId(generateMessageId(domain, random), "Message-ID");
  }
  const date = formatDate(spec.date ?? new Date(), options.timeZoneOffsetMinutes ?? 0);
  const headers = messageHeaders(spec, parties, { messageId, date });

  const tree = bodyTree(spec, { eightBitMime, binaryMime });
  assignBoundaries(tree, random);
  const encodings = transferEncodings(tree);
  const everyone = [
    parties.from,
    parties.sender,
    envelopeFrom,
    ...parties.to,
    ...parties.cc,
    ...parties.bcc,
    ...parties.replyTo,
  ];

  return {
    messageId,
    envelope: makeEnvelope(envelopeFrom.address, [...parties.to, ...parties.cc, ...parties.bcc]),
    size: treeSize(tree, headers),
    needs8BitMime: encodings.includes("8bit"),
    needsSmtpUtf8: everyone.some((mailbox) => mailbox?.smtpUtf8 === true),
    needsBinaryMime: encodings.includes("binary"),
    stream: { [Symbol.asyncIterator]: () => writeTree(tree, headers) },
  };
}

/** The whole message in one buffer (for IMAP APPEND of a draft, or tests). */
export async function collectMessage(message: BuiltMessage): Promise<Uint8Array> {
  const out = new Uint8Array(message.size);
  let at = 0;
  for await (const chunk of message.stream) {
    if (at + chunk.length > out.length) {
      throw new MailError("INVALID_INPUT", "the message came out longer than its computed size");
    }
    out.set(chunk, at);
    at += chunk.length;
  }
  if (at !== out.length)
    throw new MailError("INVALID_INPUT", "the message came out shorter than its computed size");
  return out;
}

/** buildMessage + collectMessage. */
export async function buildMessageBytes(
  spec: MessageSpec,
  options: BuildOptions = {},
): Promise<BuiltMessage & { bytes: Uint8Array }> {
  const message = buildMessage(spec, options);
  return { ...message, bytes: await collectMessage(message) };
}
