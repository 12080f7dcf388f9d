/**
 * The message by BDAT (RFC 3030 CHUNKING): counted chunks, so no dot-stuffing and no
 * terminator to smuggle, but still CRLF-normalised (RFC 3030 section 3 keeps RFC 5322's line
 * ends; the same bytes arrive as with DATA). Chunks of about SMTP_LIMITS.bdatChunkBytes are
 * gathered without copying; with PIPELINING a few are sent ahead of their replies (RFC 3030
 * section 4.2), otherwise each waits for its 250.
 */
import type { SmtpConnection } from "./connection.ts";
import { MessageEncoder } from "./dot-stuffer.ts";
import { SMTP_LIMITS } from "./limits.ts";
import { chunkBytes, type PreparedMessage } from "./message-source.ts";
import type { SmtpReply } from "./reply.ts";
import { replyError } from "./smtp-error.ts";
import { reset } from "./transaction.ts";
import { abortTransfer, eightBitRefused, type TransferFailure } from "./transfer-abort.ts";
import type { TransferResult } from "./transfer-data.ts";

export async function transferBdat(
  connection: SmtpConnection,
  message: PreparedMessage,
  options: {
    eightBitAllowed: boolean;
    pipelining: boolean;
    dataEndTimeoutMs: number;
  },
): Promise<TransferResult> {
  const encoder = new MessageEncoder({ dotStuff: false });
  const window = options.pipelining ? SMTP_LIMITS.bdatWindow : 1;
  /** BDAT commands sent whose replies are still to come, oldest first. */
  const awaiting: string[] = [];
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let finalReply: SmtpReply | undefined;

  const collect = async (count: number, last: boolean) => {
    while (awaiting.length > count) {
      const command = awaiting.shift()!;
      const final = last && awaiting.length === 0;
      const timeout = final ? options.dataEndTimeoutMs : undefined;
      const reply = await connection.read(final ? "data-end" : "bdat", command, timeout);
      if (reply.code !== 250) {
        // RFC 3030 section 2: the transaction has failed; send no more chunks, take the
        // replies still owed to those already sent, and start afresh.
        for (const owed of awaiting.splice(0)) await connection.read("bdat", owed);
        await reset(connection);
        throw replyError(reply, final ? "data-end" : "bdat", command);
      }
      if (final) finalReply = reply;
    }
  };

  const flush = async (last: boolean) => {
    const command = `BDAT ${pendingBytes}${last ? " LAST" : ""}`;
    await connection.send(command);
    for (const piece of pending) await connection.sendData(piece);
    if (pendingBytes > 0) connection.note("C", `[${pendingBytes} octets of message data]`);
    pending = [];
    pendingBytes = 0;
    awaiting.push(command);
  };

  /** What was under way when something threw: decides whether the connection can be kept. */
  let failure: TransferFailure | "reply" = "source";
  try {
    for await (const chunk of message.chunks) {
      const encoded = encoder.push(chunkBytes(chunk));
      if (encoder.eightBit && !options.eightBitAllowed) throw eightBitRefused();
      if (encoded.length === 0) continue;
      pending.push(encoded);
      pendingBytes += encoded.length;
      if (pendingBytes >= SMTP_LIMITS.bdatChunkBytes) {
        failure = "write";
        await flush(false);
        failure = "reply";
        await collect(window - 1, false);
        failure = "source";
      }
    }
    const tail = encoder.end();
    if (tail.length > 0) {
      pending.push(tail);
      pendingBytes += tail.length;
    }
    failure = "write";
    await flush(true);
  } catch (error) {
    // A refused chunk was answered and the transaction reset: the session can go on.
    if (failure === "reply") throw error;
    throw await abortTransfer(connection, error, failure, "bdat");
  }
  await collect(0, true);
  return { reply: finalReply!, bytesSent: encoder.bytesOut };
}
