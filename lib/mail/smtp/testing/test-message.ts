/**
 * Test messages for the integration tests, built here (the MIME builder is someone else's
 * component and not under test): CRLF headers with a unique Message-ID, then the body as given.
 * No Bcc header, ever: Bcc recipients live in the envelope only.
 */
import crypto from "node:crypto";

export interface TestMessage {
  messageId: string;
  bytes: Buffer;
  body: Buffer;
}

export function testMessage(options: {
  from: string;
  to: string[];
  cc?: string[];
  subject: string;
  body: string | Buffer;
}): TestMessage {
  const messageId = `<${crypto.randomUUID()}@letterbox.test>`;
  const headers = [
    `From: ${options.from}`,
    `To: ${options.to.join(", ")}`,
    ...(options.cc?.length ? [`Cc: ${options.cc.join(", ")}`] : []),
    `Subject: ${options.subject}`,
    `Message-ID: ${messageId}`,
    `Date: ${new Date().toUTCString().replace("GMT", "+0000")}`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    "",
  ].join("\r\n");
  const body = typeof options.body === "string" ? Buffer.from(options.body, "utf8") : options.body;
  return { messageId, body, bytes: Buffer.concat([Buffer.from(headers, "utf8"), body]) };
}

/** The body of a stored message: everything after the first empty line. */
export function bodyOf(message: Buffer): Buffer {
  const at = message.indexOf("\r\n\r\n");
  if (at < 0) throw new Error("message has no header/body separator");
  return message.subarray(at + 4);
}

/** The header block of a stored message. */
export function headerOf(message: Buffer): string {
  return message.subarray(0, message.indexOf("\r\n\r\n") + 2).toString("utf8");
}
