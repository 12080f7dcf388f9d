/**
 * The route timeline's data, from lib/mail/headers' buildRoute (hops in travel order, delays
 * as each server's clock says, negative ones kept and flagged), made serializable; and how a
 * delay reads ("4 min 12 s", "−3 s").
 */
import type { HeaderFieldInput, MessageRoute } from "../../../mail/headers/index.ts";
import { buildRoute } from "../../../mail/headers/index.ts";
import { MAX_TIMELINE_HOPS } from "./original-limits.ts";
import type { HopView, RouteView } from "./original-view.ts";

const iso = (date: Date | null) =>
  date && !Number.isNaN(date.getTime()) ? date.toISOString() : null;

export function routeView(fields: readonly HeaderFieldInput[]): RouteView {
  return fromRoute(buildRoute(fields));
}

export function fromRoute(route: MessageRoute): RouteView {
  const hops: HopView[] = route.hops.map((hop) => {
    const r = hop.received;
    return {
      step: hop.step,
      fieldIndex: hop.fieldIndex,
      from: r.from ? { ...r.from } : null,
      by: r.by ? { ...r.by } : null,
      with: r.with,
      via: r.via,
      id: r.id,
      for: r.for,
      tls: r.tls,
      envelopeFrom: r.envelopeFrom,
      time: iso(hop.time),
      dateRaw: r.dateRaw,
      delayMs: hop.delayMs,
      slowest: hop.slowest,
      clockSkew: hop.clockSkew,
      raw: r.raw,
    };
  });
  // JSON has no `undefined`: leave absent clauses out rather than send them as null.
  for (const hop of hops) {
    for (const key of Object.keys(hop) as (keyof HopView)[]) {
      if (hop[key] === undefined) delete hop[key];
    }
  }
  return {
    hops,
    transitMs: route.transitMs,
    sinceDateMs: route.sinceDateMs,
    origin: route.origin
      ? {
          helo: route.origin.helo,
          host: route.origin.host,
          ip: route.origin.ip,
          envelopeFrom: route.origin.envelopeFrom,
        }
      : null,
  };
}

const UNITS: readonly [number, string][] = [
  [86_400_000, "d"],
  [3_600_000, "h"],
  [60_000, "min"],
  [1000, "s"],
];

/**
 * A duration in the two largest units that matter: "0 s", "0.4 s", "12 s", "4 min 12 s",
 * "2 h 5 min", "3 d 4 h". Negative durations keep their sign ("−3 s"): a delay that runs
 * backwards is clock skew, and it is shown, never clamped to zero.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return "";
  const sign = ms < 0 ? "\u2212" : "";
  let rest = Math.abs(ms);
  if (rest < 1000) {
    const tenths = Math.round(rest / 100) / 10;
    return `${sign}${tenths} s`;
  }
  rest = Math.round(rest / 1000) * 1000;
  const first = UNITS.findIndex(([size]) => rest >= size);
  const [size, unit] = UNITS[first]!;
  const count = Math.floor(rest / size);
  let text = `${count} ${unit}`;
  const next = UNITS[first + 1];
  if (next) {
    const smaller = Math.floor((rest - count * size) / next[0]);
    if (smaller > 0) text += ` ${smaller} ${next[1]}`;
  }
  return `${sign}${text}`;
}

/** The delay label of a hop: "+4 min 12 s", "−3 s (clock skew)", or "" without a delay. */
export function delayLabel(hop: Pick<HopView, "delayMs" | "clockSkew">): string {
  if (hop.delayMs === null) return "";
  const text = formatDuration(hop.delayMs);
  if (hop.clockSkew) return `${text} (clock skew)`;
  return `+${text}`;
}

export type TimelineEntry = { hop: HopView } | { hidden: number };

/**
 * The hops the timeline draws: all of them up to `max`; past it the first and last halves and
 * the slowest hop, with the count of those left out where they were.
 */
export function timelineEntries(
  hops: readonly HopView[],
  max = MAX_TIMELINE_HOPS,
): TimelineEntry[] {
  if (hops.length <= max) return hops.map((hop) => ({ hop }));
  const half = Math.floor(max / 2);
  const keep = (hop: HopView, i: number) => i < half || i >= hops.length - half || hop.slowest;
  const out: TimelineEntry[] = [];
  let hidden = 0;
  hops.forEach((hop, i) => {
    if (!keep(hop, i)) {
      hidden++;
      return;
    }
    if (hidden > 0) out.push({ hidden });
    hidden = 0;
    out.push({ hop });
  });
  return out;
}
