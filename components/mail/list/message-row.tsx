"use client";

import Link from "next/link";
import { memo } from "react";
import { PaperclipIcon, ReplyIcon, StarIcon } from "@/components/ui/icons";
import { formatSize } from "@/lib/view-models/list-date";
import type { MessageSummary } from "@/lib/view-models/mailbox";
import { LocalDate } from "../local-date.tsx";

export const ROW_HEIGHT = 76;

interface Props {
  message: MessageSummary;
  href: string;
  index: number;
  total: number;
  selected: boolean;
  active: boolean;
  cursor: boolean;
  onToggleSelect: (index: number, shift: boolean) => void;
  onToggleFlag: (message: MessageSummary) => void;
  onOpen: (index: number) => void;
  onDragStart: (event: React.DragEvent, message: MessageSummary) => void;
}

function senderOf(message: MessageSummary): string {
  const from = message.from[0];
  if (!from) return "(no sender)";
  return from.name || from.address;
}

export const MessageRow = memo(function MessageRow({
  message,
  href,
  index,
  total,
  selected,
  active,
  cursor,
  onToggleSelect,
  onToggleFlag,
  onOpen,
  onDragStart,
}: Props) {
  const unread = !message.flags.seen;
  const sender = senderOf(message);
  const subject = message.subject || "(no subject)";
  return (
    <li
      aria-setsize={total}
      aria-posinset={index + 1}
      data-uid={message.uid}
      style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT }}
      className={`absolute inset-x-0 flex items-start gap-2 border-b border-zinc-100 px-3 py-2 dark:border-zinc-800 ${
        active
          ? "bg-accent-50 dark:bg-accent-700/20"
          : selected
            ? "bg-zinc-100 dark:bg-zinc-800/70"
            : "hover:bg-zinc-50 dark:hover:bg-zinc-900"
      } ${cursor ? "outline-2 -outline-offset-2 outline-accent-500/60" : ""}`}
      draggable
      onDragStart={(e) => onDragStart(e, message)}
    >
      <input
        type="checkbox"
        checked={selected}
        onChange={() => undefined}
        onClick={(e) => onToggleSelect(index, e.shiftKey)}
        aria-label={`Select “${subject}” from ${sender}`}
        className="mt-1 size-4 shrink-0 accent-accent-600"
      />
      <span
        aria-hidden="true"
        className={`mt-2 size-2 shrink-0 rounded-full ${unread ? "bg-accent-600" : "bg-transparent"}`}
      />
      <Link
        href={href}
        onClick={() => onOpen(index)}
        data-row-link={index}
        aria-label={`${unread ? "Unread, " : ""}${sender}: ${subject}`}
        className="min-w-0 flex-1 focus:outline-none"
      >
        <span className="flex items-baseline gap-2">
          <span className={`truncate ${unread ? "font-semibold" : ""}`}>{sender}</span>
          <span className="ml-auto shrink-0 text-xs text-zinc-500 tabular-nums">
            <LocalDate iso={message.date} />
          </span>
        </span>
        <span className={`block truncate text-sm ${unread ? "font-semibold" : ""}`}>{subject}</span>
        <span className="flex items-center gap-2 text-xs text-zinc-500">
          <span className="truncate">{message.preview ?? ""}</span>
          <span className="ml-auto flex shrink-0 items-center gap-1">
            {message.flags.answered && <ReplyIcon aria-label="Answered" role="img" />}
            {message.hasAttachments && <PaperclipIcon aria-label="Has attachments" role="img" />}
            <span>{formatSize(message.size)}</span>
          </span>
        </span>
      </Link>
      <button
        type="button"
        aria-label={message.flags.flagged ? "Unflag" : "Flag"}
        aria-pressed={message.flags.flagged}
        onClick={() => onToggleFlag(message)}
        className={`mt-0.5 rounded p-1 ${
          message.flags.flagged
            ? "text-amber-500"
            : "text-zinc-300 hover:text-zinc-500 dark:text-zinc-600"
        }`}
      >
        <StarIcon fill={message.flags.flagged ? "currentColor" : "none"} />
      </button>
    </li>
  );
});

export function PlaceholderRow({ index }: { index: number }) {
  return (
    <li
      aria-hidden="true"
      style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT }}
      className="absolute inset-x-0 border-b border-zinc-100 px-10 py-3 dark:border-zinc-800"
    >
      <span className="block h-3 w-1/3 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
      <span className="mt-2 block h-3 w-2/3 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
    </li>
  );
}
