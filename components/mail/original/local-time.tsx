"use client";

import { useEffect, useState } from "react";
import { formatFullDate } from "@/lib/view-models/list-date";

/**
 * A time to the second in the reader's own time zone, with its zone named: hop delays are
 * seconds, so the timeline needs them. Rendered in UTC on the server; the browser's zone
 * takes over after hydration (as components/mail/local-date.tsx does).
 */
export function LocalTime({ iso }: { iso: string }) {
  const [local, setLocal] = useState(false);
  useEffect(() => setLocal(true), []);
  const timeZone = local ? undefined : "UTC";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const text = new Intl.DateTimeFormat(undefined, {
    timeZone,
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    timeZoneName: "short",
  }).format(date);
  return (
    <time dateTime={iso} title={formatFullDate(iso, { timeZone })} suppressHydrationWarning>
      {text}
    </time>
  );
}
