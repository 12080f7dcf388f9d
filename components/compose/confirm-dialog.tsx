"use client";

import { useId } from "react";

/** A modal question with two answers; Escape or the second button says no. */
export function ConfirmDialog({
  title,
  text,
  yes,
  no,
  onAnswer,
}: {
  title: string;
  text: string;
  yes: string;
  no: string;
  onAnswer: (yes: boolean) => void;
}) {
  const id = useId();
  return (
    <div className="fixed inset-0 z-40 flex items-center justify-center bg-black/30 p-4">
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-text`}
        onKeyDown={(event) => event.key === "Escape" && onAnswer(false)}
        className="w-full max-w-sm rounded-lg bg-white p-4 shadow-xl dark:bg-zinc-900"
      >
        <h2 id={`${id}-title`} className="text-base font-semibold">
          {title}
        </h2>
        <p id={`${id}-text`} className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
          {text}
        </p>
        <div className="mt-4 flex justify-end gap-2">
          <button
            type="button"
            onClick={() => onAnswer(false)}
            className="rounded-md px-3 py-1.5 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800"
          >
            {no}
          </button>
          <button
            type="button"
            // biome-ignore lint/a11y/noAutofocus: the dialog opens to be answered
            autoFocus
            onClick={() => onAnswer(true)}
            className="rounded-md bg-accent-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-accent-700"
          >
            {yes}
          </button>
        </div>
      </div>
    </div>
  );
}
