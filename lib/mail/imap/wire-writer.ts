/**
 * Writes one chunk of a serialized command. An ordinary command goes out in one write (one
 * TCP segment, Nagle being off); a chunk carrying a large literal (a 25 MB APPEND) goes piece
 * by piece so the socket's backpressure applies and nothing is copied whole.
 */
import type { MailSocket } from "../net/index.ts";
import type { WireChunk } from "./command-builder.ts";

const ONE_WRITE_MAX = 256 * 1024;

export async function writeChunk(socket: MailSocket, chunk: WireChunk): Promise<void> {
  let size = 0;
  for (const piece of chunk.pieces) size += piece.data.length;
  if (size <= ONE_WRITE_MAX) {
    const only = chunk.pieces.length === 1 ? chunk.pieces[0]!.data : null;
    const data =
      only ??
      Buffer.concat(
        chunk.pieces.map((p) => (typeof p.data === "string" ? Buffer.from(p.data) : p.data)),
      );
    const transcriptAs = chunk.pieces.map((p) => p.transcript).join("");
    await socket.write(data, { transcriptAs: transcriptAs.replace(/\r\n$/, "") });
    return;
  }
  for (const piece of chunk.pieces) {
    await socket.write(piece.data, { transcriptAs: piece.transcript.replace(/\r\n$/, "") });
  }
}
