"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { removeAccountAction } from "@/app/settings/accounts/actions";
import { AuthservOptions } from "./authserv-options.tsx";
import { Pop3Options, type Pop3OptionsValue } from "./pop3-options.tsx";

export interface AccountRow {
  id: string;
  email: string;
  protocol: string;
  incoming: string;
  smtp: string;
  current: boolean;
  pop3Policy: Pop3OptionsValue | null;
  /** Trusted authserv-ids as the person typed them, comma-separated; "" for the topmost. */
  trustedAuthservIds: string;
}

/** The person's accounts; removing one asks first and says what goes with it. */
export function AccountList({ accounts }: { accounts: AccountRow[] }) {
  const router = useRouter();
  const [confirm, setConfirm] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <div>
      <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
        {accounts.map((a) => (
          <li key={a.id} className="flex flex-wrap items-center gap-3 p-3 text-sm">
            <div className="min-w-0 flex-1">
              <p className="font-medium">
                {a.email}{" "}
                {a.current && <span className="text-xs text-zinc-500">(signed in with)</span>}
              </p>
              <p className="text-xs text-zinc-500">
                {a.protocol.toUpperCase()} {a.incoming} · SMTP {a.smtp}
              </p>
              {a.pop3Policy && (
                <Pop3Options accountId={a.id} email={a.email} initial={a.pop3Policy} />
              )}
              <AuthservOptions accountId={a.id} email={a.email} initial={a.trustedAuthservIds} />
            </div>
            {confirm === a.id ? (
              <span className="flex items-center gap-2">
                <span>
                  Remove {a.email} and everything Letterbox keeps for it? Your other signed-in
                  browsers will be signed out.
                </span>
                <button
                  type="button"
                  className="rounded bg-red-700 px-2 py-1 text-white"
                  onClick={async () => {
                    const result = await removeAccountAction({ accountId: a.id });
                    setConfirm(null);
                    if (!result.ok) setProblem(result.message);
                    else router.refresh();
                  }}
                >
                  Remove
                </button>
                <button
                  type="button"
                  className="rounded px-2 py-1"
                  onClick={() => setConfirm(null)}
                >
                  Keep
                </button>
              </span>
            ) : (
              <button
                type="button"
                className="rounded px-2 py-1 text-red-700 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950"
                onClick={() => setConfirm(a.id)}
                aria-label={`Remove ${a.email}`}
              >
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      {problem && (
        <p
          role="alert"
          aria-label="Account problem"
          className="mt-2 text-sm text-red-700 dark:text-red-400"
        >
          {problem}
        </p>
      )}
    </div>
  );
}
