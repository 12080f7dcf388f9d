/**
 * What a person does to POP3 messages: flags, moves, deletion. All of it is Letterbox's own
 * (POP3 has no flags or folders), so it is a database change and an event, never a session —
 * except that a deletion for good may, by policy, ask for a check that sends DELE.
 */
import type { Db } from "../../db/client.ts";
import { getDb } from "../../db/client.ts";
import { MailError } from "../../mail/errors.ts";
import type { MessageFlags } from "../../view-models/mailbox.ts";
import { bumpRevision, readAccountState } from "./account-state.ts";
import { POP3_STORE_LIMITS, TRASH } from "./limits.ts";
import { existingFolder } from "./local-folders.ts";
import { removeMessageFiles } from "./message-files.ts";
import { emitPop3Change, type Pop3ChangeKind } from "./pop3-events.ts";
import { Pop3StoreError } from "./pop3-store-error.ts";
import { requestPop3Check } from "./scheduler.ts";

export type Pop3Flag = keyof MessageFlags;
const FLAGS: readonly Pop3Flag[] = ["seen", "flagged", "answered", "forwarded", "draft"];

export function checkIds(ids: readonly number[]): number[] {
  if (!Array.isArray(ids) || !ids.every((id) => Number.isSafeInteger(id) && id > 0)) {
    throw new MailError("INVALID_INPUT", "Message ids are positive whole numbers");
  }
  if (ids.length > POP3_STORE_LIMITS.maxIdsPerAction) {
    throw new Pop3StoreError(
      "TOO_MANY",
      `At most ${POP3_STORE_LIMITS.maxIdsPerAction} messages at once`,
    );
  }
  return [...new Set(ids)];
}

/** The visible messages of this account among `ids`: another account's ids are not found. */
async function visible(db: Db, accountId: string, ids: number[]) {
  return db.pop3Message.findMany({
    where: { accountId, id: { in: ids }, deletedAt: null },
    select: { id: true, folder: true, uidl: true, onServer: true },
  });
}

async function changed(
  db: Db,
  accountId: string,
  kind: Pop3ChangeKind,
  folders: Iterable<string>,
  count: number,
): Promise<void> {
  if (count === 0) return;
  await bumpRevision(db, accountId);
  emitPop3Change({ accountId, kind, folders: [...new Set(folders)], count });
}

/** Sets or clears one flag; resolves with how many messages were found. */
export async function setPop3Flags(
  accountId: string,
  ids: readonly number[],
  flag: Pop3Flag,
  value: boolean,
): Promise<number> {
  if (!FLAGS.includes(flag) || typeof value !== "boolean") {
    throw new MailError("INVALID_INPUT", `No flag ${JSON.stringify(flag)}`);
  }
  const db = await getDb();
  const rows = await visible(db, accountId, checkIds(ids));
  await db.pop3Message.updateMany({
    where: { accountId, id: { in: rows.map((r) => r.id) } },
    data: { [flag]: value },
  });
  await changed(
    db,
    accountId,
    "flags",
    rows.map((r) => r.folder),
    rows.length,
  );
  return rows.length;
}

/** Moves messages to a local folder (built in or the person's); resolves with how many moved. */
export async function movePop3Messages(
  accountId: string,
  ids: readonly number[],
  folder: string,
): Promise<number> {
  const db = await getDb();
  const target = await existingFolder(db, accountId, folder);
  const rows = (await visible(db, accountId, checkIds(ids))).filter((r) => r.folder !== target);
  await db.pop3Message.updateMany({
    where: { accountId, id: { in: rows.map((r) => r.id) } },
    data: { folder: target },
  });
  await changed(db, accountId, "moved", [...rows.map((r) => r.folder), target], rows.length);
  return rows.length;
}

export interface Pop3DeleteResult {
  /** Moved to Trash. */
  trashed: number;
  /** Deleted for good (they were in Trash, or `forGood` was asked). */
  deleted: number;
  /** Of those, how many the next check will DELE on the server (by policy). */
  serverDeletions: number;
}

/**
 * Delete as a mail program does: to Trash, and from Trash for good. A message deleted for good
 * loses its bytes and its summary at once; while the server still has it, a row remains with
 * its unique-id only (a tombstone), so the next check does not take it for new mail. Whether the
 * server's copy goes too is the policy's call (DELE at the next check, which is asked for).
 */
export async function deletePop3Messages(
  accountId: string,
  ids: readonly number[],
  options: { forGood?: boolean } = {},
): Promise<Pop3DeleteResult> {
  const db = await getDb();
  const rows = await visible(db, accountId, checkIds(ids));
  const toTrash = options.forGood ? [] : rows.filter((r) => r.folder !== TRASH);
  const forGood = options.forGood ? rows : rows.filter((r) => r.folder === TRASH);
  const state = await readAccountState(db, accountId);
  const deleOnServer = !state.leaveOnServer || state.deleteWhenDeletedHere;
  const tombstones = forGood.filter((r) => r.uidl !== null && r.onServer);
  const gone = forGood.filter((r) => !(r.uidl !== null && r.onServer));

  await db.$transaction([
    db.pop3Message.updateMany({
      where: { accountId, id: { in: toTrash.map((r) => r.id) } },
      data: { folder: TRASH },
    }),
    db.pop3Message.updateMany({
      where: { accountId, id: { in: tombstones.map((r) => r.id) } },
      data: {
        deletedAt: new Date(),
        deleteFromServer: deleOnServer,
        stored: false,
        // Nothing of what it said stays behind.
        subject: "",
        fromJson: "[]",
        toJson: "[]",
        messageId: null,
        preview: null,
        searchText: "",
      },
    }),
    db.pop3Message.deleteMany({ where: { accountId, id: { in: gone.map((r) => r.id) } } }),
  ]);
  await removeMessageFiles(
    accountId,
    forGood.map((r) => r.id),
  );
  await changed(db, accountId, "moved", [...toTrash.map((r) => r.folder), TRASH], toTrash.length);
  await changed(
    db,
    accountId,
    "deleted",
    forGood.map((r) => r.folder),
    forGood.length,
  );
  if (deleOnServer && tombstones.length > 0) requestPop3Check(accountId, "deletion");
  return {
    trashed: toTrash.length,
    deleted: forGood.length,
    serverDeletions: deleOnServer ? tombstones.length : 0,
  };
}
