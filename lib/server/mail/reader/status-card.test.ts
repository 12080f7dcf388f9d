import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS_DIR } from "../../../dev/shared-data.ts";
import { parseMessage } from "../../../mail/mime/parser.ts";
import { deliveryStatus, findDeliveryStatus } from "../../../mail/mime/views/delivery-status.ts";
import { statusCard } from "./status-card.ts";

const corpusMessage = (file: string) => parseMessage(readFileSync(path.join(CORPUS_DIR, file)));

function cardOf(file: string) {
  const message = corpusMessage(file);
  const part = findDeliveryStatus(message.root)!;
  return statusCard(message.text(part)!);
}

describe("statusCard", () => {
  it("lists each recipient of a real multi-recipient bounce (RFC 3464)", () => {
    expect(cardOf("enmime-testdata-multi_recipient_dsn.eml")).toEqual({
      reportingMta: "cs.utk.edu",
      recipients: [
        {
          recipient: "arathib@vnet.ibm.com",
          action: "failed",
          status: "5.0.0",
          diagnostic: expect.stringMatching(/^550 'arathib@vnet.IBM.COM' is not a regi/),
          remoteMta: expect.any(String),
        },
        {
          recipient: "johnh@hpnjld.njd.hp.com",
          action: "delayed",
          status: "4.0.0",
          diagnostic: null,
          remoteMta: null,
        },
        {
          recipient: "wsnell@sdcc13.ucsd.edu",
          action: "failed",
          status: "5.0.0",
          diagnostic: "550 user unknown",
          remoteMta: expect.any(String),
        },
      ],
    });
  });

  it("agrees with the MIME parser's report on every bounce of the corpus", () => {
    let compared = 0;
    for (const file of readdirSync(CORPUS_DIR).filter((f) => f.endsWith(".eml"))) {
      const message = corpusMessage(file);
      const report = deliveryStatus(message);
      if (!report) continue;
      const card = cardOf(file);
      const recipients = report.recipients.filter((r) => r.finalRecipient ?? r.originalRecipient);
      expect(card?.recipients.length ?? 0, file).toBe(recipients.length);
      for (const [i, r] of recipients.entries()) {
        expect(card!.recipients[i]!.recipient, file).toBe(r.finalRecipient ?? r.originalRecipient);
        expect(card!.recipients[i]!.diagnostic, file).toBe(r.diagnosticCode);
        // The card shows a code or nothing; the report keeps prose a Status field may hold.
        if (r.status && /^[245]\.\d+\.\d+$/.test(r.status))
          expect(card!.recipients[i]!.status, file).toBe(r.status);
        else expect(card!.recipients[i]!.status, file).toBeNull();
      }
      compared++;
    }
    expect(compared).toBeGreaterThan(50);
  });

  it("shows a status code or nothing, never the field's prose", () => {
    const text = [
      "Reporting-MTA: dns; mx.example",
      "",
      "Final-Recipient: rfc822; <a@example>",
      "Action: Failed",
      "Status: mailbox full",
      "",
      "Original-Recipient: rfc822;b@example",
      "Status: 4.2.2 (over quota)",
      "",
      "Action: failed",
      "",
    ].join("\r\n");
    expect(statusCard(text)).toEqual({
      reportingMta: "mx.example",
      recipients: [
        {
          recipient: "a@example",
          action: "failed",
          status: null,
          diagnostic: null,
          remoteMta: null,
        },
        {
          recipient: "b@example",
          action: "unknown",
          status: "4.2.2",
          diagnostic: null,
          remoteMta: null,
        },
      ],
    });
    expect(statusCard("Reporting-MTA: dns; mx.example\r\n")).toBeNull();
  });
});
