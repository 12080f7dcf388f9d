/**
 * What a check does, decided from the server's UIDL + LIST and the stored rows: pure, so each
 * rule is tested without a server.
 *
 * UIDL tracking (RFC 1939 section 7): a message is known by its unique-id, never by its
 * number, which changes between sessions. A unique-id with no row is new mail. A row whose
 * unique-id is gone was removed from the server (by us or by another program): a message
 * deleted here (a tombstone) has nothing left to protect and its row goes; one never
 * downloaded cannot be read any more and goes too; one downloaded stays, readable from the
 * store. A tombstone stays as long as the server keeps the message, so it never comes back.
 */
import type { Pop3Policy } from "./account-state.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ServerEntry {
  /** Message number in this session. */
  number: number;
  uidl: string;
  /** Octets, from LIST. */
  size: number;
}

export interface KnownRow {
  id: number;
  uidl: string;
  deletedAt: Date | null;
  deleteFromServer: boolean;
  stored: boolean;
  firstSeenAt: Date;
  onServer: boolean;
}

export interface PlannedDeletion {
  id: number;
  uidl: string;
  number: number;
  size: number;
  /** Deleted here already: DELE without downloading. */
  tombstone: boolean;
  /** Not downloaded yet: RETR into the store before DELE, or the only copy is lost. */
  download: boolean;
}

export interface SyncPlan {
  /** Unique-ids with no row: TOP them. Newest (highest number) first, so a long first check
   * fills the top of the list first. */
  fresh: ServerEntry[];
  /** Rows to remove: gone from the server and deleted here, or never downloaded. */
  drop: number[];
  /** Rows gone from the server that stay (downloaded): mark them off the server. */
  offServer: number[];
  /** Rows marked off the server that are listed again. */
  backOnServer: number[];
  /** Known messages to DELE in this session. */
  deletions: PlannedDeletion[];
  /** New messages are to be downloaded and deleted in this session too. */
  deleteFresh: boolean;
}

export function planSync(
  listing: readonly ServerEntry[],
  rows: readonly KnownRow[],
  policy: Pop3Policy,
  now: Date,
): SyncPlan {
  const onServer = new Map<string, ServerEntry>();
  // A server that repeats a unique-id breaks RFC 1939; the first (lowest) number wins.
  for (const entry of listing) if (!onServer.has(entry.uidl)) onServer.set(entry.uidl, entry);
  const known = new Set(rows.map((r) => r.uidl));
  const expiry =
    policy.deleteAfterDays === null ? null : now.getTime() - policy.deleteAfterDays * DAY_MS;

  const plan: SyncPlan = {
    fresh: [...onServer.values()]
      .filter((e) => !known.has(e.uidl))
      .sort((a, b) => b.number - a.number),
    drop: [],
    offServer: [],
    backOnServer: [],
    deletions: [],
    deleteFresh: !policy.leaveOnServer || policy.deleteAfterDays === 0,
  };

  for (const row of rows) {
    const entry = onServer.get(row.uidl);
    if (!entry) {
      if (row.deletedAt !== null || !row.stored) plan.drop.push(row.id);
      else if (row.onServer || row.deleteFromServer) plan.offServer.push(row.id);
      continue;
    }
    if (!row.onServer) plan.backOnServer.push(row.id);
    const tombstone = row.deletedAt !== null;
    const wanted =
      row.deleteFromServer ||
      !policy.leaveOnServer ||
      (tombstone && policy.deleteWhenDeletedHere) ||
      (!tombstone && expiry !== null && row.firstSeenAt.getTime() <= expiry);
    if (wanted) {
      plan.deletions.push({
        id: row.id,
        uidl: row.uidl,
        number: entry.number,
        size: entry.size,
        tombstone,
        download: !tombstone && !row.stored,
      });
    }
  }
  plan.deletions.sort((a, b) => a.number - b.number);
  return plan;
}
