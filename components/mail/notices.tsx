"use client";

import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";

export interface Notice {
  id: number;
  kind: "error" | "info";
  text: string;
}

interface NoticeApi {
  notify(kind: Notice["kind"], text: string): void;
}

const NoticeContext = createContext<NoticeApi>({ notify: () => {} });

export function useNotices(): NoticeApi {
  return useContext(NoticeContext);
}

/**
 * Messages about what just happened ("Moved to Archive", "The server refused: …"). Errors go
 * to an assertive live region so a screen reader interrupts; the rest are polite.
 */
export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const notify = useCallback((kind: Notice["kind"], text: string) => {
    const id = Date.now() + Math.random();
    setNotices((list) => [...list.slice(-3), { id, kind, text }]);
    setTimeout(
      () => setNotices((list) => list.filter((n) => n.id !== id)),
      kind === "error" ? 12_000 : 5_000,
    );
  }, []);
  const api = useMemo(() => ({ notify }), [notify]);
  const dismiss = (id: number) => setNotices((list) => list.filter((n) => n.id !== id));
  return (
    <NoticeContext.Provider value={api}>
      {children}
      <div className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex flex-col items-center gap-2 px-4">
        <div role="alert" aria-label="Errors" className="flex flex-col items-center gap-2">
          {notices
            .filter((n) => n.kind === "error")
            .map((n) => (
              <NoticeView key={n.id} notice={n} onDismiss={dismiss} />
            ))}
        </div>
        <div role="status" aria-label="Notices" className="flex flex-col items-center gap-2">
          {notices
            .filter((n) => n.kind === "info")
            .map((n) => (
              <NoticeView key={n.id} notice={n} onDismiss={dismiss} />
            ))}
        </div>
      </div>
    </NoticeContext.Provider>
  );
}

function NoticeView({ notice, onDismiss }: { notice: Notice; onDismiss: (id: number) => void }) {
  return (
    <div
      className={`pointer-events-auto flex max-w-lg items-start gap-3 rounded-lg px-4 py-2 text-sm shadow-lg ${
        notice.kind === "error"
          ? "bg-red-700 text-white"
          : "bg-zinc-800 text-white dark:bg-zinc-200 dark:text-zinc-900"
      }`}
    >
      <p className="flex-1">{notice.text}</p>
      <button
        type="button"
        onClick={() => onDismiss(notice.id)}
        aria-label="Dismiss"
        className="opacity-80 hover:opacity-100"
      >
        ×
      </button>
    </div>
  );
}
