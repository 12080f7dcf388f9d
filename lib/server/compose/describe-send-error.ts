/**
 * Why a message was not sent, in words a person understands, with the server's own reply and
 * code: "The server refused x@example.test: 550 5.1.1 ... mailbox unknown". Recipients refused
 * one by one (RFC 5321 section 4.1.1.3) are listed each with its reply, so the person sees
 * exactly which ones failed. Everything else falls back to the app's general describer.
 */
import { isMailError } from "../../mail/errors.ts";
import { describeReply, SmtpError } from "../../mail/smtp/index.ts";
import { describeMailError } from "../mail/describe-error.ts";
import type { RefusedRecipient } from "./compose-view.ts";

export function refusedRecipient(error: SmtpError): RefusedRecipient {
  const address = error.recipient ?? "";
  const serverSaid = describeReply(error.reply);
  return { address, serverSaid, message: `The server refused ${address}: ${serverSaid}` };
}

export interface SendFailure {
  code: string;
  message: string;
  refused: RefusedRecipient[];
}

export function describeSendError(error: unknown): SendFailure {
  if (error instanceof SmtpError) {
    const said = describeReply(error.reply);
    const command = error.command.toUpperCase();
    if (error.code === "SMTP_ALL_RECIPIENTS_REFUSED") {
      const refused = (error.refused ?? [error]).map(refusedRecipient);
      return {
        code: error.code,
        message: `Not sent. ${refused.map((r) => r.message).join(". ")}.`,
        refused,
      };
    }
    if (error.code === "SMTP_SIZE_EXCEEDED") {
      return {
        code: error.code,
        message: `Not sent: the server refused the message as too large: ${said}. Remove an attachment and try again.`,
        refused: [],
      };
    }
    if (error.code === "SMTP_TRANSIENT") {
      return {
        code: error.code,
        message: `Not sent: the server cannot take the message right now: ${said}. Try again in a few minutes.`,
        refused: [],
      };
    }
    if (error.code === "SMTP_PERMANENT" && command.startsWith("MAIL FROM")) {
      return {
        code: error.code,
        message: `Not sent: the server does not let this account send from that address: ${said}. Choose another sender, or check the identity in Settings.`,
        refused: [],
      };
    }
    if (error.code === "SMTP_PERMANENT") {
      return {
        code: error.code,
        message: `Not sent: the server refused the message: ${said}.`,
        refused: [],
      };
    }
  }
  if (
    isMailError(error) &&
    (error.code === "INVALID_ADDRESS" || error.code === "HEADER_INJECTION")
  ) {
    return { code: error.code, message: `Not sent: ${error.message}.`, refused: [] };
  }
  const described = describeMailError(error, "SMTP server");
  const said = described.serverSaid ? ` (the server said: ${described.serverSaid})` : "";
  return { code: described.code, message: `Not sent. ${described.message}${said}`, refused: [] };
}
