"use client";

import { useParams } from "next/navigation";
import { useCallback, useState } from "react";
import { setMessageFlag } from "@/app/mail/actions";
import { loadUnified } from "@/app/mail/all/actions";
import type { UnifiedPage, UnifiedSummary } from "@/lib/view-models/mailbox";
import { unifiedHref } from "@/lib/view-models/routes";
import { MessageRow, ROW_HEIGHT } from "../list/message-row.tsx";
import { useMailBusListener } from "../mail-bus.tsx";
import { useNotices } from "../notices.tsx";

const noop = () => undefined;

/**
 * Every account's inbox in one list, newest first, each row naming its account. Pages load
 * with "Show more"; a change in any inbox reloads what is shown.
 */
export function UnifiedList({ initial }: { initial: UnifiedPage }) {
  const [rows, setRows] = useState(initial.messages);
  const [page, setPage] = useState(initial);
  const [loading, setLoading] = useState(false);
  const params = useParams<{ account?: string; uid?: string }>();
  const { notify } = useNotices();

  const reload = useCallback(async () => {
    const result = await loadUnified({ pageIndex: 0 });
    if ("error" in result) return notify("error", result.error);
    setRows(result.messages);
    setPage(result);
  }, [notify]);
  useMailBusListener((event) => {
    if (event.type === "mailbox-changed" || event.type === "moved") void reload();
  });

  const more = async () => {
    setLoading(true);
    const result = await loadUnified({ pageIndex: page.pageIndex + 1 });
    setLoading(false);
    if ("error" in result) return notify("error", result.error);
    setRows((current) => [...current, ...result.messages]);
    setPage(result);
  };

  const toggleFlag = async (row: UnifiedSummary) => {
    const value = !row.flags.flagged;
    setRows((list) =>
      list.map((r) => (r === row ? { ...r, flags: { ...r.flags, flagged: value } } : r)),
    );
    const result = await setMessageFlag({
      accountId: row.accountId,
      mailbox: row.mailbox,
      selection: [row.uid],
      flag: "flagged",
      value,
    });
    if (!result.ok) {
      notify("error", result.error.message);
      void reload();
    }
  };

  const active =
    params.account && params.uid ? `${decodeURIComponent(params.account)}:${params.uid}` : null;
  return (
    <section aria-label="Messages in All inboxes" className="flex h-full min-h-0 flex-col">
      <h2 className="border-b border-zinc-200 px-3 py-2 text-sm font-semibold dark:border-zinc-800">
        All inboxes
      </h2>
      {page.problems.map((p) => (
        <p
          key={p.accountEmail}
          role="alert"
          aria-label={`Problem with ${p.accountEmail}`}
          className="px-3 py-1 text-xs text-red-700 dark:text-red-400"
        >
          {p.accountEmail}: {p.message}
        </p>
      ))}
      <div className="min-h-0 flex-1 overflow-y-auto">
        {rows.length === 0 ? (
          <p className="p-6 text-center text-sm text-zinc-500">Your inboxes are empty.</p>
        ) : (
          <ul
            aria-label="Messages"
            className="relative"
            style={{ height: rows.length * ROW_HEIGHT }}
          >
            {rows.map((row, index) => (
              <MessageRow
                key={`${row.accountId}:${row.uid}`}
                message={{
                  ...row,
                  preview: `${row.accountEmail}${row.preview ? ` · ${row.preview}` : ""}`,
                }}
                href={unifiedHref(row)}
                index={index}
                total={rows.length}
                selected={false}
                active={active === `${row.accountId}:${row.uid}`}
                cursor={false}
                onToggleSelect={noop}
                onToggleFlag={() => void toggleFlag(row)}
                onOpen={() =>
                  setRows((list) =>
                    list.map((r) => (r === row ? { ...r, flags: { ...r.flags, seen: true } } : r)),
                  )
                }
                onDragStart={noop}
              />
            ))}
          </ul>
        )}
        {page.hasMore && (
          <button
            type="button"
            disabled={loading}
            onClick={() => void more()}
            className="m-3 rounded-md border border-zinc-300 px-3 py-1.5 text-sm disabled:opacity-50 dark:border-zinc-700"
          >
            {loading ? "Loading…" : "Show more"}
          </button>
        )}
      </div>
    </section>
  );
}
