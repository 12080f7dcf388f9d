import "server-only";
/**
 * Watching a POP3 account for the browser: the store announces every change (new mail from a
 * scheduled check, a flag set in another tab); opening the watch also asks for a check, so a
 * person who opens the inbox sees what arrived since the last scheduled one.
 */
import { onPop3Change, requestPop3Check } from "../pop3/index.ts";
import type { MailboxWatch, WatchEvent } from "./mailbox-watch.ts";

const WATCHED_INTERVAL_MS = 20_000;

export function watchPop3(
  accountId: string,
  folder: string,
  onEvent: (event: WatchEvent) => void,
): MailboxWatch {
  let finish = () => {};
  const ended = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const unsubscribe = onPop3Change((event) => {
    if (event.accountId !== accountId) return;
    if (event.kind === "check") {
      if (event.problem) onEvent({ type: "alert", text: event.problem.message });
      return;
    }
    if (event.folders.length === 0 || event.folders.includes(folder))
      onEvent({ type: "exists", count: event.count ?? 0 });
  });
  requestPop3Check(accountId, "manual");
  // While someone looks at the inbox, check more often than the background schedule; the
  // scheduler still honours the server's LOGIN-DELAY and back-offs for "schedule" checks.
  const poll = setInterval(() => requestPop3Check(accountId, "schedule"), WATCHED_INTERVAL_MS);
  return {
    ready: Promise.resolve(),
    ended,
    async stop() {
      clearInterval(poll);
      unsubscribe();
      finish();
    },
  };
}
