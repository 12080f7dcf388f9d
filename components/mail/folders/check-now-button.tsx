"use client";

import { useState } from "react";
import { checkNowAction } from "@/app/mail/actions";
import { InboxIcon } from "@/components/ui/icons";
import { useMailBus } from "../mail-bus.tsx";
import { useNotices } from "../notices.tsx";

/** POP3 has no push: a person can ask for a check now (the schedule does it every few minutes). */
export function CheckNowButton({ accountId, email }: { accountId: string; email: string }) {
  const [busy, setBusy] = useState(false);
  const { notify } = useNotices();
  const bus = useMailBus();
  return (
    <button
      type="button"
      disabled={busy}
      aria-label={`Check ${email} for new mail`}
      title="Check for new mail"
      onClick={async () => {
        setBusy(true);
        const result = await checkNowAction({ accountId });
        setBusy(false);
        if (!result.ok) return notify("error", result.error.message);
        if (result.data.problem) return notify("error", result.data.problem);
        notify(
          "info",
          result.data.newMessages
            ? `${result.data.newMessages} new message${result.data.newMessages === 1 ? "" : "s"} in ${email}.`
            : `No new mail in ${email}.`,
        );
        bus.emit({ type: "mailbox-changed", accountId, mailbox: "INBOX" });
      }}
      className="rounded p-1 text-zinc-500 hover:bg-zinc-200 disabled:opacity-50 dark:hover:bg-zinc-800"
    >
      <InboxIcon />
    </button>
  );
}
