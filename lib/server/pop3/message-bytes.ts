/**
 * A POP3 message's bytes for the reader (body, attachments, source, route): from the store
 * when kept, else RETR once (joining a check's session if one is open) and kept from then on.
 */
import { getDb } from "../../db/client.ts";
import { connectPop3Account } from "./account-connect.ts";
import { sharedSession } from "./account-session.ts";
import { downloadMessage } from "./message-download.ts";
import { readMessageFile } from "./message-files.ts";
import { Pop3StoreError } from "./pop3-store-error.ts";

export async function pop3MessageBytes(accountId: string, id: number): Promise<Buffer> {
  const db = await getDb();
  const find = () =>
    db.pop3Message.findFirst({
      where: { accountId, id, deletedAt: null },
      select: { id: true, uidl: true, stored: true, onServer: true },
    });
  const row = await find();
  if (!row) throw new Pop3StoreError("MESSAGE_NOT_FOUND", `No message ${id} in this account`);
  if (row.stored) {
    const kept = await readMessageFile(accountId, id);
    if (kept) return kept;
    // Marked kept but the file is gone (a data directory restored without pop3/): fetch again.
  }
  if (row.uidl === null || !row.onServer) {
    throw new Pop3StoreError("MESSAGE_GONE", `Message ${id} is neither kept nor on the server`);
  }
  const uidl = row.uidl;
  return sharedSession(accountId, connectPop3Account, async (session) => {
    // Another request may have downloaded it while this one waited for the session.
    const again = await find();
    if (!again) throw new Pop3StoreError("MESSAGE_NOT_FOUND", `Message ${id} was deleted`);
    if (again.stored) {
      const kept = await readMessageFile(accountId, id);
      if (kept) return kept;
    }
    const bytes = await downloadMessage(db, session, accountId, { id, uidl });
    if (!bytes) {
      throw new Pop3StoreError("MESSAGE_GONE", `The server no longer has message ${id}`);
    }
    return bytes;
  });
}
