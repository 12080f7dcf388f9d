import "server-only";
/**
 * Opening an IMAP message: one FETCH for its structure, flags and header, one for only the
 * parts shown, while holding the session's connection; the rendering happens after.
 */
import type { MessageView } from "../../../view-models/message.ts";
import { type ImapContext, withMailbox } from "../imap-pool.ts";
import type { Format } from "./body-choice.ts";
import { gatherMessage } from "./gather.ts";
import { imapAccess } from "./imap-access.ts";
import { messageView, type ViewContext } from "./message-view.ts";

export interface LoadOptions {
  section: string;
  prefer?: Format;
  remote: ViewContext["remote"];
  origin: string;
  markRead: boolean;
}

export async function loadMessage(
  context: ImapContext,
  mailbox: string,
  uid: number,
  options: LoadOptions,
): Promise<MessageView> {
  const gathered = await withMailbox(context, mailbox, (client) =>
    gatherMessage(imapAccess(client, uid), options),
  );
  return messageView(gathered, {
    accountId: context.account.id,
    mailbox,
    uid,
    section: options.section,
    remote: options.remote,
    origin: options.origin,
  });
}
