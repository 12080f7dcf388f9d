import "server-only";
import type { MailAccount } from "../../generated/prisma-sqlite/client.ts";
import { isMailError } from "../../mail/errors.ts";
/**
 * One IMAP connection per signed-in session and account, reused across requests and closed on
 * sign-out or after a few idle minutes. Work on a connection is serialized: IMAP has one
 * selected mailbox per connection, so two requests must not interleave SELECTs.
 */
import { ImapClient } from "../../mail/imap/index.ts";
import { accountPassword, accountSettings } from "../accounts/account-store.ts";
import { imapOptions } from "./client-options.ts";

const IDLE_CLOSE_MS = 5 * 60 * 1000;

interface Entry {
  client: Promise<ImapClient>;
  tail: Promise<unknown>;
  lastUsed: number;
}

interface Pool {
  entries: Map<string, Entry>;
  sweeper?: NodeJS.Timeout;
}

// Kept on globalThis: Next's dev server reloads modules, and a reload must not orphan sockets.
const holder = globalThis as unknown as { __letterboxImapPool?: Pool };
holder.__letterboxImapPool ??= { entries: new Map() };
const pool: Pool = holder.__letterboxImapPool;

export interface ImapContext {
  sessionId: string;
  account: MailAccount;
}

function keyOf(context: ImapContext): string {
  return `${context.sessionId}:${context.account.id}`;
}

function connect(account: MailAccount): Promise<ImapClient> {
  return ImapClient.connect(imapOptions(accountSettings(account), accountPassword(account)));
}

function startSweeper(): void {
  if (pool.sweeper) return;
  pool.sweeper = setInterval(() => {
    const now = Date.now();
    for (const [key, entry] of pool.entries) {
      if (now - entry.lastUsed > IDLE_CLOSE_MS) void drop(key, entry);
    }
    if (pool.entries.size === 0 && pool.sweeper) {
      clearInterval(pool.sweeper);
      pool.sweeper = undefined;
    }
  }, 60_000);
  pool.sweeper.unref();
}

async function drop(key: string, entry: Entry): Promise<void> {
  if (pool.entries.get(key) === entry) pool.entries.delete(key);
  const client = await entry.client.catch(() => null);
  await client?.logout().catch(() => client.close());
}

/** A failure that leaves the connection in an unknown state: replace it next time. */
function poisons(error: unknown): boolean {
  return !isMailError(error) || !["IMAP_NO", "IMAP_BAD", "INVALID_INPUT"].includes(error.code);
}

/**
 * Run `work` with this session's connection to the account, after any work already queued.
 * A broken connection is replaced once, transparently, before `work` starts.
 */
export function withImap<T>(context: ImapContext, work: (client: ImapClient) => Promise<T>) {
  const key = keyOf(context);
  let entry = pool.entries.get(key);
  if (!entry) {
    entry = { client: connect(context.account), tail: Promise.resolve(), lastUsed: Date.now() };
    // A failed connect must not stay cached as the session's connection.
    entry.client.catch(() => {
      if (pool.entries.get(key) === entry) pool.entries.delete(key);
    });
    pool.entries.set(key, entry);
    startSweeper();
  }
  const current = entry;
  const run = current.tail.then(async () => {
    let client = await current.client;
    if (!client.usable) {
      current.client = connect(context.account);
      client = await current.client;
    }
    current.lastUsed = Date.now();
    try {
      return await work(client);
    } catch (error) {
      if (poisons(error)) void drop(key, current);
      throw error;
    } finally {
      current.lastUsed = Date.now();
    }
  });
  current.tail = run.catch(() => undefined);
  return run;
}

/** Select `mailbox` on the session's connection (if it is not already) and run `work`. */
export function withMailbox<T>(
  context: ImapContext,
  mailbox: string,
  work: (client: ImapClient) => Promise<T>,
) {
  return withImap(context, async (client) => {
    if (client.mailbox?.name !== mailbox || client.mailbox.readOnly) await client.select(mailbox);
    return work(client);
  });
}

/** Sign-out: close every connection of this session. */
export async function closeSessionConnections(sessionId: string): Promise<void> {
  const drops: Promise<void>[] = [];
  for (const [key, entry] of pool.entries) {
    if (key.startsWith(`${sessionId}:`)) drops.push(drop(key, entry));
  }
  await Promise.all(drops);
}

/** An account is being removed: close every session's connection to it. */
export async function closeAccountConnections(accountId: string): Promise<void> {
  const drops: Promise<void>[] = [];
  for (const [key, entry] of pool.entries) {
    if (key.endsWith(`:${accountId}`)) drops.push(drop(key, entry));
  }
  await Promise.all(drops);
}
