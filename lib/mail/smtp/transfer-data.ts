/**
 * The message by DATA (RFC 5321 section 4.1.1.4): streamed through the encoder (CRLF only,
 * dot-stuffed, terminated), one chunk in hand at a time, each write waiting for the socket to
 * drain, so a 25 MB message is never held twice.
 */
import type { SmtpConnection } from "./connection.ts";
import { MessageEncoder } from "./dot-stuffer.ts";
import { chunkBytes, type PreparedMessage } from "./message-source.ts";
import type { SmtpReply } from "./reply.ts";
import { replyError } from "./smtp-error.ts";
import { abortTransfer, eightBitRefused, type TransferFailure } from "./transfer-abort.ts";

export interface TransferResult {
  reply: SmtpReply;
  /** Bytes the server received for the message, terminator included. */
  bytesSent: number;
}

export async function transferData(
  connection: SmtpConnection,
  message: PreparedMessage,
  options: { eightBitAllowed: boolean; dataEndTimeoutMs: number },
): Promise<TransferResult> {
  const encoder = new MessageEncoder({ dotStuff: true });
  let failure: TransferFailure = "source";
  try {
    for await (const chunk of message.chunks) {
      const encoded = encoder.push(chunkBytes(chunk));
      if (encoder.eightBit && !options.eightBitAllowed) throw eightBitRefused();
      failure = "write";
      await connection.sendData(encoded);
      failure = "source";
    }
    failure = "write";
    const tail = encoder.end();
    await connection.sendData(tail);
  } catch (error) {
    throw await abortTransfer(connection, error, failure, "data-end");
  }
  connection.note("C", `[${encoder.bytesOut - 3} octets of message data]`);
  connection.note("C", ".");
  const reply = await connection.read("data-end", "(end of data)", options.dataEndTimeoutMs);
  if (reply.code !== 250) throw replyError(reply, "data-end", "(end of data)");
  return { reply, bytesSent: encoder.bytesOut };
}
