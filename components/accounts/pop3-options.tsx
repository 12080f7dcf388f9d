"use client";

import { type FormEvent, useState } from "react";
import { setPop3PolicyAction } from "@/app/settings/accounts/actions";
import { type SaveResult, SaveStatus } from "./save-status.tsx";

export interface Pop3OptionsValue {
  leaveOnServer: boolean;
  deleteAfterDays: number | null;
  deleteWhenDeletedHere: boolean;
}

/** What happens on the POP3 server to mail Letterbox has downloaded. */
export function Pop3Options({
  accountId,
  email,
  initial,
}: {
  accountId: string;
  email: string;
  initial: Pop3OptionsValue;
}) {
  const [value, setValue] = useState(initial);
  const [status, setStatus] = useState<SaveResult | null>(null);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const result = await setPop3PolicyAction({ accountId, ...value });
    setStatus(result.ok ? { ok: true, text: "Saved." } : { ok: false, text: result.message });
  };
  return (
    <form onSubmit={save} className="mt-2">
      <fieldset aria-label={`POP3 options for ${email}`} className="space-y-1 text-sm">
        <legend className="sr-only">POP3 options for {email}</legend>
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={value.leaveOnServer}
            onChange={(e) => setValue({ ...value, leaveOnServer: e.target.checked })}
          />
          Leave messages on the server
        </label>
        {value.leaveOnServer && (
          <>
            <label className="ml-6 flex items-center gap-2">
              <input
                type="checkbox"
                checked={value.deleteWhenDeletedHere}
                onChange={(e) => setValue({ ...value, deleteWhenDeletedHere: e.target.checked })}
              />
              Delete from the server when deleted here
            </label>
            <label className="ml-6 flex items-center gap-2">
              <input
                type="checkbox"
                checked={value.deleteAfterDays !== null}
                onChange={(e) =>
                  setValue({ ...value, deleteAfterDays: e.target.checked ? 30 : null })
                }
              />
              Delete from the server after
              <input
                type="number"
                min={1}
                max={3650}
                aria-label="Days before deleting from the server"
                disabled={value.deleteAfterDays === null}
                value={value.deleteAfterDays ?? 30}
                onChange={(e) =>
                  setValue({ ...value, deleteAfterDays: Number(e.target.value) || 1 })
                }
                className="w-16 rounded border border-zinc-300 px-1 dark:border-zinc-700 dark:bg-zinc-900"
              />
              days
            </label>
          </>
        )}
        <button
          type="submit"
          className="mt-1 rounded border border-zinc-300 px-2 py-0.5 dark:border-zinc-700"
        >
          Save
        </button>
        <SaveStatus status={status} what="POP3 options" account={email} />
      </fieldset>
    </form>
  );
}
