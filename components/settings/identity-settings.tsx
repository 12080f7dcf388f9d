"use client";

import { useState } from "react";
import { deleteIdentityAction } from "@/app/settings/actions";
import type { IdentityView } from "@/lib/server/compose/compose-view";
import { IdentityForm } from "./identity-form.tsx";

const NEW = "new";

/** One account's identities: each editable, deletable, one the default; a form to add one. */
export function IdentitySettings({
  accountId,
  accountEmail,
  initial,
}: {
  accountId: string;
  accountEmail: string;
  initial: IdentityView[];
}) {
  const [identities, setIdentities] = useState(initial);
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState<{ kind: "error" | "info"; text: string } | null>(null);

  const remove = async (identity: IdentityView) => {
    const result = await deleteIdentityAction({ accountId, id: identity.id });
    if (!result.ok) return setStatus({ kind: "error", text: result.error.message });
    setIdentities(result.data);
    setStatus({ kind: "info", text: `Deleted ${identity.email}.` });
  };

  return (
    <section
      aria-label={`Identities of ${accountEmail}`}
      className="mb-8 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
    >
      <h3 className="mb-3 text-sm font-semibold">{accountEmail}</h3>
      {status && (
        <p
          role={status.kind === "error" ? "alert" : "status"}
          className={`mb-2 text-sm ${status.kind === "error" ? "text-red-700 dark:text-red-400" : "text-green-700 dark:text-green-400"}`}
        >
          {status.text}
        </p>
      )}
      <ul className="space-y-3">
        {identities.map((identity) => (
          <li key={identity.id} className="rounded-md bg-zinc-50 p-3 text-sm dark:bg-zinc-900">
            {editing === identity.id ? (
              <IdentityForm
                accountId={accountId}
                identity={identity}
                onCancel={() => setEditing(null)}
                onSaved={(list) => {
                  setIdentities(list);
                  setEditing(null);
                  setStatus({ kind: "info", text: "Identity saved." });
                }}
              />
            ) : (
              <div className="flex flex-wrap items-start gap-2">
                <div className="min-w-0 flex-1">
                  <p className="font-medium">
                    {identity.displayName
                      ? `${identity.displayName} <${identity.email}>`
                      : identity.email}
                    {identity.isDefault && (
                      <span className="ml-2 rounded bg-accent-100 px-1.5 py-0.5 text-xs text-accent-700 dark:bg-zinc-800 dark:text-accent-500">
                        default
                      </span>
                    )}
                  </p>
                  {identity.signature ? (
                    <pre className="mt-1 whitespace-pre-wrap font-sans text-xs text-zinc-500">
                      {identity.signature}
                    </pre>
                  ) : (
                    <p className="mt-1 text-xs text-zinc-500">No signature</p>
                  )}
                </div>
                <button
                  type="button"
                  onClick={() => setEditing(identity.id)}
                  aria-label={`Edit identity ${identity.email}`}
                  className="rounded px-2 py-1 text-accent-600 hover:bg-zinc-100 dark:hover:bg-zinc-800"
                >
                  Edit
                </button>
                {identity.id !== "account" && (
                  <button
                    type="button"
                    onClick={() => void remove(identity)}
                    aria-label={`Delete identity ${identity.email}`}
                    className="rounded px-2 py-1 text-red-700 hover:bg-zinc-100 dark:text-red-400 dark:hover:bg-zinc-800"
                  >
                    Delete
                  </button>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
      {editing === NEW ? (
        <div className="mt-3 rounded-md bg-zinc-50 p-3 text-sm dark:bg-zinc-900">
          <IdentityForm
            accountId={accountId}
            identity={null}
            onCancel={() => setEditing(null)}
            onSaved={(list) => {
              setIdentities(list);
              setEditing(null);
              setStatus({ kind: "info", text: "Identity added." });
            }}
          />
        </div>
      ) : (
        <button
          type="button"
          onClick={() => setEditing(NEW)}
          className="mt-3 rounded-md px-2 py-1 text-sm text-accent-600 hover:bg-zinc-100 dark:hover:bg-zinc-800"
        >
          Add identity
        </button>
      )}
    </section>
  );
}
