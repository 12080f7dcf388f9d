"use client";

import { useState } from "react";
import { MoreIcon } from "@/components/ui/icons";
import type { FolderView } from "@/lib/view-models/mailbox";
import type { DialogState } from "./folder-pane.tsx";

/** A folder's own actions: subfolder (IMAP only), rename, delete. */
export function FolderMenu({
  folder,
  onPick,
  subfolders,
}: {
  folder: FolderView;
  onPick: (d: DialogState) => void;
  subfolders: boolean;
}) {
  const [open, setOpen] = useState(false);
  return (
    <div className="absolute top-1 right-1">
      <button
        type="button"
        aria-label={`Actions for folder ${folder.depth > 0 ? folder.path : folder.name}`}
        aria-expanded={open}
        aria-haspopup="menu"
        onClick={() => setOpen((o) => !o)}
        className="rounded p-1 text-zinc-500 opacity-0 group-hover:opacity-100 hover:bg-zinc-200 focus:opacity-100 aria-expanded:opacity-100 dark:hover:bg-zinc-700"
      >
        <MoreIcon />
      </button>
      {open && (
        <div
          role="menu"
          aria-label={`Folder ${folder.depth > 0 ? folder.path : folder.name}`}
          className="absolute right-0 z-20 mt-1 w-40 rounded-md border border-zinc-200 bg-white py-1 shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
        >
          {[
            ...(subfolders
              ? [
                  {
                    label: "New subfolder",
                    pick: {
                      kind: "create",
                      accountId: folder.accountId,
                      parent: folder.path,
                    } as const,
                  },
                ]
              : []),
            { label: "Rename", pick: { kind: "rename", folder } as const },
            { label: "Delete", pick: { kind: "delete", folder } as const },
          ].map((item) => (
            <button
              key={item.label}
              type="button"
              role="menuitem"
              onClick={() => {
                setOpen(false);
                onPick(item.pick);
              }}
              className="block w-full px-3 py-1.5 text-left hover:bg-zinc-100 dark:hover:bg-zinc-800"
            >
              {item.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
