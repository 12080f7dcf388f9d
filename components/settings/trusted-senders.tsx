"use client";

import { useState } from "react";
import { forgetSenderAction } from "@/app/settings/reading-actions";

/** The senders whose remote content loads without asking, each with a way back. */
export function TrustedSenders({ addresses }: { addresses: string[] }) {
  const [list, setList] = useState(addresses);
  const [problem, setProblem] = useState<string | null>(null);
  const forget = async (address: string) => {
    const result = await forgetSenderAction({ address });
    if (!result.ok) setProblem(result.message ?? "Could not save.");
    else {
      setProblem(null);
      setList((current) => current.filter((a) => a !== address));
    }
  };
  return (
    <div className="text-sm">
      <p className="mb-2 text-zinc-600 dark:text-zinc-400">
        Images and other remote content load without asking for these senders, when your mail server
        confirms the message is theirs (DMARC or DKIM).
      </p>
      {list.length === 0 ? (
        <p className="text-zinc-500">No senders yet: use “Always for …” above a message.</p>
      ) : (
        <ul aria-label="Senders whose remote content loads" className="space-y-1">
          {list.map((address) => (
            <li key={address} className="flex items-center gap-2">
              <span className="font-mono text-xs">{address}</span>
              <button
                type="button"
                aria-label={`Stop loading remote content from ${address}`}
                onClick={() => void forget(address)}
                className="rounded px-2 py-0.5 text-accent-600 hover:bg-zinc-100 dark:hover:bg-zinc-800"
              >
                Forget
              </button>
            </li>
          ))}
        </ul>
      )}
      {problem && (
        <p role="alert" className="mt-2 text-red-700 dark:text-red-400">
          {problem}
        </p>
      )}
    </div>
  );
}
