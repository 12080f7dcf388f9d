import "server-only";
/**
 * Drafts live in the account's Drafts folder (RFC 6154 \\Drafts on IMAP, so they open on any
 * browser and in any other mail program; Letterbox's own Drafts for a POP3 account). Saving
 * stores the new version (\\Draft, \\Seen) and then removes the one it replaces; the composer
 * keeps the new uid.
 */
import type { ImapContext } from "../mail/imap-pool.ts";
import { storeFor } from "../mail/store/store-for.ts";

/** Store a draft; returns its uid in Drafts. */
export async function appendDraft(
  context: ImapContext,
  bytes: Uint8Array,
  messageId: string,
  replaces: number | null,
): Promise<{ uid: number; mailbox: string }> {
  const store = storeFor(context);
  const drafts = await store.specialFolder("drafts");
  const uid = await store.append(drafts, bytes, ["\\Draft", "\\Seen"], messageId);
  if (replaces !== null && replaces !== uid) {
    // The new version is safe first; a failure to remove the old one leaves two, never none.
    await store
      .removeForGood(drafts, replaces)
      .catch((error: unknown) =>
        console.error("letterbox: could not remove the previous draft", error),
      );
  }
  return { uid, mailbox: drafts };
}

export async function removeDraft(context: ImapContext, uid: number): Promise<void> {
  const store = storeFor(context);
  await store.removeForGood(await store.specialFolder("drafts"), uid);
}
