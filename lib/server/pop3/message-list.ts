/**
 * Pages of a POP3 account's folder, newest first, from the store alone: listing never talks
 * to the server (the check does that), so the second listing of a mailbox costs one query.
 */
import type { Db } from "../../db/client.ts";
import { getDb } from "../../db/client.ts";
import { MailError } from "../../mail/errors.ts";
import type { AddressView, MessagePage, MessageSummary } from "../../view-models/mailbox.ts";
import { POP3_STORE_LIMITS } from "./limits.ts";
import { existingFolder } from "./local-folders.ts";
import { searchKey } from "./message-digest.ts";

/** The columns a summary needs (never the search text). */
export const SUMMARY_SELECT = {
  id: true,
  seen: true,
  flagged: true,
  answered: true,
  forwarded: true,
  draft: true,
  subject: true,
  fromJson: true,
  toJson: true,
  date: true,
  size: true,
  hasAttachments: true,
  preview: true,
} as const;

type SummaryRow = {
  id: number;
  seen: boolean;
  flagged: boolean;
  answered: boolean;
  forwarded: boolean;
  draft: boolean;
  subject: string;
  fromJson: string;
  toJson: string;
  date: Date;
  size: number;
  hasAttachments: boolean;
  preview: string | null;
};

function addresses(json: string): AddressView[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? (value as AddressView[]) : [];
}

export function toSummary(row: SummaryRow): MessageSummary {
  return {
    uid: row.id,
    flags: {
      seen: row.seen,
      flagged: row.flagged,
      answered: row.answered,
      forwarded: row.forwarded,
      draft: row.draft,
    },
    from: addresses(row.fromJson),
    to: addresses(row.toJson),
    subject: row.subject,
    date: row.date.toISOString(),
    size: row.size,
    hasAttachments: row.hasAttachments,
    preview: row.preview,
  };
}

/** Each word must appear in the subject, an address or name, or the preview (any case). */
export function searchWords(query: string | undefined): string[] {
  const words = searchKey(query ?? "")
    .split(/\s+/)
    .filter(Boolean);
  return words.slice(0, POP3_STORE_LIMITS.maxSearchWords);
}

function checkPaging(pageIndex: number, pageSize: number): void {
  if (
    !Number.isSafeInteger(pageIndex) ||
    pageIndex < 0 ||
    !Number.isSafeInteger(pageSize) ||
    pageSize < 1 ||
    pageSize > POP3_STORE_LIMITS.maxPageSize
  ) {
    throw new MailError("INVALID_INPUT", `No page ${pageIndex} of size ${pageSize}`);
  }
}

export async function listPop3Page(
  accountId: string,
  folder: string,
  pageIndex: number,
  pageSize: number,
  query?: string,
): Promise<MessagePage> {
  checkPaging(pageIndex, pageSize);
  const db: Db = await getDb();
  const name = await existingFolder(db, accountId, folder);
  const words = searchWords(query);
  const where = {
    accountId,
    folder: name,
    deletedAt: null,
    AND: words.map((word) => ({ searchText: { contains: word } })),
  };
  const [total, rows, state] = await Promise.all([
    db.pop3Message.count({ where }),
    db.pop3Message.findMany({
      where,
      orderBy: [{ date: "desc" }, { id: "desc" }],
      skip: pageIndex * pageSize,
      take: pageSize,
      select: SUMMARY_SELECT,
    }),
    db.pop3Account.findUnique({ where: { accountId }, select: { revision: true } }),
  ]);
  return {
    accountId,
    mailbox: name,
    total,
    pageIndex,
    pageSize,
    messages: rows.map(toSummary),
    version: `${state?.revision ?? 0}:${total}${words.length ? ":q" : ""}`,
  };
}

/** One message's summary (the reader's header before the bytes arrive), or null. */
export async function pop3MessageSummary(
  accountId: string,
  id: number,
): Promise<(MessageSummary & { folder: string }) | null> {
  const db = await getDb();
  const row = await db.pop3Message.findFirst({
    where: { accountId, id, deletedAt: null },
    select: { ...SUMMARY_SELECT, folder: true },
  });
  return row ? { ...toSummary(row), folder: row.folder } : null;
}
