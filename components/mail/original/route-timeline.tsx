import { WarningIcon } from "@/components/ui/icons";
import type { HopView, RouteView } from "@/lib/server/mail/original/original-view";
import { delayLabel, formatDuration, timelineEntries } from "@/lib/server/mail/original/route-view";
import { LocalTime } from "./local-time.tsx";

/**
 * One end of a hop: the name the receiving server verified (rDNS) and the address it saw, then
 * the name the client gave itself in HELO/EHLO when that differs or is all there is; a HELO
 * name is only a claim.
 */
function endpoint(end: { helo?: string; host?: string; ip?: string } | null): string {
  if (!end) return "";
  const ip = end.ip ? `[${end.ip}]` : "";
  if (!end.host) return [end.helo ? `HELO ${end.helo}` : "", ip].filter(Boolean).join(" ");
  const helo =
    end.helo && end.helo.toLowerCase() !== end.host.toLowerCase() ? `(HELO ${end.helo})` : "";
  return [end.host, ip, helo].filter(Boolean).join(" ");
}

function Clause({ label, value }: { label: string; value: string | undefined }) {
  if (!value) return null;
  return (
    <div className="flex gap-2">
      <dt className="w-12 shrink-0 text-zinc-500">{label}</dt>
      <dd className="min-w-0 flex-1 font-mono text-xs leading-5 break-all">
        <bdi>{value}</bdi>
      </dd>
    </div>
  );
}

function Hop({ hop, count }: { hop: HopView; count: number }) {
  const delay = delayLabel(hop);
  const place =
    hop.step === 0 ? "origin" : hop.step === count - 1 ? "delivery into the mailbox" : null;
  return (
    <li
      aria-label={`Hop ${hop.step + 1}${hop.slowest ? ", slowest" : ""}${hop.clockSkew ? ", clock skew" : ""}`}
      className="relative pb-4 pl-6"
    >
      <span
        aria-hidden="true"
        className={`absolute top-1.5 left-[-5px] size-2.5 rounded-full ${hop.slowest ? "bg-amber-500" : hop.clockSkew ? "bg-red-500" : "bg-accent-500"}`}
      />
      <div
        className={`rounded-md border p-3 ${hop.slowest ? "border-amber-400 bg-amber-50 dark:border-amber-600 dark:bg-amber-950" : "border-zinc-200 dark:border-zinc-800"}`}
      >
        <h3 className="flex flex-wrap items-baseline gap-x-2 text-sm font-semibold">
          <span>Hop {hop.step + 1}</span>
          <span className="font-normal break-all">
            <bdi>{endpoint(hop.by) || "(no by clause)"}</bdi>
          </span>
          {place && <span className="text-xs font-normal text-zinc-500">{place}</span>}
        </h3>
        <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
          {hop.time ? (
            <LocalTime iso={hop.time} />
          ) : (
            <span className="text-zinc-500">no time{hop.dateRaw ? ` (“${hop.dateRaw}”)` : ""}</span>
          )}
          {delay && (
            <span
              className={`rounded px-1.5 py-0.5 text-xs tabular-nums ${hop.clockSkew ? "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300" : "bg-zinc-100 dark:bg-zinc-800"}`}
            >
              {delay}
            </span>
          )}
          {hop.slowest && (
            <span className="flex items-center gap-1 rounded bg-amber-200 px-1.5 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-800 dark:text-amber-100">
              <WarningIcon /> Slowest hop
            </span>
          )}
        </p>
        <dl className="mt-2 space-y-0.5 text-sm">
          <Clause label="from" value={endpoint(hop.from)} />
          <Clause label="by" value={endpoint(hop.by)} />
          <Clause label="with" value={hop.with} />
          <Clause label="via" value={hop.via} />
          <Clause label="id" value={hop.id} />
          <Clause label="for" value={hop.for} />
          <Clause label="TLS" value={hop.tls} />
          <Clause label="sender" value={hop.envelopeFrom} />
        </dl>
        <details className="mt-2 text-xs">
          <summary className="cursor-pointer text-zinc-500">Received field as written</summary>
          <p className="mt-1 font-mono break-all whitespace-pre-wrap">
            <bdi>{hop.raw}</bdi>
          </p>
        </details>
      </div>
    </li>
  );
}

/** The Received chain read bottom-up: from the first server to the mailbox, with delays. */
export function RouteTimeline({ route }: { route: RouteView }) {
  const skewed = route.hops.filter((h) => h.clockSkew).length;
  return (
    <section aria-labelledby="original-route" className="px-5 py-3">
      <h2 id="original-route" className="mb-1 text-base font-semibold">
        Route ({route.hops.length} hop{route.hops.length === 1 ? "" : "s"})
      </h2>
      {route.hops.length === 0 ? (
        <p className="text-sm text-zinc-500">This message has no Received fields.</p>
      ) : (
        <>
          <p className="mb-3 text-xs text-zinc-500">
            From the first server to your mailbox, as each server’s own clock wrote it, shown in
            your time zone. Only the hops your own provider added can be trusted; the sender can
            write anything below them.
            {route.transitMs !== null && ` In transit ${formatDuration(route.transitMs)}.`}
            {route.sinceDateMs !== null &&
              ` ${formatDuration(route.sinceDateMs)} from the Date header to delivery.`}
            {skewed > 0 &&
              ` ${skewed} negative delay${skewed === 1 ? "" : "s"}: the servers’ clocks disagree (clock skew).`}
          </p>
          <ol
            aria-label="Received hops"
            className="ml-1 border-l-2 border-zinc-200 dark:border-zinc-800"
          >
            {timelineEntries(route.hops).map((entry) =>
              "hop" in entry ? (
                <Hop key={entry.hop.fieldIndex} hop={entry.hop} count={route.hops.length} />
              ) : (
                <li key={`hidden-${entry.hidden}`} className="pb-4 pl-6 text-xs text-zinc-500">
                  {entry.hidden} more hops not drawn: every Received field is in the headers below.
                </li>
              ),
            )}
          </ol>
        </>
      )}
    </section>
  );
}
