/**
 * Download one message, or one part of it, to a sink without holding it: the literal is
 * routed chunk by chunk from the socket to the caller (a hash, a file, an HTTP response), so a
 * 25 MB attachment costs a few socket buffers of memory, not 25 MB.
 */
import { raw } from "../command-builder.ts";
import type { ImapConnection } from "../connection.ts";
import { ImapError } from "../errors.ts";
import { type LiteralContext, type LiteralSink, StreamedLiteral } from "../framer.ts";
import { sequenceSet } from "../sequence-set.ts";
import { type BodyRequest, fetchItems, sectionSpec } from "./fetch.ts";

export interface DownloadResult {
  uid: number | null;
  seq: number | null;
  /** Octets written to the sink. */
  size: number;
  /** True when the server decoded the content-transfer-encoding (BINARY); false for raw bytes. */
  decoded: boolean;
}

const KEY_AT_END = /(BODY|BINARY)\[([^\]]*)\](?:<\d+>)? ~?\{\d+\}$/i;

export async function download(
  conn: ImapConnection,
  id: number,
  request: BodyRequest,
  sink: LiteralSink,
  options: { byUid?: boolean } = { byUid: true },
): Promise<DownloadResult> {
  const byUid = options.byUid ?? true;
  const section = sectionSpec(request.section);
  const binary = request.binary === true && conn.has("BINARY");
  let size = 0;
  let streamed = false;
  let sinkError: unknown = null;
  // A failing sink must not break the protocol: the rest of the literal is read and dropped,
  // and the download fails with the sink's error once the command completes.
  const guarded: LiteralSink = async (chunk) => {
    if (sinkError) return;
    try {
      size += chunk.length;
      await sink(chunk);
    } catch (error) {
      sinkError = error;
    }
  };
  const router = (context: LiteralContext): LiteralSink | undefined => {
    if (context.firstLine[0] !== 0x2a || streamed) return undefined;
    const tail = context.line.toString("latin1", Math.max(0, context.line.length - 300));
    const key = KEY_AT_END.exec(tail);
    if (!key || key[2]!.toUpperCase() !== section) return undefined;
    if (byUid) {
      const uid = /\bUID (\d+)/.exec(context.firstLine.toString("latin1", 0, 200));
      if (uid && Number(uid[1]) !== id) return undefined;
    }
    streamed = true;
    return guarded;
  };
  const result: DownloadResult = { uid: null, seq: null, size: 0, decoded: binary };
  let found = false;
  let pendingWrite: Promise<void> = Promise.resolve();
  const items = fetchItems(conn, { bodies: [{ ...request, binary }] });
  await conn.run({
    name: byUid ? "UID FETCH" : "FETCH",
    args: [...(byUid ? [raw("UID")] : []), raw("FETCH"), raw(sequenceSet(id)), items],
    literalRouter: router,
    onUntagged: (data) => {
      if (data.type !== "fetch") return false;
      const uidIndex = data.items.findIndex(
        (v) => typeof v === "string" && v.toUpperCase() === "UID",
      );
      const uid = uidIndex >= 0 ? Number(data.items[uidIndex + 1]) : null;
      if (byUid && uid !== null && uid !== id) return false;
      if (byUid && uid === null) return false;
      if (!byUid && data.seq !== id) return false;
      for (let i = 0; i + 1 < data.items.length; i += 2) {
        const key = String(data.items[i]).toUpperCase();
        if (!/^(BODY|BINARY)\[/.test(key)) continue;
        found = true;
        const value = data.items[i + 1];
        // Small or empty content may come as a quoted string or NIL instead of a literal.
        if (!(value instanceof StreamedLiteral) && value !== null && !streamed) {
          const bytes = Buffer.isBuffer(value) ? value : Buffer.from(String(value), "utf8");
          streamed = true;
          pendingWrite = Promise.resolve(guarded(bytes));
        }
      }
      result.uid = uid;
      result.seq = data.seq;
      return true;
    },
  });
  await pendingWrite;
  if (sinkError) throw sinkError;
  if (!found) {
    throw new ImapError("IMAP_NO", `No message ${byUid ? "with UID " : ""}${id} in this mailbox`, {
      responseCode: "NONEXISTENT",
      command: byUid ? "UID FETCH" : "FETCH",
    });
  }
  result.size = size;
  return result;
}
