"use client";

import { createContext, type ReactNode, useContext, useEffect, useMemo, useRef } from "react";

/** Things one pane tells the others: a drop onto a folder moved messages, counts changed … */
export type MailBusEvent =
  | {
      type: "moved";
      accountId: string;
      mailbox: string;
      uids: number[] | "all";
      destination: string;
    }
  | { type: "mailbox-changed"; accountId: string; mailbox: string }
  | { type: "folders-changed"; accountId: string }
  | { type: "seen"; accountId: string; mailbox: string; uid: number; seen: boolean };

type Listener = (event: MailBusEvent) => void;

interface Bus {
  emit(event: MailBusEvent): void;
  subscribe(listener: Listener): () => void;
}

const BusContext = createContext<Bus | null>(null);

export function MailBusProvider({ children }: { children: ReactNode }) {
  const listeners = useRef(new Set<Listener>());
  const bus = useMemo<Bus>(
    () => ({
      emit: (event) => {
        for (const listener of listeners.current) listener(event);
      },
      subscribe: (listener) => {
        listeners.current.add(listener);
        return () => listeners.current.delete(listener);
      },
    }),
    [],
  );
  return <BusContext.Provider value={bus}>{children}</BusContext.Provider>;
}

export function useMailBus(): Bus {
  const bus = useContext(BusContext);
  if (!bus) throw new Error("useMailBus outside MailBusProvider");
  return bus;
}

export function useMailBusListener(listener: Listener): void {
  const bus = useMailBus();
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => bus.subscribe((event) => latest.current(event)), [bus]);
}
