/**
 * A check of a POP3 account: log in, UIDL + LIST, reconcile with the stored rows, TOP the new
 * messages, DELE what the policy says, QUIT. One at a time per account: a check asked for
 * while one runs gets that one's result.
 *
 * Failures the server means as "not now" ([IN-USE], [LOGIN-DELAY], [SYS/TEMP], RFC 2449
 * section 8 and RFC 3206) are results, not exceptions: they are recorded with the time before
 * which the schedule will not try again, and announced to live listeners in words.
 */
import type { Db } from "../../db/client.ts";
import { getDb } from "../../db/client.ts";
import { isMailError, type MailError } from "../../mail/errors.ts";
import type { MessageUid } from "../../mail/pop3/index.ts";
import type { UserFacingError } from "../mail/describe-error.ts";
import { connectPop3Account } from "./account-connect.ts";
import { exclusiveSession, type OwnedPop3Session } from "./account-session.ts";
import { bumpRevision, type Pop3Policy, readAccountState } from "./account-state.ts";
import { describeLoginDelay, describePop3Problem } from "./describe-problem.ts";
import { addFreshMessages, SessionLost } from "./fresh-messages.ts";
import { POP3_SCHEDULE } from "./limits.ts";
import { removeMessageFiles } from "./message-files.ts";
import { emitPop3Change } from "./pop3-events.ts";
import { Pop3StoreError } from "./pop3-store-error.ts";
import { deleteOnServer } from "./server-deletions.ts";
import { type KnownRow, planSync } from "./sync-plan.ts";

export type Pop3CheckReason = "schedule" | "manual" | "deletion";

export interface Pop3CheckResult {
  /** Messages new to Letterbox (rows added), even when the check failed part way. */
  newMessages: number;
  /** Messages the server removed at our QUIT. */
  deleted: number;
  /** Messages the policy would delete but that stay on the server (too large, refused). */
  skipped: number;
  /** Why the check failed, in words for people. */
  error?: UserFacingError;
  /** Set when the check did not log in because of an earlier answer ([LOGIN-DELAY], back-off). */
  postponedUntil?: Date;
}

/** Sessions a check may open in a row when a message makes the client drop one (header bombs). */
const MAX_SESSIONS = 4;

const holder = globalThis as unknown as {
  __letterboxPop3Checks?: Map<string, Promise<Pop3CheckResult>>;
};
holder.__letterboxPop3Checks ??= new Map();
const inFlight = holder.__letterboxPop3Checks;

export function checkPop3(
  accountId: string,
  options: { reason: Pop3CheckReason } = { reason: "manual" },
): Promise<Pop3CheckResult> {
  const running = inFlight.get(accountId);
  if (running) return running;
  const run = runCheck(accountId, options.reason).finally(() => inFlight.delete(accountId));
  inFlight.set(accountId, run);
  return run;
}

async function runCheck(accountId: string, reason: Pop3CheckReason): Promise<Pop3CheckResult> {
  const db = await getDb();
  const state = await readAccountState(db, accountId);
  const policy: Pop3Policy = {
    leaveOnServer: state.leaveOnServer,
    deleteAfterDays: state.deleteAfterDays,
    deleteWhenDeletedHere: state.deleteWhenDeletedHere,
  };
  const started = new Date();
  if (state.notBefore && state.notBefore > started) {
    const loginDelay =
      state.lastErrorCode === "POP3_LOGIN_DELAY" ||
      (state.lastErrorCode === null && state.loginDelaySeconds !== null);
    if (loginDelay) {
      // RFC 2449 section 8.1.1: a login before the delay is over is refused (and some servers
      // start the delay again), so not even a person's own check goes ahead.
      return {
        newMessages: 0,
        deleted: 0,
        skipped: 0,
        postponedUntil: state.notBefore,
        error: { code: "POP3_LOGIN_DELAY", message: describeLoginDelay(state.loginDelaySeconds) },
      };
    }
    // A back-off after [IN-USE] or a failure holds for the schedule; a person may try now.
    if (reason !== "manual") {
      return { newMessages: 0, deleted: 0, skipped: 0, postponedUntil: state.notBefore };
    }
  }
  const progress = { newMessages: 0 };
  const result: Pop3CheckResult = { newMessages: 0, deleted: 0, skipped: 0 };
  let failure: MailError | undefined;
  let loginDelaySeconds = state.loginDelaySeconds;
  for (let attempt = 1; ; attempt++) {
    try {
      const outcome = await exclusiveSession(accountId, connectPop3Account, (session) => {
        loginDelaySeconds = session.client.capabilities.loginDelay ?? loginDelaySeconds;
        return syncSession(db, session, accountId, policy, progress);
      });
      result.deleted += outcome.deleted;
      result.skipped += outcome.skipped;
      break;
    } catch (error) {
      if (error instanceof SessionLost && attempt < MAX_SESSIONS) continue;
      const cause = error instanceof SessionLost ? error.reason : error;
      if (!isMailError(cause)) {
        await record(db, accountId, { code: "INTERNAL", text: String(cause) }, null, null);
        throw cause;
      }
      failure = cause;
      break;
    }
  }
  result.newMessages = progress.newMessages;
  if (failure instanceof Pop3StoreError && failure.problem === "NOT_POP3_ACCOUNT") {
    // No such account (removed meanwhile): nothing to record, no row to bring back.
    result.error = describePop3Problem(failure);
    return result;
  }
  if (failure) {
    result.error = describePop3Problem(failure, { loginDelaySeconds });
    const text = "text" in failure ? String(failure.text) : failure.message;
    await record(
      db,
      accountId,
      { code: failure.code, text },
      retryAfter(failure, loginDelaySeconds),
      loginDelaySeconds,
    );
  } else {
    // A server that announces LOGIN-DELAY refuses the next login before it is over.
    const wait = loginDelaySeconds ? loginDelaySeconds * 1000 : null;
    await record(db, accountId, null, wait, loginDelaySeconds);
  }
  emitPop3Change({ accountId, kind: "check", folders: [], problem: result.error });
  return result;
}

