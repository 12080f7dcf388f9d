import "server-only";
/**
 * Removing an account: its stored password, its sessions' use of it, its cached mail (POP3
 * store), and the open connections to it. The person's other accounts stay; removing the last
 * one is refused (that is signing out, not removing).
 */
import type { Db } from "../../db/client.ts";
import { MailError } from "../../mail/errors.ts";
import { closeAccountConnections } from "../mail/imap-pool.ts";
import { purgeAccountCaches } from "./account-caches.ts";

export async function removeAccount(db: Db, userId: string, accountId: string): Promise<void> {
  const accounts = await db.mailAccount.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
  });
  const target = accounts.find((a) => a.id === accountId);
  if (!target) throw new MailError("INVALID_INPUT", "That account is not one of yours.");
  const remaining = accounts.filter((a) => a.id !== accountId);
  if (remaining.length === 0) {
    throw new MailError(
      "INVALID_INPUT",
      "This is your only account. Sign out instead of removing it.",
    );
  }
  // Sessions signed in with this account move to another one of the person's accounts
  // (the session row references the account and would otherwise be deleted with it).
  await db.session.updateMany({
    where: { userId, accountId },
    data: { accountId: remaining[0]!.id },
  });
  await closeAccountConnections(accountId);
  await purgeAccountCaches(accountId);
  await db.mailAccount.delete({ where: { id: accountId } });
}
