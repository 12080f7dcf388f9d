"use client";

import { useParams } from "next/navigation";
import type { ReactNode } from "react";

/** List beside reader on a wide screen; on a narrow one, the reader replaces the list. */
export function MailboxPanes({ list, reader }: { list: ReactNode; reader: ReactNode }) {
  const { uid } = useParams<{ uid?: string }>();
  const reading = Boolean(uid);
  return (
    <div className="flex h-full min-h-0">
      <div
        className={`${reading ? "hidden lg:flex" : "flex"} w-full min-w-0 flex-col border-r border-zinc-200 lg:w-[26rem] lg:shrink-0 dark:border-zinc-800`}
      >
        {list}
      </div>
      <div className={`${reading ? "flex" : "hidden lg:flex"} min-w-0 flex-1 flex-col`}>
        {reader}
      </div>
    </div>
  );
}
