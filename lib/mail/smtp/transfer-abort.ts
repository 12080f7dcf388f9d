/**
 * What to do when sending the message fails halfway. There is no way to cancel DATA: any
 * CRLF "." CRLF we sent would deliver a truncated message. So the connection is dropped
 * without a terminator and the server discards the transaction (RFC 5321 section 3.8).
 */
import { isMailError, MailError } from "../errors.ts";
import type { SmtpConnection } from "./connection.ts";
import { replyError, type SmtpStep } from "./smtp-error.ts";

export type TransferFailure = "source" | "write";

export async function abortTransfer(
  connection: SmtpConnection,
  error: unknown,
  failure: TransferFailure,
  step: SmtpStep,
): Promise<Error> {
  if (failure === "write") {
    // The server hung up while we wrote; if it said why first (421, 552), that is the error.
    const reply = await connection.lastWords();
    connection.destroy();
    return reply ? replyError(reply, step, "(message data)") : asError(error);
  }
  connection.destroy();
  if (isMailError(error)) return error;
  const text = error instanceof Error ? error.message : String(error);
  return new MailError("INVALID_INPUT", `Reading the message failed: ${text}`, { cause: error });
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new MailError("CLOSED", String(error));
}

/** RFC 6152: 8-bit bytes may not be sent to a server that did not offer 8BITMIME. */
export function eightBitRefused(): MailError {
  return new MailError(
    "INVALID_INPUT",
    "The message has 8-bit content and the server does not offer 8BITMIME (RFC 6152); the transfer was abandoned",
  );
}
