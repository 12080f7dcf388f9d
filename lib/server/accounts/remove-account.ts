import "server-only";
/**
 * Removing an account: its stored password, the person's other signed-in browsers, its cached
 * mail (POP3 store), and the open connections to it. The person's other accounts stay; removing the last
 * one is refused (that is signing out, not removing).
 */
import type { Db } from "../../db/client.ts";
import { MailError } from "../../mail/errors.ts";
import { closeAccountConnections, closeSessionConnections } from "../mail/imap-pool.ts";
import { purgeAccountCaches } from "./account-caches.ts";

export async function removeAccount(
  db: Db,
  userId: string,
  accountId: string,
  currentSessionId: string,
): Promise<void> {
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
  // Any linked account's password opens the whole set, so whoever knew the removed one may be
  // signed in elsewhere: every other browser of the person is signed out. This one stays,
  // moved off the account if it was looking at it (the row would be deleted with it).
  const others = await db.session.findMany({
    where: { userId, id: { not: currentSessionId } },
    select: { id: true },
  });
  await db.session.deleteMany({ where: { userId, id: { not: currentSessionId } } });
  await Promise.all(others.map((o) => closeSessionConnections(o.id)));
  await db.session.updateMany({
    where: { id: currentSessionId, accountId },
    data: { accountId: remaining[0]!.id },
  });
  await closeAccountConnections(accountId);
  await purgeAccountCaches(accountId);
  await db.mailAccount.delete({ where: { id: accountId } });
}
