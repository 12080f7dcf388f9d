"use client";

import { type FormEvent, useId, useState } from "react";
import { setTrustedAuthservIdsAction } from "@/app/settings/accounts/actions";
import { type SaveResult, SaveStatus } from "./save-status.tsx";

/**
 * Whose SPF/DKIM/DMARC verdicts "show original" believes for this account. Only the person
 * can know their provider's name for itself; until they say, the topmost field is trusted.
 */
export function AuthservOptions({
  accountId,
  email,
  initial,
}: {
  accountId: string;
  email: string;
  initial: string;
}) {
  const [text, setText] = useState(initial);
  const [status, setStatus] = useState<SaveResult | null>(null);
  const hintId = useId();
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const result = await setTrustedAuthservIdsAction({ accountId, ids: text });
    if (!result.ok) {
      setStatus({ ok: false, text: result.message });
      return;
    }
    setText(result.ids.join(", "));
    setStatus({
      ok: true,
      text:
        result.ids.length > 0
          ? `Saved. Trusting results from ${result.ids.join(", ")}.`
          : "Saved. Trusting the topmost Authentication-Results.",
    });
  };
  return (
    <form onSubmit={save} className="mt-2 text-sm">
      <label className="block">
        <span className="block text-xs text-zinc-600 dark:text-zinc-400">
          Trusted authentication servers
        </span>
        <span className="flex gap-2">
          <input
            type="text"
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-label={`Trusted authentication servers for ${email}`}
            aria-describedby={hintId}
            placeholder="the topmost Authentication-Results"
            spellCheck={false}
            autoCapitalize="off"
            className="min-w-0 flex-1 rounded border border-zinc-300 px-1.5 py-0.5 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-900"
          />
          <button
            type="submit"
            aria-label={`Save trusted authentication servers for ${email}`}
            className="rounded border border-zinc-300 px-2 py-0.5 dark:border-zinc-700"
          >
            Save
          </button>
        </span>
      </label>
      <p id={hintId} className="mt-0.5 text-xs text-zinc-500">
        The authserv-id your provider writes in Authentication-Results (for example mx.example.com),
        separated by commas. Results from other servers are shown as not trusted.
      </p>
      <SaveStatus status={status} what="Authentication servers" account={email} />
    </form>
  );
}
