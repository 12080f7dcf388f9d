/** Deliver a message the way mail really arrives: over SMTP to the stack's inbound port. */
import { randomUUID } from "node:crypto";
import { SmtpClient } from "../../lib/mail/smtp/index.ts";
import { mailstack } from "./stack.ts";

export async function deliverViaSmtp(
  to: string,
  subject: string,
  text = "Hello from a test.",
): Promise<string> {
  const messageId = `<${randomUUID()}@e2e.example.test>`;
  const bytes = Buffer.from(
    [
      "From: Test Sender <sender@example.org>",
      `To: ${to}`,
      `Subject: ${subject}`,
      `Message-ID: ${messageId}`,
      `Date: ${new Date().toUTCString().replace("GMT", "+0000")}`,
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "",
      text,
      "",
    ].join("\r\n"),
  );
  const client = await SmtpClient.connect({
    host: mailstack.host,
    port: mailstack.ports.smtp,
    security: "none",
  });
  try {
    await client.send({ from: "sender@example.org", to: [to] }, bytes);
  } finally {
    await client.quit();
  }
  return messageId;
}
