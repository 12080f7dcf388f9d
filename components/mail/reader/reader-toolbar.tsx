"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { deleteSelected, moveToFolder, setMessageFlag } from "@/app/mail/actions";
import {
  ArchiveIcon,
  BackIcon,
  CodeIcon,
  EnvelopeIcon,
  ForwardIcon,
  JunkIcon,
  ReplyAllIcon,
  ReplyIcon,
  StarIcon,
  TrashIcon,
} from "@/components/ui/icons";
import { useMailBus } from "../mail-bus.tsx";
import { useNotices } from "../notices.tsx";

interface Props {
  accountId: string;
  mailbox: string;
  uid: number;
  flagged: boolean;
  mailboxHref: string;
  originalHref: string;
  /** The composer's URL for this message; the mode is added per button. */
  composeBase: string;
  inTrash: boolean;
}

const button =
  "flex items-center gap-1 rounded-md px-2 py-1.5 text-sm hover:bg-zinc-100 disabled:opacity-50 dark:hover:bg-zinc-800";

export function ReaderToolbar(props: Props) {
  const router = useRouter();
  const bus = useMailBus();
  const { notify } = useNotices();
  const [flagged, setFlagged] = useState(props.flagged);
  const [busy, setBusy] = useState(false);
  const { accountId, mailbox, uid } = props;
  const composeHref = (mode: string) => `${props.composeBase}&mode=${mode}`;

  const leave = (text: string) => {
    notify("info", text);
    bus.emit({ type: "mailbox-changed", accountId, mailbox });
    router.push(props.mailboxHref);
  };

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  };

  const move = (special: "archive" | "junk", name: string) =>
    run(async () => {
      const result = await moveToFolder({
        accountId,
        mailbox,
        selection: [uid],
        destination: { special },
      });
      if (!result.ok) notify("error", result.error.message);
      else leave(`Moved to ${name}.`);
    });

  return (
    <div
      role="toolbar"
      aria-label="Message"
      className="flex flex-wrap items-center gap-1 border-b border-zinc-200 px-2 py-1 dark:border-zinc-800"
    >
      <Link
        href={props.mailboxHref}
        className={`${button} lg:hidden`}
        aria-label="Back to the list"
      >
        <BackIcon />
      </Link>
      <Link href={composeHref("reply")} className={button}>
        <ReplyIcon /> Reply
      </Link>
      <Link href={composeHref("reply-all")} className={button}>
        <ReplyAllIcon /> Reply all
      </Link>
      <Link href={composeHref("forward")} className={button}>
        <ForwardIcon /> Forward
      </Link>
      <Link href={composeHref("forward-attachment")} className={`${button} hidden xl:flex`}>
        Forward as attachment
      </Link>
      <span className="mx-1 h-5 w-px bg-zinc-200 dark:bg-zinc-700" aria-hidden="true" />
      <button
        type="button"
        className={button}
        disabled={busy}
        onClick={() => move("archive", "Archive")}
        aria-label="Archive"
      >
        <ArchiveIcon />
      </button>
      <button
        type="button"
        className={button}
        disabled={busy}
        onClick={() => move("junk", "Junk")}
        aria-label="Move to Junk"
      >
        <JunkIcon />
      </button>
      <button
        type="button"
        className={button}
        disabled={busy}
        aria-label={props.inTrash ? "Delete forever" : "Delete"}
        onClick={() =>
          run(async () => {
            const result = await deleteSelected({ accountId, mailbox, selection: [uid] });
            if (!result.ok) notify("error", result.error.message);
            else leave(result.data.outcome === "trash" ? "Moved to Trash." : "Deleted for good.");
          })
        }
      >
        <TrashIcon />
      </button>
      <button
        type="button"
        className={button}
        disabled={busy}
        aria-label="Mark as unread"
        onClick={() =>
          run(async () => {
            const result = await setMessageFlag({
              accountId,
              mailbox,
              selection: [uid],
              flag: "seen",
              value: false,
            });
            if (!result.ok) notify("error", result.error.message);
            else leave("Marked as unread.");
          })
        }
      >
        <EnvelopeIcon />
      </button>
      <button
        type="button"
        className={`${button} ${flagged ? "text-amber-500" : ""}`}
        disabled={busy}
        aria-label={flagged ? "Unflag" : "Flag"}
        aria-pressed={flagged}
        onClick={() =>
          run(async () => {
            setFlagged(!flagged);
            const result = await setMessageFlag({
              accountId,
              mailbox,
              selection: [uid],
              flag: "flagged",
              value: !flagged,
            });
            if (!result.ok) {
              setFlagged(flagged);
              notify("error", result.error.message);
            } else bus.emit({ type: "mailbox-changed", accountId, mailbox });
          })
        }
      >
        <StarIcon fill={flagged ? "currentColor" : "none"} />
      </button>
      <Link href={props.originalHref} className={`${button} ml-auto`}>
        <CodeIcon /> Show original
      </Link>
    </div>
  );
}
