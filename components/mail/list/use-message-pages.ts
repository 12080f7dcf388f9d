"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { loadPage } from "@/app/mail/actions";
import type { MessagePage, MessageSummary } from "@/lib/view-models/mailbox";

export interface PagesState {
  total: number;
  pageSize: number;
  /** Loaded pages by index; a row without a page shows a placeholder. */
  pages: Map<number, MessageSummary[]>;
  version: string;
  error: string | null;
}

/**
 * The list's data: pages fetched on demand as the person scrolls, all from the same
 * "version" of the mailbox. When the mailbox changes underneath (new mail, a move), the
 * numbering shifts, so every page is refetched rather than patched.
 */
export function useMessagePages(initial: MessagePage, query: string) {
  const key = `${initial.accountId}\u0000${initial.mailbox}\u0000${query}`;
  const fromInitial = (): PagesState => ({
    total: initial.total,
    pageSize: initial.pageSize,
    pages: query ? new Map() : new Map([[0, initial.messages]]),
    version: query ? "" : initial.version,
    error: null,
  });
  const [state, setState] = useState<PagesState>(fromInitial);
  const [loadedKey, setLoadedKey] = useState(key);
  const inFlight = useRef(new Map<number, Promise<void>>());
  const generation = useRef(0);

  if (loadedKey !== key) {
    // A different mailbox or search: start over (render-time reset, no stale frame).
    setLoadedKey(key);
    setState(fromInitial());
    inFlight.current.clear();
    generation.current++;
  }

  const fetchPage = useCallback(
    (pageIndex: number): Promise<void> => {
      const existing = inFlight.current.get(pageIndex);
      if (existing) return existing;
      const startedIn = generation.current;
      const promise = loadPage({
        accountId: initial.accountId,
        mailbox: initial.mailbox,
        pageIndex,
        query: query || undefined,
      }).then((result) => {
        inFlight.current.delete(pageIndex);
        if (startedIn !== generation.current) return;
        if (!result.ok) {
          setState((s) => ({ ...s, error: result.error.message }));
          return;
        }
        const page = result.data;
        setState((s) => {
          const stale = s.version !== "" && s.version !== page.version;
          const pages = stale ? new Map<number, MessageSummary[]>() : new Map(s.pages);
          pages.set(pageIndex, page.messages);
          return { ...s, pages, total: page.total, version: page.version, error: null };
        });
      });
      inFlight.current.set(pageIndex, promise);
      return promise;
    },
    [initial.accountId, initial.mailbox, query],
  );

  /** Make sure the pages covering rows first..last are loaded (or loading). */
  const ensureRows = useCallback(
    (first: number, last: number) => {
      const size = state.pageSize;
      for (let page = Math.floor(first / size); page <= Math.floor(last / size); page++) {
        if (!state.pages.has(page) && page * size < Math.max(state.total, 1)) void fetchPage(page);
      }
    },
    [state.pageSize, state.pages, state.total, fetchPage],
  );

  /**
   * Fetch the loaded pages again (after a change we made or the server reported). The old rows
   * stay on screen until the new ones arrive, so keys pressed meanwhile still find their row.
   */
  const [reloadTick, setReloadTick] = useState(0);
  const reload = useCallback(() => {
    generation.current++;
    inFlight.current.clear();
    setReloadTick((t) => t + 1);
  }, []);
  const loadedPages = useRef<number[]>([]);
  loadedPages.current = [...state.pages.keys()];
  useEffect(() => {
    if (reloadTick === 0) return;
    const pages = loadedPages.current.length ? loadedPages.current : [0];
    for (const page of pages) void fetchPage(page);
  }, [reloadTick, fetchPage]);

  // A search starts with nothing loaded: fetch its first page.
  useEffect(() => {
    if (state.pages.size === 0) void fetchPage(0);
  }, [state.pages.size, fetchPage]);

  const rowAt = (index: number): MessageSummary | undefined =>
    state.pages.get(Math.floor(index / state.pageSize))?.[index % state.pageSize];

  return { state, ensureRows, reload, rowAt, setState };
}
