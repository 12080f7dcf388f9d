/**
 * A bounce's message/delivery-status part as a per-recipient card (RFC 3464), read by the MIME
 * parser's delivery-status view so the card and the parsed report agree.
 */
import {
  enhancedStatusCode,
  readDeliveryStatus,
} from "../../../mail/mime/views/delivery-status.ts";
import type { DeliveryStatusView } from "../../../view-models/message.ts";

export function statusCard(text: string): DeliveryStatusView | null {
  const report = readDeliveryStatus(text);
  const recipients = report.recipients
    .map((r) => ({
      recipient: r.finalRecipient ?? r.originalRecipient ?? "",
      action: r.action ?? "unknown",
      // The card shows a code or nothing; prose in the Status field is not a code.
      status: enhancedStatusCode(r.fields.status),
      diagnostic: r.diagnosticCode,
      remoteMta: r.remoteMta,
    }))
    .filter((r) => r.recipient);
  if (recipients.length === 0) return null;
  return { reportingMta: report.reportingMta, recipients };
}
