"use client";

import { useParams, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { loadFolders } from "@/app/mail/actions";
import type { FolderView, MessagePage, MessageSummary } from "@/lib/view-models/mailbox";
import { mailboxHref, messageHref } from "@/lib/view-models/routes";
import { DRAG_TYPE } from "../folders/folder-pane.tsx";
import { useMailBusListener } from "../mail-bus.tsx";
import { ListSearch } from "./list-search.tsx";
import { ListToolbar } from "./list-toolbar.tsx";
import { MessageRow, PlaceholderRow, ROW_HEIGHT } from "./message-row.tsx";
import { ShortcutsDialog } from "./shortcuts-dialog.tsx";
import { useInsistentPush } from "./use-insistent-push.ts";
import { useListActions } from "./use-list-actions.ts";
import { useListKeyboard } from "./use-list-keyboard.ts";
import { useLiveUpdates } from "./use-live-updates.ts";
import { useMessagePages } from "./use-message-pages.ts";

interface Props {
  initial: MessagePage;
  folders: FolderView[];
  folderName: string;
  inTrash: boolean;
}

const OVERSCAN = 8;

export function MessageList({ initial, folders, folderName, inTrash }: Props) {
  const { accountId, mailbox } = initial;
  const router = useRouter();
  const searchParams = useSearchParams();
  const query = searchParams.get("q") ?? "";
  const params = useParams<{ uid?: string }>();
  const activeUid = params.uid ? Number(params.uid) : null;
  const { state, ensureRows, reload, rowAt } = useMessagePages(initial, query);
  const actions = useListActions(accountId, mailbox, reload);
  const scroller = useRef<HTMLDivElement>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 800 });
  const [selected, setSelected] = useState(new Set<number>());
  const [allInFolder, setAllInFolder] = useState(false);
  const [anchor, setAnchor] = useState<number | null>(null);
  const [cursor, setCursor] = useState(0);
  const [showHelp, setShowHelp] = useState(false);
  const { clearAfterReload } = actions;
  const pushMove = useInsistentPush();
  useLiveUpdates(accountId, mailbox, reload);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new version means fresh data from the server
  useEffect(() => clearAfterReload(), [state.version, clearAfterReload]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: another folder or search starts with nothing selected
  useEffect(() => {
    setSelected(new Set());
    setAllInFolder(false);
  }, [accountId, mailbox, query]);

  const [folderList, setFolderList] = useState(folders);
  const totalRef = useRef(0);
  totalRef.current = state.total;
  useMailBusListener((event) => {
    if (event.accountId !== accountId) return;
    if (event.type === "folders-changed") {
      void loadFolders({ accountId }).then((result) => {
        if (!result.ok) return;
        setFolderList(result.data);
        // The server counts more (or fewer) messages here than the list shows: a change the
        // list has not seen yet (its refresh lost a race); fetch the rows again.
        const here = result.data.find((f) => f.path === mailbox);
        if (!query && here?.total != null && here.total !== totalRef.current) reload();
      });
    }
    if (event.type === "mailbox-changed" && event.mailbox === mailbox) reload();
    if (event.type === "moved" && (event.mailbox === mailbox || event.destination === mailbox))
      reload();
  });

  const first = Math.max(0, Math.floor(viewport.top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(
    state.total - 1,
    Math.ceil((viewport.top + viewport.height) / ROW_HEIGHT) + OVERSCAN,
  );
  useEffect(() => {
    if (state.total > 0) ensureRows(first, last);
  }, [first, last, state.total, ensureRows]);

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => setViewport({ top: element.scrollTop, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const visibleUids = useMemo(() => {
    const out: number[] = [];
    for (let i = first; i <= last; i++) {
      const row = rowAt(i);
      if (row) out.push(row.uid);
    }
    return out;
  }, [first, last, rowAt]);

  const selection = (): number[] | "all" => (allInFolder ? "all" : [...selected]);
  const targets = (): number[] | "all" => {
    if (allInFolder || selected.size > 0) return selection();
    const row = rowAt(cursor);
    return row ? [row.uid] : [];
  };

  const toggleSelect = useCallback(
    (index: number, shift: boolean) => {
      setAllInFolder(false);
      setSelected((current) => {
        const next = new Set(current);
        const row = rowAt(index);
        if (!row) return current;
        if (shift && anchor !== null) {
          const [from, to] = anchor < index ? [anchor, index] : [index, anchor];
          for (let i = from; i <= to; i++) {
            const r = rowAt(i);
            if (r) next.add(r.uid);
          }
        } else if (next.has(row.uid)) next.delete(row.uid);
        else next.add(row.uid);
        return next;
      });
      setAnchor(index);
      setCursor(index);
    },
    [anchor, rowAt],
  );

  const toggleFlag = useCallback(
    (message: MessageSummary) => {
      const current = actions.withFlags(message).flags.flagged;
      void actions.setFlag([message.uid], "flagged", !current, []);
    },
    [actions],
  );

  const onDragStart = useCallback(
    (event: React.DragEvent, message: MessageSummary) => {
      const uids = selected.has(message.uid) ? [...selected] : [message.uid];
      event.dataTransfer.setData(DRAG_TYPE, JSON.stringify({ accountId, mailbox, uids }));
      event.dataTransfer.effectAllowed = "move";
    },
    [accountId, mailbox, selected],
  );

  const open = useCallback(
    (index: number) => {
      setCursor(index);
      const row = rowAt(index);
      if (row && !actions.withFlags(row).flags.seen) {
        // The reader marks it read on the server; show it at once.
        actions.setFlagLocally(row.uid, { seen: true });
      }
    },
    [rowAt, actions],
  );

  const clearSelection = () => {
    setSelected(new Set());
    setAllInFolder(false);
  };

  const afterRemoval = (ok: boolean) => {
    if (!ok) return;
    clearSelection();
    if (activeUid !== null)
      router.push(
        `${mailboxHref(accountId, mailbox)}${query ? `?q=${encodeURIComponent(query)}` : ""}`,
      );
  };

  useListKeyboard({
    total: state.total,
    cursor,
    setCursor: (index) => {
      setCursor(index);
      const element = scroller.current;
      if (element) {
        const top = index * ROW_HEIGHT;
        if (top < element.scrollTop) element.scrollTop = top;
        else if (top + ROW_HEIGHT > element.scrollTop + element.clientHeight)
          element.scrollTop = top + ROW_HEIGHT - element.clientHeight;
      }
      requestAnimationFrame(() =>
        scroller.current?.querySelector<HTMLElement>(`[data-row-link="${index}"]`)?.focus(),
      );
    },
    onToggleSelect: () => toggleSelect(cursor, false),
    onToggleRead: () => {
      const row = rowAt(cursor);
      const targetUids = targets();
      if (!row && targetUids !== "all" && targetUids.length === 0) return;
      const seen = row ? !actions.withFlags(row).flags.seen : true;
      void actions.setFlag(targetUids, "seen", seen, visibleUids);
    },
    onToggleFlag: () => {
      const row = rowAt(cursor);
      if (!row) return;
      void actions.setFlag(
        targets(),
        "flagged",
        !actions.withFlags(row).flags.flagged,
        visibleUids,
      );
    },
    onArchive: () =>
      void actions
        .move(targets(), { special: "archive", name: "Archive" }, visibleUids)
        .then(afterRemoval),
    onDelete: () => void actions.remove(targets(), visibleUids).then(afterRemoval),
    onSearch: () => searchBox.current?.focus(),
    onHelp: () => setShowHelp(true),
    openRow: (index) => {
      const row = rowAt(index);
      if (row) {
        open(index);
        pushMove(
          messageHref(accountId, mailbox, row.uid) +
            (query ? `?q=${encodeURIComponent(query)}` : ""),
        );
      }
    },
    readerOpen: activeUid !== null,
  });

  const allOnPage = visibleUids.length > 0 && visibleUids.every((uid) => selected.has(uid));
  const rows: React.ReactNode[] = [];
  for (let i = first; i <= last; i++) {
    const row = rowAt(i);
    if (!row) {
      rows.push(<PlaceholderRow key={`p${i}`} index={i} />);
      continue;
    }
    if (actions.hidden.has(row.uid)) continue;
    const message = actions.withFlags(row);
    rows.push(
      <MessageRow
        key={row.uid}
        message={message}
        href={
          messageHref(accountId, mailbox, row.uid) +
          (query ? `?q=${encodeURIComponent(query)}` : "")
        }
        index={i}
        total={state.total}
        selected={allInFolder || selected.has(row.uid)}
        active={row.uid === activeUid}
        cursor={i === cursor}
        onToggleSelect={toggleSelect}
        onToggleFlag={toggleFlag}
        onOpen={open}
        onDragStart={onDragStart}
      />,
    );
  }

  return (
    <section aria-label={`Messages in ${folderName}`} className="flex h-full min-h-0 flex-col">
      <ListSearch
        ref={searchBox}
        query={query}
        folderName={folderName}
        onSearch={(value) =>
          router.push(
            `${mailboxHref(accountId, mailbox)}${value ? `?q=${encodeURIComponent(value)}` : ""}`,
          )
        }
      />
      <ListToolbar
        count={allInFolder ? "all" : selected.size}
        allOnPage={allOnPage}
        total={state.total}
        folders={folderList}
        inTrash={inTrash}
        onSelectAllVisible={(on) => {
          setAllInFolder(false);
          setSelected(on ? new Set(visibleUids) : new Set());
        }}
        onSelectAllInFolder={() => setAllInFolder(true)}
        onMarkRead={(read) => void actions.setFlag(selection(), "seen", read, visibleUids)}
        onFlag={(flagged) => void actions.setFlag(selection(), "flagged", flagged, visibleUids)}
        onMove={(destination) =>
          void actions.move(selection(), destination, visibleUids).then(afterRemoval)
        }
        onDelete={() => void actions.remove(selection(), visibleUids).then(afterRemoval)}
      />
      {state.error && (
        <p
          role="alert"
          aria-label="List problem"
          className="px-3 py-2 text-sm text-red-700 dark:text-red-400"
        >
          {state.error}
        </p>
      )}
      <div
        ref={scroller}
        className="relative min-h-0 flex-1 overflow-y-auto"
        onScroll={(e) =>
          setViewport({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })
        }
      >
        {state.total === 0 && !state.error ? (
          <p className="p-6 text-center text-sm text-zinc-500">
            {query ? `Nothing in ${folderName} matches “${query}”.` : `${folderName} is empty.`}
          </p>
        ) : (
          <ul
            aria-label="Messages"
            className="relative"
            style={{ height: state.total * ROW_HEIGHT }}
          >
            {rows}
          </ul>
        )}
      </div>
      {showHelp && <ShortcutsDialog onClose={() => setShowHelp(false)} />}
    </section>
  );
}
