/**
 * IDLE (RFC 2177): the server reports new mail, expunges and flag changes as they happen, as
 * connection events. IDLE is one long command: it ends when the caller stops it, when another
 * command is queued (DONE first, then that command runs), or when `restartMs` has passed —
 * the RFC asks clients to re-issue before the server's 30-minute inactivity timeout.
 */
import { raw } from "../command-builder.ts";
import type { ImapConnection } from "../connection.ts";

export interface IdleRun {
  /** Resolves when the server said "+ idling" (or the command ended before that). */
  started: Promise<void>;
  /** Resolves when the tagged OK after DONE arrived. */
  finished: Promise<void>;
  /** Send DONE (once, and only after "+", as RFC 2177 requires). */
  done(): void;
}

/** One IDLE command; the client façade loops over these to keep idling. */
export function idleOnce(conn: ImapConnection, restartMs: number): IdleRun {
  let continued = false;
  let wantDone = false;
  let doneSent = false;
  let timer: NodeJS.Timeout | undefined;
  let markStarted = () => {};
  const started = new Promise<void>((resolve) => {
    markStarted = resolve;
  });
  const sendDone = () => {
    if (doneSent) return;
    doneSent = true;
    clearTimeout(timer);
    conn.setIdling(false);
    conn.writeLine("DONE").catch(() => {
      // The connection failed: the IDLE command is failed with the connection's error.
    });
  };
  const done = () => {
    wantDone = true;
    if (continued) sendDone();
  };
  const finished = conn
    .run({
      name: "IDLE",
      args: [raw("IDLE")],
      onContinuation: () => {
        continued = true;
        conn.setIdling(true);
        markStarted();
        // A command was queued while IDLE waited its turn: end at once.
        if (wantDone || conn.queued > 0) sendDone();
        else timer = setTimeout(sendDone, restartMs);
      },
      onQueued: done,
    })
    .then(
      () => undefined,
      (error: unknown) => {
        clearTimeout(timer);
        throw error;
      },
    )
    .finally(() => {
      clearTimeout(timer);
      conn.setIdling(false);
      markStarted();
    });
  return { started, finished, done };
}
