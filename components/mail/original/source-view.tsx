"use client";

import { useEffect, useState } from "react";
import { SOURCE_PAGE_BYTES } from "@/lib/server/mail/original/original-limits";
import { pageCount, pageRequest, pageText } from "@/lib/server/mail/original/source-paging";

interface Props {
  /** The source route, without query (`?part=` is added from `section`). */
  href: string;
  section: string;
  size: number;
}

type Loaded = { page: number; text: string } | { page: number; error: string };

const button =
  "rounded-md border border-zinc-300 px-2 py-0.5 text-xs hover:bg-zinc-100 disabled:opacity-40 dark:border-zinc-700 dark:hover:bg-zinc-800";

/**
 * The exact source, one page of bytes at a time from the source route: a 30 MB message is
 * never fetched, decoded or laid out whole. Rendered as text, never as markup.
 */
export function SourceView({ href, section, size }: Props) {
  const [page, setPage] = useState(0);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [wrap, setWrap] = useState(true);
  const pages = pageCount(size);

  useEffect(() => {
    const controller = new AbortController();
    const { offset, length } = pageRequest(page, size);
    const query = new URLSearchParams({ offset: String(offset), length: String(length) });
    if (section) query.set("part", section);
    fetch(`${href}?${query}`, { signal: controller.signal, credentials: "same-origin" })
      .then(async (response) => {
        if (!response.ok) throw new Error(`The server answered ${response.status}.`);
        const bytes = new Uint8Array(await response.arrayBuffer());
        setLoaded({ page, text: pageText(bytes, page) });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setLoaded({
          page,
          error: `This page of the source could not be loaded. ${error instanceof Error ? error.message : ""}`,
        });
      });
    return () => controller.abort();
  }, [href, section, size, page]);

  const current = loaded?.page === page ? loaded : null;
  const first = page * SOURCE_PAGE_BYTES;
  const last = Math.min(size, first + SOURCE_PAGE_BYTES) - 1;
  return (
    <section aria-labelledby="original-source" className="px-5 py-3">
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <h2 id="original-source" className="text-base font-semibold">
          Source
        </h2>
        {pages > 1 && (
          <nav aria-label="Source pages" className="flex items-center gap-1">
            <button
              type="button"
              className={button}
              disabled={page === 0}
              onClick={() => setPage(0)}
            >
              First page
            </button>
            <button
              type="button"
              className={button}
              disabled={page === 0}
              onClick={() => setPage((p) => Math.max(0, p - 1))}
            >
              Previous page
            </button>
            <button
              type="button"
              className={button}
              disabled={page >= pages - 1}
              onClick={() => setPage((p) => Math.min(pages - 1, p + 1))}
            >
              Next page
            </button>
            <button
              type="button"
              className={button}
              disabled={page >= pages - 1}
              onClick={() => setPage(pages - 1)}
            >
              Last page
            </button>
          </nav>
        )}
        <label className="ml-auto flex items-center gap-1 text-xs">
          <input type="checkbox" checked={wrap} onChange={(e) => setWrap(e.target.checked)} />
          Wrap long lines
        </label>
      </div>
      <p aria-live="polite" className="mb-1 text-xs text-zinc-500 tabular-nums">
        {pages > 1 && `Page ${page + 1} of ${pages} · `}
        bytes {first.toLocaleString("en-US")}–{Math.max(first, last).toLocaleString("en-US")} of{" "}
        {size.toLocaleString("en-US")}. Bytes that are not UTF-8 show as �.
      </p>
      {current && "error" in current ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {current.error}
        </p>
      ) : (
        <section
          aria-label="Message source"
          aria-busy={!current}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: the source scrolls; keyboard users need to reach it
          tabIndex={0}
          className={`max-h-[70vh] overflow-auto rounded-md border border-zinc-200 bg-zinc-50 p-3 dark:border-zinc-800 dark:bg-zinc-900 ${current ? "" : "opacity-50"}`}
        >
          <pre
            className={`font-mono text-xs leading-5 ${wrap ? "break-all whitespace-pre-wrap" : "whitespace-pre"}`}
          >
            {current ? current.text : "Loading…"}
          </pre>
        </section>
      )}
    </section>
  );
}
