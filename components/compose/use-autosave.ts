"use client";

import { useCallback, useEffect, useRef } from "react";
import { AUTOSAVE_DELAY_MS } from "@/lib/server/compose/limits";

/**
 * Save a few seconds after the last change, one save at a time: a change made while a save is
 * running is saved by the next one (each replaces the previous draft). `settle()` cancels the
 * wait and lets a running save finish, before sending.
 */
export function useAutosave(
  version: number,
  save: () => Promise<boolean>,
  enabled: boolean,
): { settle: () => Promise<void>; saveNow: (force?: boolean) => Promise<void> } {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const running = useRef<Promise<void> | null>(null);
  const saved = useRef(0);
  const versionRef = useRef(version);
  versionRef.current = version;
  const saveRef = useRef(save);
  saveRef.current = save;

  const saveNow = useCallback(async (force = false) => {
    while (running.current) await running.current;
    const wanted = versionRef.current;
    if (wanted <= saved.current && !force) return;
    running.current = saveRef
      .current()
      .then((ok) => {
        if (ok) saved.current = Math.max(saved.current, wanted);
      })
      .finally(() => {
        running.current = null;
      });
    await running.current;
  }, []);

  useEffect(() => {
    if (!enabled || version === 0) return;
    timer.current = setTimeout(() => void saveNow(), AUTOSAVE_DELAY_MS);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [version, enabled, saveNow]);

  const settle = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    while (running.current) await running.current;
  }, []);

  return { settle, saveNow };
}
