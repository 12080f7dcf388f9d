/**
 * Changes to POP3 accounts, for live updates: what IMAP IDLE tells the browser about an IMAP
 * mailbox, the store tells its listeners about a POP3 account (new mail from a check, flags,
 * moves, deletions, folders, a check that failed). The events route turns them into "change"
 * events; the browser refetches through the ordinary list calls.
 */
import type { UserFacingError } from "../mail/describe-error.ts";

export type Pop3ChangeKind = "new" | "flags" | "moved" | "deleted" | "folders" | "check";

export interface Pop3ChangeEvent {
  accountId: string;
  kind: Pop3ChangeKind;
  /** Folders whose list or counts changed (empty for "check"). */
  folders: string[];
  /** Messages concerned, when counted. */
  count?: number;
  /** For "check": why the check failed ([IN-USE], [LOGIN-DELAY] ...), in words for people. */
  problem?: UserFacingError;
}

export type Pop3ChangeListener = (event: Pop3ChangeEvent) => void;

// On globalThis: the events route and the scheduler may load this module as separate copies
// under Next's dev server; both must share one set of listeners.
const holder = globalThis as unknown as { __letterboxPop3Listeners?: Set<Pop3ChangeListener> };
holder.__letterboxPop3Listeners ??= new Set();
const listeners = holder.__letterboxPop3Listeners;

/** Subscribe; returns the unsubscribe function. Filter by `event.accountId`. */
export function onPop3Change(listener: Pop3ChangeListener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function emitPop3Change(event: Pop3ChangeEvent): void {
  for (const listener of [...listeners]) {
    try {
      listener(event);
    } catch (error) {
      // One broken listener (a closed stream) must not stop a check or the other listeners.
      console.error("letterbox: a POP3 change listener failed", error);
    }
  }
}
