/**
 * Removing a POP3 account removes everything Letterbox kept for it: rows (messages, folders,
 * policy and state) and the downloaded bytes. The store's tables have no relation to
 * MailAccount (so they stay out of the other models), which is why this is done here, by hand.
 * Stored credentials live on the MailAccount row, which its owner deletes.
 */
import { getDb } from "../../db/client.ts";
import { withAccountLock } from "./account-session.ts";
import { removeAccountFiles } from "./message-files.ts";
import { schedulePop3Checks } from "./scheduler.ts";

export async function purgePop3Data(accountId: string): Promise<void> {
  schedulePop3Checks(accountId, null);
  // After any running session of the account: a check half way through would otherwise write
  // rows and files back after they were removed.
  await withAccountLock(accountId, async () => {
    const db = await getDb();
    await db.$transaction([
      db.pop3Message.deleteMany({ where: { accountId } }),
      db.pop3Folder.deleteMany({ where: { accountId } }),
      db.pop3Account.deleteMany({ where: { accountId } }),
    ]);
    await removeAccountFiles(accountId);
  });
}
