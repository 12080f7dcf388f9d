"use client";

import { useEffect, useRef } from "react";

export const SHORTCUTS: [string, string][] = [
  ["j / ↓", "Next message"],
  ["k / ↑", "Previous message"],
  ["Enter", "Open message"],
  ["x", "Select or unselect message"],
  ["u", "Mark read / unread"],
  ["s", "Flag / unflag"],
  ["e", "Archive"],
  ["# / Delete", "Delete"],
  ["/", "Search"],
  ["?", "Show these shortcuts"],
];

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => ref.current?.showModal(), []);
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-label="Keyboard shortcuts"
      className="m-auto w-full max-w-sm rounded-lg bg-white p-5 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <h2 className="mb-3 text-lg font-semibold">Keyboard shortcuts</h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        {SHORTCUTS.map(([keys, what]) => (
          <div key={keys} className="contents">
            <dt>
              <kbd className="rounded border border-zinc-300 px-1.5 font-mono text-xs dark:border-zinc-600">
                {keys}
              </kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <form method="dialog" className="mt-4 text-right">
        <button type="submit" className="rounded-md bg-accent-600 px-3 py-1.5 text-sm text-white">
          Close
        </button>
      </form>
    </dialog>
  );
}
