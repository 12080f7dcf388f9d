/**
 * RETR once, keep for good: the message streams from the server into its file (never held by
 * the client as a whole), then the row learns it is kept and gets the exact attachment flag,
 * preview and body words that only the whole message has.
 */
import type { Db } from "../../db/client.ts";
import type { Pop3SessionHandle } from "./account-session.ts";
import { digestOfMessage, searchTextOf } from "./message-digest.ts";
import { removeMessageFiles, saveMessageStream } from "./message-files.ts";

export interface DownloadTarget {
  id: number;
  uidl: string;
}

/**
 * Downloads one message in `session`. Resolves with its bytes, or null when the server no
 * longer lists that unique-id (the row is then marked off the server).
 */
export async function downloadMessage(
  db: Db,
  session: Pop3SessionHandle,
  accountId: string,
  target: DownloadTarget,
): Promise<Buffer | null> {
  const number = (await session.numbers()).get(target.uidl);
  if (number === undefined) {
    await db.pop3Message.updateMany({
      where: { id: target.id, accountId },
      data: { onServer: false },
    });
    return null;
  }
  const chunks: Buffer[] = [];
  await saveMessageStream(accountId, target.id, async (write) => {
    await session.client.retrieveTo(number, async (chunk) => {
      chunks.push(chunk);
      await write(chunk);
    });
  });
  const bytes = Buffer.concat(chunks);
  const digest = digestOfMessage(bytes);
  const updated = await db.pop3Message.updateMany({
    // A message deleted for good while it was downloading keeps no copy.
    where: { id: target.id, accountId, deletedAt: null },
    data: {
      stored: true,
      size: bytes.length,
      hasAttachments: digest.hasAttachments,
      preview: digest.preview,
      searchText: searchTextOf(digest),
    },
  });
  if (updated.count === 0) await removeMessageFiles(accountId, [target.id]);
  return bytes;
}
