import "server-only";
/**
 * The message being answered or forwarded, read whole from IMAP (BODY.PEEK[], or the embedded
 * message of a message/rfc822 part) and parsed: its parties, ids and bodies for the reply, its
 * files for the forward, its bytes for forwarding as an attachment.
 */
import { MailError } from "../../mail/errors.ts";
import {
  envelopeOf,
  type ParsedEnvelope,
  type ParsedMessage,
  parseMessage,
} from "../../mail/mime/index.ts";
import { type ImapContext, withMailbox } from "../mail/imap-pool.ts";
import type { Person } from "./recipients.ts";

export interface Original {
  bytes: Uint8Array;
  msg: ParsedMessage;
  envelope: ParsedEnvelope;
}

export async function fetchMessageBytes(
  context: ImapContext,
  mailbox: string,
  uid: number,
  part = "",
): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  await withMailbox(context, mailbox, (client) =>
    client.download(uid, { section: part }, (chunk) => {
      chunks.push(chunk);
    }),
  );
  const bytes = Buffer.concat(chunks);
  if (bytes.length === 0) {
    throw new MailError(
      "INVALID_INPUT",
      "This message is no longer in the folder. It may have been moved or deleted.",
    );
  }
  return bytes;
}

export async function loadOriginal(
  context: ImapContext,
  origin: { mailbox: string; uid: number; part: string },
): Promise<Original> {
  const bytes = await fetchMessageBytes(context, origin.mailbox, origin.uid, origin.part);
  const msg = parseMessage(bytes);
  return { bytes, msg, envelope: envelopeOf(msg.headers) };
}

export function people(list: ReadonlyArray<{ name: string; address: string }>): Person[] {
  return list.map((a) => ({ name: a.name ?? "", address: a.address ?? "" }));
}
