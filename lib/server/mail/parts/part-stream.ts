import "server-only";
/**
 * A message part (or the whole message) from IMAP straight into an HTTP response, decoded on
 * the way (base64, quoted-printable), never held whole: a 25 MB attachment costs a few socket
 * buffers. The download holds the session's IMAP connection until it finishes; the response
 * stream's backpressure slows the IMAP read, not the other way round.
 */
import { once } from "node:events";
import { PassThrough, Readable } from "node:stream";
import { createTransferDecoder } from "../../../mail/mime/transfer-encoding.ts";
import { type ImapContext, withMailbox } from "../imap-pool.ts";

export interface StreamRequest {
  mailbox: string;
  uid: number;
  /** "" for the whole message. */
  section: string;
  /** Content-Transfer-Encoding to undo; "7bit" (or omitted) passes bytes through. */
  transferEncoding?: string;
  partial?: { start: number; length: number };
}

export function streamPart(
  context: ImapContext,
  request: StreamRequest,
): ReadableStream<Uint8Array> {
  const output = new PassThrough({ highWaterMark: 256 * 1024 });
  const decoder = createTransferDecoder(request.transferEncoding ?? "7bit");
  const push = async (bytes: Uint8Array) => {
    if (bytes.length > 0 && !output.write(bytes)) await once(output, "drain");
  };
  void withMailbox(context, request.mailbox, (client) =>
    client.download(request.uid, { section: request.section, partial: request.partial }, (chunk) =>
      push(decoder.update(chunk)),
    ),
  ).then(
    async () => {
      await push(decoder.finalize());
      output.end();
    },
    (error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error))),
  );
  return Readable.toWeb(output) as ReadableStream<Uint8Array>;
}
