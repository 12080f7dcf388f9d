"use client";

import { useEffect, useState } from "react";
import { formatFullDate, formatListDate, formatMediumDate } from "@/lib/view-models/list-date";

/**
 * A date in the reader's own time zone, with the full date and time on hover. The server
 * renders it in UTC; after hydration the browser's zone takes over (rendering the zone's text
 * on the server would mismatch).
 */
export function LocalDate({ iso, variant = "list" }: { iso: string; variant?: "list" | "medium" }) {
  const [local, setLocal] = useState<{ now: Date } | null>(null);
  useEffect(() => setLocal({ now: new Date() }), []);
  const timeZone = local ? undefined : "UTC";
  const now = local?.now ?? new Date(iso);
  const text =
    variant === "medium"
      ? formatMediumDate(iso, { timeZone })
      : formatListDate(iso, { now, timeZone });
  return (
    <time dateTime={iso} title={formatFullDate(iso, { timeZone })}>
      {text}
    </time>
  );
}
