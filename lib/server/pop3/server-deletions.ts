/**
 * DELE, as the policy asks, with bookkeeping that survives a failed session. RFC 1939 section
 * 6: DELE only marks; the server removes marked messages when QUIT succeeds, and a session that
 * ends any other way removes nothing. So rows are marked `deleteFromServer` before DELE is sent
 * and cleared only after QUIT's +OK: a session that drops before QUIT leaves them marked, and
 * the next check sends DELE again (for the message numbers of that session, found by UIDL).
 *
 * A message not yet downloaded is downloaded first: after DELE + QUIT the store holds the only
 * copy. One too large to keep stays on the server.
 */
import fs from "node:fs";
import type { Db } from "../../db/client.ts";
import { isMailError } from "../../mail/errors.ts";
import type { OwnedPop3Session } from "./account-session.ts";
import { POP3_STORE_LIMITS } from "./limits.ts";
import { downloadMessage } from "./message-download.ts";
import { messageFilePath } from "./message-files.ts";
import type { PlannedDeletion } from "./sync-plan.ts";

export interface DeletionOutcome {
  /** Removed by the server (QUIT answered +OK). */
  deleted: number;
  /** Left on the server: too large to keep, or the server refused RETR or DELE. */
  skipped: number;
}

export async function deleteOnServer(
  db: Db,
  session: OwnedPop3Session,
  accountId: string,
  planned: readonly PlannedDeletion[],
): Promise<DeletionOutcome> {
  const { client } = session;
  const ready: PlannedDeletion[] = [];
  let skipped = 0;
  for (const item of planned) {
    const download =
      item.download || (!item.tombstone && !fs.existsSync(messageFilePath(accountId, item.id)));
    if (download) {
      if (item.size > POP3_STORE_LIMITS.maxMessageBytes) {
        skipped++;
        continue;
      }
      try {
        if ((await downloadMessage(db, session, accountId, item)) === null) {
          skipped++;
          continue;
        }
      } catch (error) {
        // A refused RETR leaves the session usable: this message stays on the server.
        if (isMailError(error) && error.code === "POP3_ERR" && !client.closed) {
          skipped++;
          continue;
        }
        throw error;
      }
    }
    ready.push(item);
  }
  if (ready.length === 0) return { deleted: 0, skipped };

  await db.pop3Message.updateMany({
    where: { accountId, id: { in: ready.map((d) => d.id) } },
    data: { deleteFromServer: true, deleAttempts: { increment: 1 } },
  });
  const marked: typeof ready = [];
  for (const item of ready) {
    try {
      await client.delete(item.number);
      marked.push(item);
    } catch (error) {
      // -ERR to one DELE (already marked, or the server refuses): the others go ahead.
      if (isMailError(error) && error.code === "POP3_ERR" && !client.closed) {
        skipped++;
        continue;
      }
      throw error;
    }
  }
  await session.quit();

  const tombstones = marked.filter((d) => d.tombstone).map((d) => d.id);
  const kept = marked.filter((d) => !d.tombstone).map((d) => d.id);
  await db.$transaction([
    // Deleted here and now gone there: nothing is left to protect, the row goes.
    db.pop3Message.deleteMany({ where: { accountId, id: { in: tombstones } } }),
    db.pop3Message.updateMany({
      where: { accountId, id: { in: kept } },
      data: { onServer: false, deleteFromServer: false },
    }),
  ]);
  return { deleted: marked.length, skipped };
}
