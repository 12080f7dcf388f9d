import "server-only";
import type { MailAccount } from "../../generated/prisma-sqlite/client.ts";
/**
 * Watching a mailbox for the browser: a connection of its own (IDLE occupies a connection, so
 * it cannot be the session's pooled one) that SELECTs the mailbox and IDLEs — or polls with
 * NOOP where the server lacks IDLE — and reports every change as an event. The browser then
 * fetches what changed through the ordinary list actions.
 */
import { ImapClient } from "../../mail/imap/index.ts";
import { accountPassword, accountSettings } from "../accounts/account-store.ts";
import { imapOptions } from "../mail/client-options.ts";

export type WatchEvent =
  | { type: "exists"; count: number }
  | { type: "expunge" }
  | { type: "flags"; uid?: number }
  | { type: "alert"; text: string };

export interface MailboxWatch {
  /** Resolves when IDLE (or polling) has begun. */
  ready: Promise<void>;
  /** Resolves or rejects when the watch ends (stopped, or the connection failed). */
  ended: Promise<void>;
  stop(): Promise<void>;
}

export async function watchMailbox(
  account: MailAccount,
  mailbox: string,
  onEvent: (event: WatchEvent) => void,
): Promise<MailboxWatch> {
  const client = await ImapClient.connect(
    imapOptions(accountSettings(account), accountPassword(account)),
  );
  try {
    await client.examine(mailbox);
  } catch (error) {
    await client.logout().catch(() => client.close());
    throw error;
  }
  const off = [
    client.on(
      "exists",
      (e) => e.mailbox === mailbox && onEvent({ type: "exists", count: e.count }),
    ),
    client.on("expunge", (e) => e.mailbox === mailbox && onEvent({ type: "expunge" })),
    client.on("vanished", (e) => e.mailbox === mailbox && onEvent({ type: "expunge" })),
    client.on("flags", (e) => e.mailbox === mailbox && onEvent({ type: "flags", uid: e.uid })),
    client.on("alert", (e) => onEvent({ type: "alert", text: e.text })),
  ];
  // Servers drop an IDLE after 30 minutes (RFC 2177); re-issuing well within that keeps it up.
  const idle = client.idle({ restartMs: 9 * 60 * 1000, pollMs: 15_000 });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    for (const unsubscribe of off) unsubscribe();
    await idle.stop();
    // The watch is over either way; a LOGOUT the server cannot answer is not worth waiting for.
    await client.logout().catch(() => client.close());
  };
  return {
    ready: idle.started,
    ended: idle.finished.finally(() => stop()),
    stop,
  };
}
