"use client";

import { useState } from "react";
import {
  ArchiveIcon,
  EnvelopeIcon,
  EnvelopeOpenIcon,
  FolderIcon,
  JunkIcon,
  StarIcon,
  TrashIcon,
} from "@/components/ui/icons";
import type { FolderView } from "@/lib/view-models/mailbox";
import type { Destination } from "./use-list-actions.ts";

interface Props {
  count: number | "all";
  allOnPage: boolean;
  total: number;
  folders: FolderView[];
  inTrash: boolean;
  onSelectAllVisible: (on: boolean) => void;
  onSelectAllInFolder: () => void;
  onMarkRead: (read: boolean) => void;
  onFlag: (flagged: boolean) => void;
  onMove: (destination: Destination) => void;
  onDelete: () => void;
}

const button =
  "flex items-center gap-1 rounded px-2 py-1 text-sm hover:bg-zinc-200 disabled:opacity-40 dark:hover:bg-zinc-800";

/** Actions on the selected messages. Every button has a name a screen reader can say. */
export function ListToolbar(props: Props) {
  const [moveOpen, setMoveOpen] = useState(false);
  const none = props.count === 0;
  const label = props.count === "all" ? `All ${props.total}` : String(props.count);
  return (
    <div
      role="toolbar"
      aria-label="Selected messages"
      className="flex flex-wrap items-center gap-1 border-b border-zinc-200 px-2 py-1 dark:border-zinc-800"
    >
      <input
        type="checkbox"
        aria-label="Select all messages on screen"
        checked={props.allOnPage}
        onChange={(e) => props.onSelectAllVisible(e.target.checked)}
        className="mx-1 size-4 accent-accent-600"
      />
      {!none && (
        <>
          <span className="px-1 text-xs text-zinc-500" aria-live="polite">
            {label} selected
          </span>
          {props.count !== "all" && props.allOnPage && props.total > (props.count as number) && (
            <button
              type="button"
              className={`${button} text-accent-600`}
              onClick={props.onSelectAllInFolder}
            >
              Select all {props.total} in folder
            </button>
          )}
          <button
            type="button"
            className={button}
            onClick={() => props.onMarkRead(true)}
            aria-label="Mark as read"
          >
            <EnvelopeOpenIcon />
          </button>
          <button
            type="button"
            className={button}
            onClick={() => props.onMarkRead(false)}
            aria-label="Mark as unread"
          >
            <EnvelopeIcon />
          </button>
          <button
            type="button"
            className={button}
            onClick={() => props.onFlag(true)}
            aria-label="Flag"
          >
            <StarIcon />
          </button>
          <button
            type="button"
            className={button}
            onClick={() => props.onFlag(false)}
            aria-label="Remove flag"
          >
            <StarIcon className="opacity-50" />
          </button>
          <button
            type="button"
            className={button}
            onClick={() => props.onMove({ special: "archive", name: "Archive" })}
            aria-label="Archive"
          >
            <ArchiveIcon />
          </button>
          <button
            type="button"
            className={button}
            onClick={() => props.onMove({ special: "junk", name: "Junk" })}
            aria-label="Move to Junk"
          >
            <JunkIcon />
          </button>
          <button
            type="button"
            className={button}
            onClick={props.onDelete}
            aria-label={props.inTrash ? "Delete forever" : "Delete"}
          >
            <TrashIcon />
          </button>
          <div className="relative">
            <button
              type="button"
              className={button}
              aria-haspopup="menu"
              aria-expanded={moveOpen}
              onClick={() => setMoveOpen((o) => !o)}
            >
              <FolderIcon /> Move to…
            </button>
            {moveOpen && (
              <div
                role="menu"
                aria-label="Move to folder"
                className="absolute left-0 z-20 mt-1 max-h-72 w-56 overflow-y-auto rounded-md border border-zinc-200 bg-white py-1 shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
              >
                {props.folders
                  .filter((f) => f.selectable)
                  .map((f) => (
                    <button
                      key={f.path}
                      type="button"
                      role="menuitem"
                      style={{ paddingLeft: `${0.75 + f.depth * 0.75}rem` }}
                      className="block w-full truncate py-1.5 pr-3 text-left text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800"
                      onClick={() => {
                        setMoveOpen(false);
                        props.onMove({ path: f.path, name: f.name });
                      }}
                    >
                      {f.name}
                    </button>
                  ))}
              </div>
            )}
          </div>
        </>
      )}
    </div>
  );
}
