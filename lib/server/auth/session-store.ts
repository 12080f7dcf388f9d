/**
 * Server-side sessions. The browser holds a random 256-bit token in an httpOnly cookie; the
 * database holds only its SHA-256, the expiry and the account. Expiry slides with use (a week
 * idle ends it) but never past an absolute age, so a stolen token used now and then does not
 * live for ever; the cookie is written once, at sign-in, to last exactly that long.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../../db/client.ts";

export const SESSION_IDLE_MS = 7 * 24 * 60 * 60 * 1000;
export const SESSION_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
/** Refresh lastSeen/expiry at most this often, so reads don't turn into writes. */
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

export interface SessionInfo {
  sessionId: string;
  userId: string;
  accountId: string;
  expiresAt: Date;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/**
 * A new session; `expiresAt` is when the browser should forget the token (the absolute age).
 * Signing in is also when rows nobody will present again are swept.
 */
export async function createSession(
  db: Db,
  userId: string,
  accountId: string,
): Promise<{ token: string; expiresAt: Date }> {
  await deleteExpiredSessions(db);
  const token = randomBytes(32).toString("base64url");
  const now = Date.now();
  await db.session.create({
    data: {
      id: hashToken(token),
      userId,
      accountId,
      createdAt: new Date(now),
      expiresAt: new Date(now + SESSION_IDLE_MS),
    },
  });
  return { token, expiresAt: new Date(now + SESSION_MAX_AGE_MS) };
}

export async function findSession(db: Db, token: string | undefined): Promise<SessionInfo | null> {
  if (!token || token.length > 200) return null;
  const id = hashToken(token);
  const row = await db.session.findUnique({ where: { id } });
  if (!row) return null;
  const now = Date.now();
  if (row.expiresAt.getTime() <= now) {
    await db.session.deleteMany({ where: { id } });
    return null;
  }
  let expiresAt = row.expiresAt;
  if (now - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    expiresAt = new Date(
      Math.min(now + SESSION_IDLE_MS, row.createdAt.getTime() + SESSION_MAX_AGE_MS),
    );
    await db.session.update({ where: { id }, data: { lastSeenAt: new Date(now), expiresAt } });
  }
  return { sessionId: id, userId: row.userId, accountId: row.accountId, expiresAt };
}

/** Whether a session still exists, unexpired, and may still use this account. */
export async function sessionStillHolds(
  db: Db,
  sessionId: string,
  accountId: string,
): Promise<boolean> {
  const row = await db.session.findUnique({
    where: { id: sessionId },
    select: { expiresAt: true, user: { select: { accounts: { where: { id: accountId } } } } },
  });
  return row !== null && row.expiresAt.getTime() > Date.now() && row.user.accounts.length > 0;
}

export async function switchSessionAccount(db: Db, sessionId: string, accountId: string) {
  await db.session.update({ where: { id: sessionId }, data: { accountId } });
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.session.deleteMany({ where: { id: sessionId } });
}

export async function deleteExpiredSessions(db: Db): Promise<number> {
  const { count } = await db.session.deleteMany({ where: { expiresAt: { lte: new Date() } } });
  return count;
}
