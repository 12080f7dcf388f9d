"use client";

import { useCallback, useState } from "react";
import { deleteSelected, moveToFolder, setMessageFlag } from "@/app/mail/actions";
import type { MessageFlags, MessageSummary } from "@/lib/view-models/mailbox";
import { useMailBus } from "../mail-bus.tsx";
import { useNotices } from "../notices.tsx";

export type Destination =
  | { path: string; name: string }
  | { special: "archive" | "junk" | "trash"; name: string };

/**
 * The list's actions, optimistic: the change shows at once, the server is asked, and a refusal
 * puts things back with the server's reason.
 */
export function useListActions(accountId: string, mailbox: string, reload: () => void) {
  const [flagOverrides, setFlagOverrides] = useState(new Map<number, Partial<MessageFlags>>());
  const [hidden, setHidden] = useState(new Set<number>());
  const { notify } = useNotices();
  const bus = useMailBus();

  const withFlags = useCallback(
    (message: MessageSummary): MessageSummary => {
      const override = flagOverrides.get(message.uid);
      return override ? { ...message, flags: { ...message.flags, ...override } } : message;
    },
    [flagOverrides],
  );

  const setFlag = async (
    uids: number[] | "all",
    flag: "seen" | "flagged",
    value: boolean,
    visible: number[],
  ) => {
    const affected = uids === "all" ? visible : uids;
    setFlagOverrides((map) => {
      const next = new Map(map);
      for (const uid of affected) next.set(uid, { ...next.get(uid), [flag]: value });
      return next;
    });
    const result = await setMessageFlag({ accountId, mailbox, selection: uids, flag, value });
    if (!result.ok) {
      // Back to what the server last said for these messages.
      setFlagOverrides((map) => {
        const next = new Map(map);
        for (const uid of affected) {
          const { [flag]: _dropped, ...rest } = next.get(uid) ?? {};
          if (Object.keys(rest).length) next.set(uid, rest);
          else next.delete(uid);
        }
        return next;
      });
      notify("error", result.error.message);
      return;
    }
    if (flag === "seen" || uids === "all")
      bus.emit({ type: "mailbox-changed", accountId, mailbox });
    if (uids === "all") reload();
  };

  const settle = (uids: number[] | "all", visible: number[]) => {
    const affected = uids === "all" ? visible : uids;
    setHidden((set) => new Set([...set, ...affected]));
    return () =>
      setHidden((set) => {
        const next = new Set(set);
        for (const uid of affected) next.delete(uid);
        return next;
      });
  };

  const move = async (uids: number[] | "all", destination: Destination, visible: number[]) => {
    const undo = settle(uids, visible);
    const result = await moveToFolder({
      accountId,
      mailbox,
      selection: uids,
      destination:
        "path" in destination ? { path: destination.path } : { special: destination.special },
    });
    if (!result.ok) {
      undo();
      notify("error", result.error.message);
      return false;
    }
    const count =
      uids === "all" ? "All messages" : uids.length === 1 ? "1 message" : `${uids.length} messages`;
    notify("info", `${count} moved to ${destination.name}.`);
    bus.emit({ type: "moved", accountId, mailbox, uids, destination: result.data.destination });
    reload();
    return true;
  };

  const remove = async (uids: number[] | "all", visible: number[]) => {
    const undo = settle(uids, visible);
    const result = await deleteSelected({ accountId, mailbox, selection: uids });
    if (!result.ok) {
      undo();
      notify("error", result.error.message);
      return false;
    }
    const count =
      uids === "all" ? "All messages" : uids.length === 1 ? "1 message" : `${uids.length} messages`;
    notify(
      "info",
      result.data.outcome === "trash" ? `${count} moved to Trash.` : `${count} deleted for good.`,
    );
    bus.emit({ type: "mailbox-changed", accountId, mailbox });
    reload();
    return true;
  };

  /** Show a change the server makes on its own (opening a message marks it read). */
  const setFlagLocally = useCallback((uid: number, flags: Partial<MessageFlags>) => {
    setFlagOverrides((map) => new Map(map).set(uid, { ...map.get(uid), ...flags }));
  }, []);

  const clearAfterReload = useCallback(() => {
    setHidden(new Set());
    setFlagOverrides(new Map());
  }, []);

  return { withFlags, hidden, setFlag, setFlagLocally, move, remove, clearAfterReload };
}
