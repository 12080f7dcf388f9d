/**
 * The per-account row of the POP3 store: the deletion policy a person chose, the revision that
 * versions list pages, and how the last check went.
 */
import type { Db } from "../../db/client.ts";
import { getDb } from "../../db/client.ts";
import { MailError } from "../../mail/errors.ts";

export interface Pop3Policy {
  /** Keep messages on the server after downloading them (default). Off: DELE once kept here. */
  leaveOnServer: boolean;
  /** With leaveOnServer: DELE messages first seen more than this many days ago; null: never. */
  deleteAfterDays: number | null;
  /** With leaveOnServer: DELE a message when it is deleted for good in Letterbox. */
  deleteWhenDeletedHere: boolean;
}

export const DEFAULT_POP3_POLICY: Pop3Policy = {
  leaveOnServer: true,
  deleteAfterDays: null,
  deleteWhenDeletedHere: false,
};

/** Ten years: a larger "after N days" is "never" said another way, and a typo. */
const MAX_DAYS = 3650;

export interface Pop3Status {
  lastCheckAt: Date | null;
  lastSuccessAt: Date | null;
  /** The last check's failure (MailError code and the server's words); null after a success. */
  lastError: { code: string; text: string | null } | null;
  /** No scheduled check before this ([LOGIN-DELAY], [IN-USE]); null: no restriction. */
  notBefore: Date | null;
  /** RFC 2449 LOGIN-DELAY seconds the server announced. */
  loginDelaySeconds: number | null;
}

/** The row as it is before anything was stored for the account (the schema's defaults). */
export function defaultAccountState(accountId: string) {
  return {
    accountId,
    ...DEFAULT_POP3_POLICY,
    revision: 0,
    loginDelaySeconds: null as number | null,
    lastCheckAt: null as Date | null,
    lastSuccessAt: null as Date | null,
    lastErrorCode: null as string | null,
    lastErrorText: null as string | null,
    notBefore: null as Date | null,
  };
}

/** The account's row, or its defaults when nothing was stored yet (reading writes nothing). */
export async function readAccountState(db: Db, accountId: string) {
  return (
    (await db.pop3Account.findUnique({ where: { accountId } })) ?? defaultAccountState(accountId)
  );
}

export async function getPop3Policy(accountId: string): Promise<Pop3Policy> {
  const row = await readAccountState(await getDb(), accountId);
  return {
    leaveOnServer: row.leaveOnServer,
    deleteAfterDays: row.deleteAfterDays,
    deleteWhenDeletedHere: row.deleteWhenDeletedHere,
  };
}

export function checkPolicy(policy: Pop3Policy): Pop3Policy {
  const days = policy.deleteAfterDays;
  if (
    typeof policy.leaveOnServer !== "boolean" ||
    typeof policy.deleteWhenDeletedHere !== "boolean" ||
    (days !== null && (!Number.isSafeInteger(days) || days < 0 || days > MAX_DAYS))
  ) {
    throw new MailError(
      "INVALID_INPUT",
      `Not a POP3 deletion policy: ${JSON.stringify(policy)} (days: whole number 0 to ${MAX_DAYS}, or null)`,
    );
  }
  return {
    leaveOnServer: policy.leaveOnServer,
    deleteAfterDays: days,
    deleteWhenDeletedHere: policy.deleteWhenDeletedHere,
  };
}

/** Takes effect at the next check (which applies it to every message, old ones included). */
export async function setPop3Policy(accountId: string, policy: Pop3Policy): Promise<Pop3Policy> {
  const checked = checkPolicy(policy);
  const db = await getDb();
  await db.pop3Account.upsert({
    where: { accountId },
    create: { accountId, ...checked },
    update: checked,
  });
  return checked;
}

export async function getPop3Status(accountId: string): Promise<Pop3Status> {
  const row = await readAccountState(await getDb(), accountId);
  return {
    lastCheckAt: row.lastCheckAt,
    lastSuccessAt: row.lastSuccessAt,
    lastError: row.lastErrorCode ? { code: row.lastErrorCode, text: row.lastErrorText } : null,
    notBefore: row.notBefore,
    loginDelaySeconds: row.loginDelaySeconds,
  };
}

/** The revision bump as a query, to run in a transaction with the change it versions. */
export function revisionBump(db: Db, accountId: string) {
  return db.pop3Account.upsert({
    where: { accountId },
    create: { accountId, revision: 1 },
    update: { revision: { increment: 1 } },
  });
}

/** Every change to messages or folders goes through here: list pages compare revisions. */
export async function bumpRevision(db: Db, accountId: string): Promise<void> {
  await revisionBump(db, accountId);
}
