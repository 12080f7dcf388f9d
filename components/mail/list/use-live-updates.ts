"use client";

import { useEffect, useRef } from "react";
import { useMailBus } from "../mail-bus";
import { useNotices } from "../notices";

/**
 * Subscribes to the open mailbox's changes (server-sent events backed by IMAP IDLE) and
 * refreshes the list and the folder counts when something happens. EventSource reconnects by
 * itself after a network drop; a watch the server gave up on is retried after a pause.
 */
export function useLiveUpdates(accountId: string, mailbox: string, onChange: () => void): void {
  const bus = useMailBus();
  const { notify } = useNotices();
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let closed = false;
    const open = () => {
      const url = `/api/events?account=${encodeURIComponent(accountId)}&mailbox=${encodeURIComponent(mailbox)}`;
      source = new EventSource(url);
      const refresh = () => {
        latest.current();
        bus.emit({ type: "folders-changed", accountId });
      };
      source.addEventListener("change", refresh);
      // Mail that arrived between the page's render and the watch's start sends no event:
      // once the watch is up, fetch once to close that gap (and after every reconnect).
      source.addEventListener("ready", refresh);
      source.addEventListener("alert", (e) => {
        notify("info", `Your mail server says: ${JSON.parse((e as MessageEvent).data).text}`);
      });
      // Signed out elsewhere, or the account removed: stop asking, and say why.
      source.addEventListener("ended", (e) => {
        source?.close();
        closed = true;
        notify("error", JSON.parse((e as MessageEvent).data).message);
      });
      source.addEventListener("failed", () => {
        source?.close();
        if (!closed) retry = setTimeout(open, 20_000);
      });
    };
    open();
    return () => {
      closed = true;
      clearTimeout(retry);
      source?.close();
    };
  }, [accountId, mailbox, bus, notify]);
}
