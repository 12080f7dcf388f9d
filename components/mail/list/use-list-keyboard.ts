"use client";

import { useEffect, useRef } from "react";

interface Handlers {
  total: number;
  cursor: number;
  readerOpen: boolean;
  setCursor: (index: number) => void;
  openRow: (index: number) => void;
  onToggleSelect: () => void;
  onToggleRead: () => void;
  onToggleFlag: () => void;
  onArchive: () => void;
  onDelete: () => void;
  onSearch: () => void;
  onHelp: () => void;
}

function actionFor(key: string, h: Handlers, move: (delta: number) => void): (() => void) | null {
  switch (key) {
    case "j":
    case "ArrowDown":
      return () => move(1);
    case "k":
    case "ArrowUp":
      return () => move(-1);
    case "Enter":
      return () => h.openRow(h.cursor);
    case "x":
      return h.onToggleSelect;
    case "u":
      return h.onToggleRead;
    case "s":
      return h.onToggleFlag;
    case "e":
      return h.onArchive;
    case "#":
    case "Delete":
      return h.onDelete;
    case "/":
      return h.onSearch;
    case "?":
      return h.onHelp;
    default:
      return null;
  }
}

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * The mail keyboard: j/k (or the arrows) move, Enter opens, u read/unread, s flag, e archive,
 * # or Delete deletes, / searches, ? lists the keys. Ignored while typing in a field or with
 * Ctrl/Alt/Meta held, so it never steals a browser shortcut.
 */
export function useListKeyboard(handlers: Handlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey) return;
      if (typingIn(event.target)) return;
      if (document.querySelector("dialog[open]")) return;
      const h = latest.current;
      const move = (delta: number) => {
        const next = Math.min(Math.max(h.cursor + delta, 0), Math.max(h.total - 1, 0));
        h.setCursor(next);
        if (h.readerOpen) h.openRow(next);
      };
      const action = actionFor(event.key, h, move);
      if (!action) return;
      // Enter on a focused link already opens it; let the browser do that.
      if (event.key === "Enter" && event.target instanceof HTMLAnchorElement) return;
      event.preventDefault();
      action();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
