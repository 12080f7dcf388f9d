import "server-only";
/**
 * The message being answered or forwarded, read whole (IMAP BODY.PEEK[] or the POP3 store; or
 * the embedded message of a message/rfc822 part) and parsed: its parties, ids and bodies for the reply, its
 * files for the forward, its bytes for forwarding as an attachment.
 */
import {
  envelopeOf,
  type ParsedEnvelope,
  type ParsedMessage,
  parseMessage,
} from "../../mail/mime/index.ts";
import type { ImapContext } from "../mail/imap-pool.ts";
import { storeFor } from "../mail/store/store-for.ts";
import type { Person } from "./recipients.ts";

export interface Original {
  bytes: Uint8Array;
  msg: ParsedMessage;
  envelope: ParsedEnvelope;
}

/** The message's bytes from wherever the account keeps mail (IMAP, or the POP3 store). */
export function fetchMessageBytes(
  context: ImapContext,
  mailbox: string,
  uid: number,
  part = "",
): Promise<Uint8Array> {
  return storeFor(context).messageBytes(mailbox, uid, part);
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
