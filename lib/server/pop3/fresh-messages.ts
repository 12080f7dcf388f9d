/**
 * New mail found by a check becomes rows: a TOP per message (header and first lines, RFC 1939
 * section 7), never RETR, inserted in batches so a long first check shows its first messages
 * while the rest arrive, and keeps what it got if the session drops.
 *
 * A server without TOP (it is optional in RFC 1939) gets RETR instead, and those bytes are
 * kept, so nothing is fetched twice. A message whose TOP is refused or too large still gets a
 * row (its size from LIST, no header): otherwise every check would stumble on it again.
 */
import type { Db } from "../../db/client.ts";
import { isMailError, type MailError } from "../../mail/errors.ts";
import type { OwnedPop3Session } from "./account-session.ts";
import { INBOX, POP3_STORE_LIMITS } from "./limits.ts";
import {
  digestOfMessage,
  digestOfTop,
  type MessageDigest,
  searchTextOf,
} from "./message-digest.ts";
import { saveMessageBytes } from "./message-files.ts";
import { insertServerMessages } from "./message-insert.ts";
import { emitPop3Change } from "./pop3-events.ts";
import type { ServerEntry } from "./sync-plan.ts";

/** The session died on a message that is now recorded; a new session can go on past it. */
export class SessionLost extends Error {
  constructor(readonly reason: MailError) {
    super(reason.message, { cause: reason });
    this.name = "SessionLost";
  }
}

export interface InsertedMessage extends ServerEntry {
  id: number;
  /** Downloaded already (a server without TOP). */
  stored: boolean;
}

interface Pending {
  entry: ServerEntry;
  digest: MessageDigest | null;
  bytes: Buffer | null;
}

/** Above this many bytes of RETR fallbacks in a batch, it is written out early. */
const BATCH_BYTES = 8 * 1024 * 1024;

export async function addFreshMessages(
  db: Db,
  session: OwnedPop3Session,
  accountId: string,
  fresh: readonly ServerEntry[],
  /** Counts rows as they are inserted, so a check that fails part way still reports them. */
  progress: { newMessages: number },
): Promise<InsertedMessage[]> {
  const inserted: InsertedMessage[] = [];
  const { client } = session;
  let useRetr = client.capabilities.known && !client.capabilities.top;
  let batch: Pending[] = [];
  let lastEvent = 0;
  // Rows are written while the next TOPs travel: the network and the database overlap. At most
  // one write is in flight, so a slow database holds the session back instead of filling memory.
  let writing: Promise<void> = Promise.resolve();
  let writeFailure: { error: unknown } | undefined;

  const write = async (taken: Pending[]) => {
    const rows = await insertBatch(db, accountId, taken);
    inserted.push(...rows);
    progress.newMessages += rows.length;
    const now = Date.now();
    if (now - lastEvent >= POP3_STORE_LIMITS.progressEventMs) {
      lastEvent = now;
      emitPop3Change({ accountId, kind: "new", folders: [INBOX], count: inserted.length });
    }
  };
  const flush = async () => {
    await writing;
    if (writeFailure) throw writeFailure.error;
    if (batch.length === 0) return;
    const taken = batch;
    batch = [];
    writing = write(taken).catch((error: unknown) => {
      writeFailure = { error };
    });
  };
  const finish = async () => {
    await flush();
    await writing;
    if (writeFailure) throw writeFailure.error;
  };

  /** One message's outcome, `fetched` its TOP or RETR; a refusal becomes a row without header. */
  const take = async (entry: ServerEntry, fetched: () => Promise<Pending>) => {
    let pending: Pending;
    try {
      pending = await fetched();
    } catch (error) {
      if (!isMailError(error)) throw error;
      if (!client.closed && error.code === "POP3_ERR" && !useRetr && !client.capabilities.known) {
        // An RFC 1939-only server without CAPA and without TOP: RETR from now on.
        useRetr = true;
        pending = await viaRetr(session, entry).catch((again: unknown) => {
          if (isMailError(again) && again.code === "POP3_ERR" && !client.closed) {
            return { entry, digest: null, bytes: null };
          }
          throw again;
        });
      } else if (!client.closed && error.code === "POP3_ERR") {
        pending = { entry, digest: null, bytes: null };
      } else if (error.code === "LIMIT_EXCEEDED") {
        // A header past the TOP limit (a header bomb): recorded without one. The client had
        // to drop the connection mid-answer, so the check goes on in a new session.
        batch.push({ entry, digest: null, bytes: null });
        await finish();
        throw new SessionLost(error);
      } else {
        throw error;
      }
    }
    batch.push(pending);
    // A small first batch fills the first page at once; larger ones after it mean fewer
    // commits (each one a flush to disk).
    const size =
      inserted.length === 0 ? POP3_STORE_LIMITS.firstInsertBatch : POP3_STORE_LIMITS.insertBatch;
    const bytes = batch.reduce((n, p) => n + (p.bytes?.length ?? 0), 0);
    if (batch.length >= size || bytes >= BATCH_BYTES) await flush();
  };

  try {
    let taken = 0;
    if (!useRetr) {
      // With PIPELINING the TOPs travel a window at a time (the client bounds it); results come
      // in order, each one's -ERR its own, and the rows are written while the next arrive.
      const numbers = fresh.map((entry) => entry.number);
      for await (const result of client.tops(numbers, POP3_STORE_LIMITS.topPreviewLines)) {
        const entry = fresh[taken++]!;
        await take(entry, async () => {
          if (!result.ok) throw result.error;
          return { entry, digest: digestOfTop(result.top), bytes: null };
        });
        if (useRetr) break;
      }
    }
    for (const entry of fresh.slice(taken)) await take(entry, () => viaRetr(session, entry));
  } catch (error) {
    if (error instanceof SessionLost) throw error;
    // What was read before the failure is kept: the next check starts after it. A database
    // failure meanwhile is the graver news and is the one reported.
    await finish();
    throw error;
  }
  await finish();
  if (inserted.length > 0) {
    emitPop3Change({ accountId, kind: "new", folders: [INBOX], count: inserted.length });
  }
  return inserted;
}

async function viaRetr(session: OwnedPop3Session, entry: ServerEntry): Promise<Pending> {
  if (entry.size > POP3_STORE_LIMITS.maxMessageBytes) return { entry, digest: null, bytes: null };
  const bytes = await session.client.retrieve(entry.number);
  return { entry, digest: digestOfMessage(bytes), bytes };
}

async function insertBatch(
  db: Db,
  accountId: string,
  batch: Pending[],
): Promise<InsertedMessage[]> {
  const now = new Date();
  const ids = await insertServerMessages(
    db,
    accountId,
    batch.map(({ entry, digest }) => ({
      uidl: entry.uidl,
      subject: digest?.subject ?? "",
      fromJson: JSON.stringify(digest?.from ?? []),
      toJson: JSON.stringify(digest?.to ?? []),
      messageId: digest?.messageId ?? null,
      date: digest?.date ?? now,
      size: entry.size,
      hasAttachments: digest?.hasAttachments ?? false,
      preview: digest?.preview ?? null,
      searchText: digest ? searchTextOf(digest) : "",
    })),
    now,
  );
  const out: InsertedMessage[] = [];
  for (const { entry, bytes } of batch) {
    const id = ids.get(entry.uidl);
    if (id === undefined) throw new Error(`letterbox: no row came back for ${entry.uidl}`);
    if (bytes) {
      await saveMessageBytes(accountId, id, bytes);
      await db.pop3Message.update({ where: { id }, data: { stored: true, size: bytes.length } });
    }
    out.push({ ...entry, id, stored: bytes !== null });
  }
  return out;
}
