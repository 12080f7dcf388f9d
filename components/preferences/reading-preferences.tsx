"use client";

import { useState } from "react";
import { setMarkReadOnOpen } from "@/app/settings/reading-actions";

/** The reading preference: does opening a message mark it read? */
export function ReadingPreferences({ markReadOnOpen }: { markReadOnOpen: boolean }) {
  const [value, setValue] = useState(markReadOnOpen);
  const [status, setStatus] = useState<string | null>(null);
  const choose = async (next: boolean) => {
    const previous = value;
    setValue(next);
    const result = await setMarkReadOnOpen({ markReadOnOpen: next });
    if (!result.ok) {
      setValue(previous);
      setStatus(result.message ?? "Could not save.");
    } else setStatus("Saved.");
  };
  return (
    <fieldset className="space-y-2">
      <legend className="mb-1 text-lg font-semibold">Reading</legend>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        When you open a message, mark it as read:
      </p>
      <label className="flex items-center gap-2 text-sm">
        <input type="radio" name="mark-read" checked={value} onChange={() => void choose(true)} />{" "}
        Immediately
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="radio" name="mark-read" checked={!value} onChange={() => void choose(false)} />{" "}
        Never (I mark messages read myself)
      </label>
      {status && (
        <p role="status" aria-label="Reading preference" className="text-xs text-zinc-500">
          {status}
        </p>
      )}
    </fieldset>
  );
}
