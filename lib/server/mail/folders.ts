import "server-only";
import type { FolderView } from "../../view-models/mailbox.ts";
import { orderFolders } from "./folder-order.ts";
import { type ImapContext, withImap } from "./imap-pool.ts";

/** Every mailbox of the account with its counts (one LIST-STATUS round trip where offered). */
export async function listFolders(context: ImapContext): Promise<FolderView[]> {
  const entries = await withImap(context, async (client) => {
    // STATUS of the selected mailbox may be stale until the session syncs (RFC 3501 6.3.10):
    // a NOOP first brings in what arrived meanwhile.
    if (client.mailbox) await client.noop();
    return client.list({ status: ["MESSAGES", "UNSEEN"] });
  });
  return orderFolders(
    context.account.id,
    entries.map((e) => ({
      path: e.name,
      delimiter: e.delimiter,
      specialUse: e.specialUse,
      selectable: e.selectable,
      total: e.status?.messages ?? null,
      unread: e.status?.unseen ?? null,
    })),
  );
}
