"use client";

import type { ComposeInitial } from "@/lib/server/compose/compose-view";
import type { useComposer } from "./use-composer.ts";

const TITLES = {
  reply: "Reply",
  "reply-all": "Reply all",
  forward: "Forward",
  "forward-attachment": "Forward as attachment",
} as const;

/** Title, draft status and the composer's actions. */
export function ComposeHeader({
  c,
  initial,
  onDiscard,
}: {
  c: ReturnType<typeof useComposer>;
  initial: ComposeInitial;
  onDiscard: () => void;
}) {
  const title = initial.origin
    ? TITLES[initial.origin.mode]
    : initial.draftUid !== null
      ? "Draft"
      : "New message";
  return (
    <div className="flex flex-wrap items-center gap-2 border-b border-zinc-200 px-4 py-2 dark:border-zinc-800">
      <h1 className="text-base font-semibold">{title}</h1>
      <p role="status" aria-label="Draft status" className="text-xs text-zinc-500">
        {c.busy === "sending" ? "Sending…" : (c.draft.note ?? "")}
      </p>
      <div className="ml-auto flex items-center gap-2">
        <button
          type="button"
          onClick={onDiscard}
          disabled={c.busy !== null}
          className="rounded-md px-3 py-1.5 text-sm hover:bg-zinc-100 disabled:opacity-50 dark:hover:bg-zinc-800"
        >
          Discard
        </button>
        <button
          type="button"
          onClick={() => void c.saveNow(true)}
          disabled={c.busy !== null}
          className="rounded-md px-3 py-1.5 text-sm hover:bg-zinc-100 disabled:opacity-50 dark:hover:bg-zinc-800"
        >
          Save draft
        </button>
        <button
          type="submit"
          disabled={c.busy !== null}
          className="rounded-md bg-accent-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-accent-700 disabled:opacity-50"
        >
          {c.busy === "sending" ? "Sending…" : "Send"}
        </button>
      </div>
    </div>
  );
}
