"use client";

import { useEffect, useRef, useState } from "react";

/**
 * The message's HTML in a sandboxed frame: no allow-scripts and no allow-same-origin, so
 * nothing in it can run or reach the app; links open in a new tab (allow-popups, escaping the
 * sandbox so the opened site works normally). A frame like that cannot tell us its height, so
 * an invisible twin with the same document measures it: that twin may be same-origin for
 * measuring, but its sandbox still forbids scripts, forms, popups and navigation, and its CSP
 * (in the document) forbids scripts again.
 */
export function HtmlFrame({ srcdoc, title }: { srcdoc: string; title: string }) {
  const measure = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState(200);

  useEffect(() => {
    const frame = measure.current;
    if (!frame) return;
    let observer: ResizeObserver | null = null;
    const update = () => {
      const doc = frame.contentDocument;
      if (!doc?.documentElement) return;
      const next = Math.max(doc.documentElement.scrollHeight, doc.body?.scrollHeight ?? 0);
      setHeight(Math.min(Math.max(next, 60), 200_000));
    };
    const attach = () => {
      update();
      observer?.disconnect();
      const body = frame.contentDocument?.body;
      if (body) {
        observer = new ResizeObserver(update);
        observer.observe(body);
      }
    };
    frame.addEventListener("load", attach);
    attach();
    return () => {
      frame.removeEventListener("load", attach);
      observer?.disconnect();
    };
  }, []);

  return (
    <div className="relative">
      <iframe
        title={title}
        sandbox="allow-popups allow-popups-to-escape-sandbox"
        srcDoc={srcdoc}
        referrerPolicy="no-referrer"
        style={{ height }}
        className="block w-full border-0 bg-white"
      />
      <iframe
        ref={measure}
        title="Measuring frame"
        aria-hidden="true"
        tabIndex={-1}
        sandbox="allow-same-origin"
        srcDoc={srcdoc}
        referrerPolicy="no-referrer"
        className="pointer-events-none invisible absolute inset-x-0 top-0 h-0 w-full border-0"
      />
    </div>
  );
}
