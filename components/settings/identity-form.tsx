"use client";

import { type FormEvent, useId, useState } from "react";
import { saveIdentityAction } from "@/app/settings/actions";
import type { IdentityView } from "@/lib/server/compose/compose-view";

const field =
  "w-full rounded border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-950";

/** Name, address, signature and "default" of one identity; saved on the server, checked there. */
export function IdentityForm({
  accountId,
  identity,
  onSaved,
  onCancel,
}: {
  accountId: string;
  identity: IdentityView | null;
  onSaved: (identities: IdentityView[]) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [displayName, setDisplayName] = useState(identity?.displayName ?? "");
  const [email, setEmail] = useState(identity?.email ?? "");
  const [signature, setSignature] = useState(identity?.signature ?? "");
  const [isDefault, setIsDefault] = useState(identity?.isDefault ?? false);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    const result = await saveIdentityAction({
      accountId,
      id: identity?.id ?? null,
      displayName,
      email,
      signature,
      isDefault,
    });
    setSaving(false);
    if (!result.ok) return setProblem(result.error.message);
    if (result.data.problem !== null) return setProblem(result.data.problem);
    onSaved(result.data.identities);
  };

  return (
    <form
      onSubmit={submit}
      aria-label={identity ? `Edit identity ${identity.email}` : "New identity"}
      className="space-y-2"
    >
      <div>
        <label htmlFor={`${id}-name`} className="mb-0.5 block text-xs text-zinc-500">
          Display name
        </label>
        <input
          id={`${id}-name`}
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          className={field}
        />
      </div>
      <div>
        <label htmlFor={`${id}-email`} className="mb-0.5 block text-xs text-zinc-500">
          Email address
        </label>
        <input
          id={`${id}-email`}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          className={field}
        />
      </div>
      <div>
        <label htmlFor={`${id}-signature`} className="mb-0.5 block text-xs text-zinc-500">
          Signature
        </label>
        <textarea
          id={`${id}-signature`}
          value={signature}
          rows={4}
          onChange={(e) => setSignature(e.target.value)}
          className={field}
        />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={isDefault}
          onChange={(e) => setIsDefault(e.target.checked)}
        />
        Use by default
      </label>
      {problem && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {problem}
        </p>
      )}
      <div className="flex gap-2">
        <button
          type="submit"
          disabled={saving}
          className="rounded-md bg-accent-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-accent-700 disabled:opacity-50"
        >
          Save identity
        </button>
        <button
          type="button"
          onClick={onCancel}
          className="rounded-md px-3 py-1.5 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800"
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