/** How long the schedule waits after this failure. */
function retryAfter(error: MailError, loginDelaySeconds: number | null): number {
  if (error.code === "POP3_LOGIN_DELAY") {
    return loginDelaySeconds ? loginDelaySeconds * 1000 : POP3_SCHEDULE.loginDelayFallbackMs;
  }
  if (error.code === "POP3_IN_USE") return POP3_SCHEDULE.inUseRetryMs;
  if (error.transient) return POP3_SCHEDULE.transientRetryMs;
  // A refused password or a broken setting: trying every few minutes only fills server logs
  // (and may lock the account); a person's manual check or a settings change comes first.
  return POP3_SCHEDULE.failureRetryMs;
}

async function record(
  db: Db,
  accountId: string,
  failure: { code: string; text: string } | null,
  waitMs: number | null,
  loginDelaySeconds: number | null,
): Promise<void> {
  const now = new Date();
  const data = {
    lastCheckAt: now,
    ...(failure ? {} : { lastSuccessAt: now }),
    lastErrorCode: failure?.code ?? null,
    lastErrorText: failure?.text.slice(0, 500) ?? null,
    notBefore: waitMs === null ? null : new Date(now.getTime() + waitMs),
    loginDelaySeconds,
  };
  await db.pop3Account.upsert({
    where: { accountId },
    create: { accountId, ...data },
    update: data,
  });
}

async function syncSession(
  db: Db,
  session: OwnedPop3Session,
  accountId: string,
  policy: Pop3Policy,
  progress: { newMessages: number },
) {
  const { client } = session;
  let uidls: MessageUid[];
  try {
    uidls = await client.uidl();
  } catch (error) {
    if (isMailError(error) && error.code === "POP3_ERR" && !client.closed) {
      throw new Pop3StoreError("NO_UIDL", "The server refused UIDL", { cause: error });
    }
    throw error;
  }
  const sizes = new Map((await client.list()).map((m) => [m.id, m.size]));
  const listing = uidls.map((u) => ({ number: u.id, uidl: u.uid, size: sizes.get(u.id) ?? 0 }));
  session.adoptListing(new Map(listing.map((e) => [e.uidl, e.number])));

  const rows = await db.pop3Message.findMany({
    where: { accountId, uidl: { not: null } },
    select: {
      id: true,
      uidl: true,
      folder: true,
      deletedAt: true,
      deleteFromServer: true,
      stored: true,
      firstSeenAt: true,
      onServer: true,
    },
  });
  const plan = planSync(listing, rows as KnownRow[], policy, new Date());
  await reconcile(db, accountId, plan, rows);

  const inserted = await addFreshMessages(db, session, accountId, plan.fresh, progress);
  const deletions = [
    ...plan.deletions,
    ...(plan.deleteFresh
      ? inserted.map((m) => ({ ...m, tombstone: false, download: !m.stored }))
      : []),
  ];
  if (deletions.length === 0) return { deleted: 0, skipped: 0 };
  return deleteOnServer(db, session, accountId, deletions);
}

/** Rows the server's listing changed: gone (dropped or marked off the server), or back. */
async function reconcile(
  db: Db,
  accountId: string,
  plan: ReturnType<typeof planSync>,
  rows: { id: number; folder: string; deletedAt: Date | null }[],
): Promise<void> {
  if (plan.drop.length + plan.offServer.length + plan.backOnServer.length === 0) return;
  await db.$transaction([
    db.pop3Message.deleteMany({ where: { accountId, id: { in: plan.drop } } }),
    db.pop3Message.updateMany({
      where: { accountId, id: { in: plan.offServer } },
      data: { onServer: false, deleteFromServer: false },
    }),
    db.pop3Message.updateMany({
      where: { accountId, id: { in: plan.backOnServer } },
      data: { onServer: true },
    }),
  ]);
  await removeMessageFiles(accountId, plan.drop);
  await bumpRevision(db, accountId);
  const dropped = new Set(plan.drop);
  const visible = rows.filter((r) => dropped.has(r.id) && r.deletedAt === null);
  if (visible.length > 0) {
    emitPop3Change({
      accountId,
      kind: "deleted",
      folders: [...new Set(visible.map((r) => r.folder))],
      count: visible.length,
    });
  }
}
