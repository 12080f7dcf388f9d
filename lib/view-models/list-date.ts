/**
 * How the message list shows a date: the time for today, the weekday within the last week,
 * the day and month this year, the full date before that. Pure and zone-aware so the same
 * function serves the server's first render and the browser's own time zone.
 */
export interface DateFormatOptions {
  now: Date;
  timeZone?: string;
  locale?: string;
}

function dayKey(date: Date, timeZone?: string): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(date);
}

function daysBetween(a: Date, b: Date, timeZone?: string): number {
  const utc = (d: Date) => Date.parse(`${dayKey(d, timeZone)}T00:00:00Z`);
  return Math.round((utc(b) - utc(a)) / 86_400_000);
}

export function formatListDate(iso: string, { now, timeZone, locale }: DateFormatOptions): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const days = daysBetween(date, now, timeZone);
  if (days === 0) {
    return new Intl.DateTimeFormat(locale, { timeZone, hour: "2-digit", minute: "2-digit" }).format(
      date,
    );
  }
  if (days > 0 && days < 7) {
    return new Intl.DateTimeFormat(locale, { timeZone, weekday: "short" }).format(date);
  }
  const sameYear = dayKey(date, timeZone).slice(0, 4) === dayKey(now, timeZone).slice(0, 4);
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    day: "numeric",
    month: "short",
    ...(sameYear ? {} : { year: "numeric" }),
  }).format(date);
}

/** The full local date and time, for a tooltip. */
export function formatFullDate(iso: string, { timeZone, locale }: Omit<DateFormatOptions, "now">) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    dateStyle: "full",
    timeStyle: "long",
  }).format(date);
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(1)} GB`;
}

/** A date and time with the weekday, for the reader's header. */
export function formatMediumDate(
  iso: string,
  { timeZone, locale }: Omit<DateFormatOptions, "now">,
) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(date);
}
