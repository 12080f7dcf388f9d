"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { trustSenderAction } from "@/app/mail/reader-actions";
import { ImageIcon } from "@/components/ui/icons";
import { useNotices } from "../notices.tsx";

interface Props {
  accountId: string;
  blocked: number;
  trackingPixels: number;
  hosts: string[];
  sender: string | null;
  /** The sender is one the person always loads from, but this message is not proven theirs. */
  senderUnverified: boolean;
  loadHref: string;
}

/** Remote images stay blocked until the person asks, for this message or this sender. */
export function RemoteContentBar({
  accountId,
  blocked,
  trackingPixels,
  hosts,
  sender,
  senderUnverified,
  loadHref,
}: Props) {
  const router = useRouter();
  const { notify } = useNotices();
  const [busy, setBusy] = useState(false);
  if (blocked === 0) return null;
  const shownHosts = [...new Set(hosts)].slice(0, 3).join(", ");
  return (
    <section
      aria-label="Remote content"
      className="mx-5 my-2 flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md bg-zinc-100 px-3 py-2 text-sm dark:bg-zinc-800"
    >
      <ImageIcon aria-hidden="true" />
      <p className="flex-1">
        {blocked} remote item{blocked === 1 ? "" : "s"} blocked
        {trackingPixels > 0 &&
          ` (${trackingPixels} tracking pixel${trackingPixels === 1 ? "" : "s"})`}
        {shownHosts && <span className="text-zinc-500"> from {shownHosts}</span>}.
        {senderUnverified && sender && (
          <span className="block text-xs text-amber-800 dark:text-amber-300">
            You always load remote content from {sender}, but your mail server did not confirm that
            this message comes from them (no DMARC or DKIM pass for their domain), so it stays
            blocked.
          </span>
        )}
      </p>
      <Link href={loadHref} className="font-medium text-accent-600 hover:underline">
        Load remote content
      </Link>
      {sender && !senderUnverified && (
        <button
          type="button"
          disabled={busy}
          className="font-medium text-accent-600 hover:underline disabled:opacity-50"
          onClick={async () => {
            setBusy(true);
            const result = await trustSenderAction({ accountId, address: sender });
            setBusy(false);
            if (!result.ok) notify("error", result.error.message);
            else router.refresh();
          }}
        >
          Always for {sender}
        </button>
      )}
    </section>
  );
}
