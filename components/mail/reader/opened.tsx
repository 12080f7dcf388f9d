"use client";

import { useEffect } from "react";
import { useMailBus } from "../mail-bus.tsx";

/** Tells the folder pane a message was just read (its unread count changed). */
export function Opened({ accountId, wasUnread }: { accountId: string; wasUnread: boolean }) {
  const bus = useMailBus();
  useEffect(() => {
    if (wasUnread) bus.emit({ type: "folders-changed", accountId });
  }, [bus, accountId, wasUnread]);
  return null;
}
