/**
 * New rows from a check, many at once. A plain multi-row INSERT … RETURNING, not Prisma's
 * createMany: measured here on 2,000 TOP summaries, createMany spends about 0.3 ms of CPU per
 * row in the query compiler (600 ms per 2,000) where this statement takes 70 ms, and the first
 * listing of a large mailbox is the moment a person waits for. The SQL is the same for SQLite
 * and PostgreSQL (both have RETURNING); the parameters go through Prisma, which converts them
 * exactly as for its own queries (store.int.test.ts and stored-account.int.test.ts read the
 * rows back through the typed client on each).
 */
import type { Db } from "../../db/client.ts";
import { Prisma } from "../../generated/prisma-sqlite/client.ts";
import { revisionBump } from "./account-state.ts";
import { INBOX } from "./limits.ts";

export interface NewServerMessage {
  uidl: string;
  subject: string;
  fromJson: string;
  toJson: string;
  messageId: string | null;
  date: Date;
  size: number;
  hasAttachments: boolean;
  preview: string | null;
  searchText: string;
}

/** Inserts into INBOX and bumps the account's revision, in one transaction. */
export async function insertServerMessages(
  db: Db,
  accountId: string,
  messages: readonly NewServerMessage[],
  now: Date,
): Promise<Map<string, number>> {
  if (messages.length === 0) return new Map();
  const values = messages.map(
    (m) =>
      Prisma.sql`(${accountId}, ${m.uidl}, ${INBOX}, ${m.subject}, ${m.fromJson}, ${m.toJson}, ${m.messageId}, ${m.date}, ${m.size}, ${m.hasAttachments}, ${m.preview}, ${m.searchText}, ${now}, ${now})`,
  );
  const [rows] = await db.$transaction([
    db.$queryRaw<{ id: number; uidl: string }[]>`
      INSERT INTO "Pop3Message" ("accountId", "uidl", "folder", "subject", "fromJson", "toJson",
        "messageId", "date", "size", "hasAttachments", "preview", "searchText", "firstSeenAt",
        "updatedAt")
      VALUES ${Prisma.join(values)}
      RETURNING "id", "uidl"`,
    revisionBump(db, accountId),
  ]);
  return new Map(rows.map((r) => [r.uidl, Number(r.id)]));
}
