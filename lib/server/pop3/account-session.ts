/**
 * One POP3 session per account at a time. RFC 1939 section 8: a session locks the maildrop,
 * and a second login meanwhile is refused with [IN-USE] (RFC 2449 section 8.1.2). So inside
 * this process sessions of an account are serialized; across several app servers the server's
 * [IN-USE] is the backstop.
 *
 * A long session (the first check of a large mailbox sends a TOP per message) would make a
 * person opening a message wait for it to end. Instead, while a session is open, other work
 * for the account joins it as a guest: the client answers commands in call order and keeps only
 * a small window of TOPs in flight (pipelined when the server offers PIPELINING), so a RETR
 * slips in behind that window, not behind the whole list. The owner sends QUIT only after its
 * guests are done.
 */
import type { Pop3Client } from "../../mail/pop3/index.ts";

export type Pop3Connector = (accountId: string) => Promise<Pop3Client>;

/** A logged-in session, shared by its owner and guests. */
export class Pop3SessionHandle {
  private listing: Promise<Map<string, number>> | undefined;

  constructor(readonly client: Pop3Client) {}

  /**
   * UIDL to message number for this session. Numbers hold for one session only (RFC 1939
   * section 7), which is why they are never stored.
   */
  numbers(): Promise<Map<string, number>> {
    this.listing ??= this.client.uidl().then((all) => {
      const map = new Map<string, number>();
      // A server that repeats a unique-id breaks RFC 1939; the first number wins.
      for (const { id, uid } of all) if (!map.has(uid)) map.set(uid, id);
      return map;
    });
    return this.listing;
  }

  /** The owner's listing, so guests need not send UIDL again. */
  adoptListing(map: Map<string, number>): void {
    this.listing = Promise.resolve(map);
  }
}

/** The owner's handle: it alone ends the session. */
export class OwnedPop3Session extends Pop3SessionHandle {
  accepting = true;
  readonly guests = new Set<Promise<unknown>>();
  private ended: Promise<void> | undefined;

  /**
   * Waits for guests, then QUIT: the server removes what was marked with DELE and releases the
   * lock (RFC 1939 section 6). Rejects when QUIT is refused or the connection is gone, in which
   * case nothing was deleted. Idempotent.
   */
  quit(): Promise<void> {
    this.ended ??= (async () => {
      this.accepting = false;
      await Promise.allSettled([...this.guests]);
      await this.client.quit();
    })();
    return this.ended;
  }

  /** Ends without QUIT (nothing marked is deleted), once guests are done. */
  async abandon(): Promise<void> {
    this.accepting = false;
    await Promise.allSettled([...this.guests]);
    this.client.close();
  }
}

interface Registry {
  locks: Map<string, Promise<void>>;
  active: Map<string, OwnedPop3Session>;
}

// On globalThis: Next's dev server may load this module twice; both copies must share the lock.
const holder = globalThis as unknown as { __letterboxPop3Sessions?: Registry };
holder.__letterboxPop3Sessions ??= { locks: new Map(), active: new Map() };
const registry = holder.__letterboxPop3Sessions;

/** Runs `fn` when no other locked work of this account runs (in this process). */
export function withAccountLock<T>(accountId: string, fn: () => Promise<T>): Promise<T> {
  const previous = registry.locks.get(accountId) ?? Promise.resolve();
  const run = previous.then(fn);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  registry.locks.set(accountId, settled);
  void settled.then(() => {
    if (registry.locks.get(accountId) === settled) registry.locks.delete(accountId);
  });
  return run;
}

/**
 * Opens a session of its own (after any other of the account's), runs `body`, and ends with
 * QUIT unless `body` did; if `body` throws, the session is closed without QUIT.
 */
export function exclusiveSession<T>(
  accountId: string,
  connect: Pop3Connector,
  body: (session: OwnedPop3Session) => Promise<T>,
): Promise<T> {
  return withAccountLock(accountId, async () => {
    const session = new OwnedPop3Session(await connect(accountId));
    registry.active.set(accountId, session);
    try {
      let result: T;
      try {
        result = await body(session);
      } catch (error) {
        await session.abandon();
        throw error;
      }
      await session.quit();
      return result;
    } finally {
      if (registry.active.get(accountId) === session) registry.active.delete(accountId);
    }
  });
}

/**
 * Runs `body` in the account's open session if there is one (as a guest), else in a session of
 * its own. A guest whose host session died is retried once in a session of its own.
 */
export async function sharedSession<T>(
  accountId: string,
  connect: Pop3Connector,
  body: (session: Pop3SessionHandle) => Promise<T>,
): Promise<T> {
  const host = registry.active.get(accountId);
  if (host?.accepting) {
    const run = body(host);
    host.guests.add(run);
    try {
      return await run;
    } catch (error) {
      if (!host.client.closed) throw error;
    } finally {
      host.guests.delete(run);
    }
  }
  return exclusiveSession(accountId, connect, body);
}
