/**
 * Messages only Letterbox has: what the composer keeps for a POP3 account (a copy in Sent, a
 * draft in Drafts), since POP3 offers nowhere to put them (RFC 1939 has no APPEND). They have no
 * unique-id, are never on the server, and are kept from the start.
 */
import { getDb } from "../../db/client.ts";
import { MailError } from "../../mail/errors.ts";
import type { MessageFlags } from "../../view-models/mailbox.ts";
import { bumpRevision } from "./account-state.ts";
import { POP3_STORE_LIMITS } from "./limits.ts";
import { existingFolder } from "./local-folders.ts";
import { digestOfMessage, searchTextOf } from "./message-digest.ts";
import { saveMessageBytes } from "./message-files.ts";
import { emitPop3Change } from "./pop3-events.ts";

/** Adds a message to a local folder; resolves with its id (the list's uid). */
export async function addLocalPop3Message(
  accountId: string,
  folder: string,
  bytes: Uint8Array,
  flags: Partial<MessageFlags> = {},
): Promise<number> {
  if (bytes.length > POP3_STORE_LIMITS.maxMessageBytes) {
    throw new MailError(
      "LIMIT_EXCEEDED",
      `A message of ${bytes.length} bytes is too large to keep`,
    );
  }
  const db = await getDb();
  const name = await existingFolder(db, accountId, folder);
  const digest = digestOfMessage(bytes);
  const row = await db.pop3Message.create({
    data: {
      accountId,
      uidl: null,
      folder: name,
      seen: flags.seen ?? false,
      flagged: flags.flagged ?? false,
      answered: flags.answered ?? false,
      forwarded: flags.forwarded ?? false,
      draft: flags.draft ?? false,
      subject: digest.subject,
      fromJson: JSON.stringify(digest.from),
      toJson: JSON.stringify(digest.to),
      messageId: digest.messageId,
      date: digest.date ?? new Date(),
      size: bytes.length,
      hasAttachments: digest.hasAttachments,
      preview: digest.preview,
      searchText: searchTextOf(digest),
      onServer: false,
      stored: false,
    },
    select: { id: true },
  });
  try {
    await saveMessageBytes(
      accountId,
      row.id,
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length),
    );
  } catch (error) {
    // No row without its bytes: it could never be opened.
    await db.pop3Message.delete({ where: { id: row.id } });
    throw error;
  }
  await db.pop3Message.update({ where: { id: row.id }, data: { stored: true } });
  await bumpRevision(db, accountId);
  emitPop3Change({ accountId, kind: "new", folders: [name], count: 1 });
  return row.id;
}
