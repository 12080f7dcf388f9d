"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef } from "react";

const CHECK_MS = 1000;
const MAX_TRIES = 10;

/**
 * router.push for keyboard moves that must not get lost. When a server action that started
 * before the move (marking read, a list reload on a slow link) finishes, Next's router can drop
 * the navigation and leave the person where they were. So the move is checked: still on the
 * page it left from → asked again; anywhere else (the target, or a page the person chose
 * since) → done.
 */
export function useInsistentPush(): (href: string) => void {
  const router = useRouter();
  const timer = useRef<ReturnType<typeof setInterval> | undefined>(undefined);
  useEffect(() => () => clearInterval(timer.current), []);
  return useCallback(
    (href: string) => {
      clearInterval(timer.current);
      const here = () => location.pathname + location.search;
      const from = here();
      router.push(href);
      let tries = 0;
      timer.current = setInterval(() => {
        if (here() !== from || ++tries > MAX_TRIES) clearInterval(timer.current);
        else router.push(href);
      }, CHECK_MS);
    },
    [router],
  );
}
