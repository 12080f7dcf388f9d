"use client";

import Link from "next/link";
import type { RefusedRecipient, SendOutcome } from "@/lib/server/compose/compose-view";

type Sent = Extract<SendOutcome, { status: "sent" }>;
type Failed = Extract<SendOutcome, { status: "failed" }>;

function RefusedList({ refused }: { refused: RefusedRecipient[] }) {
  if (refused.length === 0) return null;
  return (
    <ul aria-label="Refused recipients" className="mt-1 list-disc pl-5">
      {refused.map((r) => (
        <li key={r.address}>{r.message}</li>
      ))}
    </ul>
  );
}

/** Sent, but not to everyone (or not everything after sending worked): say exactly what. */
export function SentReport({ outcome, backHref }: { outcome: Sent; backHref: string }) {
  return (
    <div className="p-6">
      <div role="alert" aria-label="Sending report" className="max-w-2xl space-y-2 text-sm">
        <h1 className="text-lg font-semibold">
          {outcome.refused.length > 0 ? "Sent, but not to everyone" : "Message sent"}
        </h1>
        {outcome.accepted.length > 0 && <p>Sent to {outcome.accepted.join(", ")}.</p>}
        {outcome.refused.length > 0 && (
          <div className="text-red-700 dark:text-red-400">
            <p>Not delivered to:</p>
            <RefusedList refused={outcome.refused} />
          </div>
        )}
        {outcome.warnings.map((w) => (
          <p key={w} className="text-amber-700 dark:text-amber-400">
            {w}
          </p>
        ))}
      </div>
      <Link href={backHref} className="mt-4 inline-block text-sm text-accent-600 hover:underline">
        Back to the mailbox
      </Link>
    </div>
  );
}

/** Not sent: what the server said, and that the message is safe in Drafts. */
export function SendFailure({ outcome }: { outcome: Failed }) {
  return (
    <div
      role="alert"
      aria-label="Sending failed"
      className="mx-4 my-2 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
    >
      <p>{outcome.message}</p>
      <RefusedList refused={outcome.refused.length > 1 ? outcome.refused : []} />
      <p className="mt-1 text-xs">
        {outcome.draftUid !== null
          ? "Your message and its attachments are kept here and saved in Drafts."
          : (outcome.draftError ?? "")}
      </p>
    </div>
  );
}
