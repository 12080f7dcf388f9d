"use client";
/**
 * What the composer checks before asking the server to send, so the common mistakes are told
 * at once. The server checks all of it again (lib/server/compose/compose-input.ts).
 */
import type { ChipView, Problem } from "@/lib/server/compose/compose-view";
import type { UploadItem } from "./use-uploads.ts";

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export function localProblems(
  lists: { to: ChipView[]; cc: ChipView[]; bcc: ChipView[] },
  subject: string,
  uploads: UploadItem[],
): Problem[] {
  const out: Problem[] = [];
  if (lists.to.length + lists.cc.length + lists.bcc.length === 0) {
    out.push({ field: "to", message: "Add at least one recipient in To, Cc or Bcc." });
  }
  for (const field of ["to", "cc", "bcc"] as const) {
    for (const chip of lists[field]) {
      if (!chip.valid) {
        const name = field === "to" ? "To" : field === "cc" ? "Cc" : "Bcc";
        out.push({
          field,
          message: `${name}: “${chip.address || chip.name}” is not a valid address (${chip.reason ?? "unknown reason"}). Remove or correct it.`,
        });
      }
    }
  }
  if (CONTROL.test(subject)) {
    out.push({
      field: "subject",
      message:
        "The subject contains a line break or another control character. A subject is one line: remove it and send again.",
    });
  }
  if (uploads.some((u) => u.status === "uploading")) {
    out.push({ field: "attachments", message: "Wait until every file has finished uploading." });
  }
  return out;
}
