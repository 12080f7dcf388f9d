import Link from "next/link";
import { DownloadIcon, EnvelopeIcon, FileIcon, ImageIcon } from "@/components/ui/icons";
import { formatSize } from "@/lib/view-models/list-date";
import type { AttachmentView } from "@/lib/view-models/message";

interface Props {
  attachments: AttachmentView[];
  more: number;
  zipHref: string;
  nestedHref: (section: string) => string;
}

/** The message's files: preview for images, download for everything, attached mail opens. */
export function Attachments({ attachments, more, zipHref, nestedHref }: Props) {
  if (attachments.length === 0) return null;
  return (
    <section
      aria-label="Attachments"
      className="border-t border-zinc-200 px-5 py-3 dark:border-zinc-800"
    >
      <div className="mb-2 flex items-center justify-between">
        <h3 className="text-sm font-semibold">
          {attachments.length + more} attachment{attachments.length + more === 1 ? "" : "s"}
        </h3>
        {attachments.length + more > 1 && (
          <a
            href={zipHref}
            className="flex items-center gap-1 text-sm text-accent-600 hover:underline"
            download
          >
            <DownloadIcon /> Download all
          </a>
        )}
      </div>
      <ul className="grid grid-cols-[repeat(auto-fill,minmax(12rem,1fr))] gap-2">
        {attachments.map((a) => (
          <li
            key={a.section}
            className="flex flex-col overflow-hidden rounded-md border border-zinc-200 dark:border-zinc-700"
          >
            {a.previewHref ? (
              // biome-ignore lint/performance/noImgElement: a message part, served by our own route
              <img
                src={a.previewHref}
                alt=""
                loading="lazy"
                className="h-24 w-full bg-zinc-100 object-contain dark:bg-zinc-900"
              />
            ) : null}
            <div className="flex items-center gap-2 p-2">
              <span aria-hidden="true" className="text-zinc-500">
                {a.isMessage ? <EnvelopeIcon /> : a.isImage ? <ImageIcon /> : <FileIcon />}
              </span>
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm" title={a.filename}>
                  {a.filename}
                </p>
                <p className="text-xs text-zinc-500">
                  {a.contentType} · {formatSize(a.size)}
                </p>
              </div>
              {a.isMessage && (
                <Link
                  href={nestedHref(a.section)}
                  className="text-xs text-accent-600 hover:underline"
                  aria-label={`Open attached message ${a.filename}`}
                >
                  Open
                </Link>
              )}
              <a
                href={a.downloadHref}
                download
                className="rounded p-1 hover:bg-zinc-100 dark:hover:bg-zinc-800"
                aria-label={`Download ${a.filename}`}
              >
                <DownloadIcon />
              </a>
            </div>
          </li>
        ))}
      </ul>
      {more > 0 && (
        <p className="mt-2 text-sm text-zinc-500">
          And {more} more, not listed: “Download all” has every one.
        </p>
      )}
    </section>
  );
}
