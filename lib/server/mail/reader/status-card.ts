/** A bounce's message/delivery-status part as a per-recipient card (RFC 3464). */
import { statusBlocks } from "../../../mail/mime/views/delivery-status.ts";
import type { DeliveryStatusView } from "../../../view-models/message.ts";

function typed(value: string | undefined): string | null {
  if (!value) return null;
  const semi = value.indexOf(";");
  return (semi === -1 ? value : value.slice(semi + 1)).trim().replace(/^<(.*)>$/, "$1") || null;
}

export function statusCard(text: string): DeliveryStatusView | null {
  const [first = [], ...rest] = statusBlocks(text);
  const field = (block: [string, string][], name: string) =>
    block.find(([n]) => n.toLowerCase() === name)?.[1];
  const recipients = rest
    .map((block) => ({
      recipient:
        typed(field(block, "final-recipient")) ?? typed(field(block, "original-recipient")) ?? "",
      action: (field(block, "action") ?? "unknown").toLowerCase(),
      status: field(block, "status")?.match(/[245]\.\d{1,3}\.\d{1,3}/)?.[0] ?? null,
      diagnostic: typed(field(block, "diagnostic-code")),
      remoteMta: typed(field(block, "remote-mta")),
    }))
    .filter((r) => r.recipient);
  if (recipients.length === 0) return null;
  return { reportingMta: typed(field(first, "reporting-mta")), recipients };
}
