"use client";

import { type FormEvent, useEffect, useRef, useState } from "react";

interface Props {
  title: string;
  label?: string;
  initial?: string;
  confirmText: string;
  danger?: boolean;
  description?: string;
  onConfirm: (value: string) => Promise<string | null>;
  onClose: () => void;
}

/** A modal for one folder decision: a name to type, or a deletion to confirm. */
export function FolderDialog({
  title,
  label,
  initial = "",
  confirmText,
  danger,
  description,
  onConfirm,
  onClose,
}: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const problem = await onConfirm(value);
    setBusy(false);
    if (problem) setError(problem);
    else onClose();
  };
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-label={title}
      className="m-auto w-full max-w-sm rounded-lg bg-white p-5 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <form onSubmit={submit} className="space-y-3">
        <h2 className="text-lg font-semibold">{title}</h2>
        {description && <p className="text-sm text-zinc-600 dark:text-zinc-400">{description}</p>}
        {label && (
          <label className="block text-sm">
            {label}
            <input
              value={value}
              onChange={(e) => setValue(e.target.value)}
              className="mt-1 w-full rounded-md border border-zinc-300 px-3 py-2 dark:border-zinc-700 dark:bg-zinc-950"
              autoFocus
            />
          </label>
        )}
        {error && (
          <p
            role="alert"
            aria-label="Folder problem"
            className="text-sm text-red-700 dark:text-red-400"
          >
            {error}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <button type="button" onClick={onClose} className="rounded-md px-3 py-1.5 text-sm">
            Cancel
          </button>
          <button
            type="submit"
            disabled={busy}
            className={`rounded-md px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60 ${
              danger ? "bg-red-700 hover:bg-red-800" : "bg-accent-600 hover:bg-accent-700"
            }`}
          >
            {confirmText}
          </button>
        </div>
      </form>
    </dialog>
  );
}
