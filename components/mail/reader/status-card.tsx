import type { DeliveryStatusView } from "@/lib/view-models/message";

const ACTION_TEXT: Record<string, string> = {
  failed: "Could not be delivered",
  delayed: "Delayed, still trying",
  delivered: "Delivered",
  relayed: "Passed on to a system that does not report back",
  expanded: "Delivered to a list",
};

/** A bounce, read: one line per recipient with what happened and the server's reason. */
export function StatusCard({ report }: { report: DeliveryStatusView }) {
  return (
    <section
      aria-label="Delivery report"
      className="mx-5 my-3 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm dark:border-amber-700 dark:bg-amber-950"
    >
      <h3 className="mb-2 font-semibold">
        Delivery report{report.reportingMta ? ` from ${report.reportingMta}` : ""}
      </h3>
      <ul className="space-y-2">
        {report.recipients.map((r) => (
          <li key={`${r.recipient}${r.status}`}>
            <p>
              <span className="font-medium">{r.recipient}</span>:{" "}
              <span
                className={r.action === "failed" ? "text-red-700 dark:text-red-400" : undefined}
              >
                {ACTION_TEXT[r.action] ?? r.action}
              </span>
              {r.status && <span className="ml-1 font-mono text-xs">({r.status})</span>}
            </p>
            {r.diagnostic && (
              <p className="font-mono text-xs break-words opacity-80">{r.diagnostic}</p>
            )}
            {r.remoteMta && <p className="text-xs opacity-70">Reported by {r.remoteMta}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
