import { DownloadIcon } from "@/components/ui/icons";
import type { OriginalView } from "@/lib/server/mail/original/original-view";
import { formatSize } from "@/lib/view-models/list-date";
import { LocalTime } from "./local-time.tsx";

interface Props {
  view: OriginalView;
  downloadHref: string;
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex gap-3 text-sm">
      <dt className="w-28 shrink-0 text-zinc-500">{label}</dt>
      <dd className="min-w-0 flex-1 break-words">{children}</dd>
    </div>
  );
}

/** What the message is, in a few lines, and the way to take it away whole. */
export function OriginalSummary({ view, downloadHref }: Props) {
  return (
    <header className="px-5 pt-4 pb-3">
      <h1 className="mb-1 text-xl font-semibold break-words">
        Original: <bdi>{view.subject || "(no subject)"}</bdi>
      </h1>
      {view.section && (
        <p className="mb-2 text-xs text-zinc-500">
          An attached message (part {view.section}): its own source, headers and parts.
        </p>
      )}
      <section aria-label="Summary">
        <dl className="mt-3 space-y-0.5">
          <Row label="From">
            <bdi>{view.from || "(none)"}</bdi>
          </Row>
          <Row label="Date">
            {view.date ? <LocalTime iso={view.date} /> : <span>{view.dateRaw ?? "(none)"}</span>}
            {view.date && view.dateRaw && (
              <span className="ml-2 font-mono text-xs text-zinc-500">{view.dateRaw}</span>
            )}
          </Row>
          {view.arrived && (
            <Row label="Arrived">
              <LocalTime iso={view.arrived} />
            </Row>
          )}
          <Row label="Message-ID">
            <span className="font-mono text-xs break-all">{view.messageId ?? "(none)"}</span>
          </Row>
          <Row label="Size">
            {formatSize(view.size)} ({view.size.toLocaleString("en-US")} bytes), {view.fieldCount}{" "}
            header field{view.fieldCount === 1 ? "" : "s"}
          </Row>
        </dl>
      </section>
      <p className="mt-3">
        <a
          href={downloadHref}
          download
          className="inline-flex items-center gap-1 rounded-md border border-zinc-300 px-2.5 py-1 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          <DownloadIcon /> Download .eml
        </a>
      </p>
      {view.warnings.map((w) => (
        <p key={w} role="note" className="mt-2 text-xs text-amber-700 dark:text-amber-400">
          {w}
        </p>
      ))}
    </header>
  );
}
