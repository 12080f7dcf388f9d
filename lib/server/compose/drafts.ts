import "server-only";
/**
 * Drafts live in the account's Drafts folder (RFC 6154 \Drafts), so they open on any browser
 * and in any other mail program. Saving appends the new version (\Draft, \Seen) and then
 * removes the one it replaces; the composer keeps the new UID.
 */
import { MailError } from "../../mail/errors.ts";
import type { ImapClient } from "../../mail/imap/index.ts";
import { type ImapContext, withImap, withMailbox } from "../mail/imap-pool.ts";
import { specialFolder } from "../mail/message-actions.ts";

async function expungeUid(client: ImapClient, uid: number): Promise<void> {
  await client.store([uid], "add", ["\\Deleted"], { byUid: true, silent: true });
  // UID EXPUNGE removes this message only, not others someone marked \Deleted (RFC 4315).
  if (client.capabilities.has("UIDPLUS")) await client.uidExpunge([uid]);
  else await client.expunge();
}

/** Append a draft; returns its UID in Drafts (from APPENDUID, else found by Message-ID). */
export async function appendDraft(
  context: ImapContext,
  bytes: Uint8Array,
  messageId: string,
  replaces: number | null,
): Promise<{ uid: number; mailbox: string }> {
  const drafts = await specialFolder(context, "drafts");
  const appended = await withImap(context, (client) =>
    client.append(drafts, bytes, { flags: ["\\Draft", "\\Seen"] }),
  );
  let uid = appended.uid;
  if (uid === null) {
    const found = await withMailbox(context, drafts, (client) =>
      client.search({ header: ["Message-ID", messageId] }, { byUid: true }),
    );
    uid = Math.max(0, ...found.ids) || null;
  }
  if (uid === null)
    throw new MailError("IMAP_NO", "The draft was saved but could not be found again.");
  if (replaces !== null && replaces !== uid) {
    // The new version is safe first; a failure to remove the old one leaves two, never none.
    await removeDraft(context, replaces).catch((error: unknown) =>
      console.error("letterbox: could not remove the previous draft", error),
    );
  }
  return { uid, mailbox: drafts };
}

export async function removeDraft(context: ImapContext, uid: number): Promise<void> {
  const drafts = await specialFolder(context, "drafts");
  await withMailbox(context, drafts, (client) => expungeUid(client, uid));
}
