import "server-only";
import { getDb } from "../../db/client.ts";
import type { MailAccount } from "../../generated/prisma-sqlite/client.ts";
import { ownedAccount } from "../accounts/account-store.ts";
import { currentSession } from "../auth/current-session.ts";
import type { SessionInfo } from "../auth/session-store.ts";
import type { ImapContext } from "../mail/imap-pool.ts";

/** Why an action or route refused before touching any mail. */
export class AccessError extends Error {
  constructor(
    readonly code: "UNAUTHENTICATED" | "NOT_FOUND",
    message: string,
  ) {
    super(message);
    this.name = "AccessError";
  }
}

export interface MailContext extends ImapContext {
  session: SessionInfo;
  account: MailAccount;
}

/**
 * The signed-in session and one of its person's accounts. Every server action and route
 * handler that touches mail starts here: no session, or an account id that belongs to someone
 * else, stops the request before any server is contacted.
 */
export async function mailContext(accountId?: string): Promise<MailContext> {
  const session = await currentSession();
  if (!session) throw new AccessError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
  const db = await getDb();
  const account = await ownedAccount(db, session.userId, accountId ?? session.accountId);
  if (!account) throw new AccessError("NOT_FOUND", "That account is not one of yours.");
  return { session, account, sessionId: session.sessionId };
}
