"use client";

import { CloseIcon, FileIcon, ImageIcon, PaperclipIcon } from "@/components/ui/icons";
import { formatBytes, type SizeBudget } from "@/lib/server/compose/size-budget";
import type { UploadItem } from "./use-uploads.ts";

interface Props {
  items: UploadItem[];
  used: number;
  budget: SizeBudget;
  onRemove: (key: string) => void;
  onPick: (files: File[]) => void;
  refusal: string | null;
}

function SizeMeter({ used, budget }: { used: number; budget: SizeBudget }) {
  const share = Math.min(1, used / budget.limit);
  const whose =
    budget.serverLimit !== null && budget.serverLimit <= budget.appLimit
      ? "the mail server's limit"
      : "Letterbox's limit";
  const text = `${formatBytes(used)} of ${formatBytes(budget.limit)}`;
  return (
    <div className="flex items-center gap-2 text-xs text-zinc-500">
      {/* biome-ignore lint/a11y/useSemanticElements: <meter> cannot be styled alike in every browser */}
      <div
        role="meter"
        aria-label="Message size"
        aria-valuemin={0}
        aria-valuemax={budget.limit}
        aria-valuenow={used}
        aria-valuetext={`${text} (${whose})`}
        className="h-1.5 w-32 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-700"
      >
        <div
          className={`h-full ${share > 0.9 ? "bg-red-600" : "bg-accent-600"}`}
          style={{ width: `${share * 100}%` }}
        />
      </div>
      <span>
        {text} <span className="hidden sm:inline">({whose})</span>
      </span>
    </div>
  );
}

/** The message's files: name, size, upload progress, remove; the size budget; the picker. */
export function AttachmentList({ items, used, budget, onRemove, onPick, refusal }: Props) {
  return (
    <section
      aria-label="Attachments"
      className="border-t border-zinc-200 px-4 py-2 dark:border-zinc-800"
    >
      <div className="flex flex-wrap items-center gap-3">
        <label className="flex cursor-pointer items-center gap-1 rounded-md px-2 py-1 text-sm hover:bg-zinc-100 focus-within:outline-2 focus-within:outline-accent-500 dark:hover:bg-zinc-800">
          <PaperclipIcon /> Attach files
          <input
            type="file"
            multiple
            aria-label="Attach files"
            className="sr-only"
            onChange={(event) => {
              onPick(Array.from(event.target.files ?? []));
              event.target.value = "";
            }}
          />
        </label>
        <SizeMeter used={used} budget={budget} />
        <span className="hidden text-xs text-zinc-500 md:inline">or drop files here</span>
      </div>
      {refusal && (
        <p
          role="alert"
          aria-label="Attachment refused"
          className="mt-1 text-sm text-red-700 dark:text-red-400"
        >
          {refusal}
        </p>
      )}
      {items.length > 0 && (
        <ul aria-label="Attached files" className="mt-2 flex flex-wrap gap-2">
          {items.map((item) => (
            <li
              key={item.key}
              className={`flex w-64 flex-col gap-1 rounded-md border px-2 py-1.5 text-sm ${
                item.status === "failed"
                  ? "border-red-400 dark:border-red-700"
                  : "border-zinc-200 dark:border-zinc-700"
              }`}
            >
              <div className="flex items-center gap-2">
                <span aria-hidden="true" className="text-zinc-500">
                  {item.contentType.startsWith("image/") ? <ImageIcon /> : <FileIcon />}
                </span>
                <span className="min-w-0 flex-1 truncate" title={item.filename}>
                  {item.filename}
                </span>
                <span className="shrink-0 text-xs text-zinc-500">
                  {formatBytes(item.size)}
                  {item.inline ? " · in the text" : ""}
                </span>
                <button
                  type="button"
                  onClick={() => onRemove(item.key)}
                  aria-label={`Remove ${item.filename}`}
                  className="rounded p-0.5 hover:bg-zinc-100 dark:hover:bg-zinc-800"
                >
                  <CloseIcon />
                </button>
              </div>
              {item.status === "uploading" && (
                <div
                  role="progressbar"
                  aria-label={`Uploading ${item.filename}`}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={Math.round(item.progress * 100)}
                  className="h-1 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-700"
                >
                  <div
                    className="h-full bg-accent-600"
                    style={{ width: `${item.progress * 100}%` }}
                  />
                </div>
              )}
              {item.status === "failed" && (
                <p className="text-xs text-red-700 dark:text-red-400">{item.error}</p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
