"use client";

/**
 * What a person sees when a mail page fails in a way no page caught (a bug, the database
 * gone): a sentence and a way forward, never a blank screen. Nothing typed is at stake here:
 * the composer keeps its own drafts.
 */
export default function MailError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div role="alert" aria-label="Page problem" className="mx-auto max-w-lg space-y-3 p-6 text-sm">
      <p className="font-medium">This page could not be shown.</p>
      <p className="text-zinc-600 dark:text-zinc-400">
        Letterbox hit a problem it did not expect. Try again; if it keeps happening, the server's
        log has the details
        {error.digest ? (
          <>
            {" "}
            under <span className="font-mono">{error.digest}</span>
          </>
        ) : null}
        .
      </p>
      <div className="flex gap-2">
        <button
          type="button"
          onClick={reset}
          className="rounded bg-accent-600 px-3 py-1.5 text-white hover:bg-accent-700"
        >
          Try again
        </button>
        <a href="/mail" className="rounded px-3 py-1.5 text-accent-600 hover:underline">
          Back to the inbox
        </a>
      </div>
    </div>
  );
}
