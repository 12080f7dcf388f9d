import "server-only";
import { MailError } from "../../../mail/errors.ts";
import { createFolder, deleteFolder, renameFolder } from "../folder-manage.ts";
import { listFolders } from "../folders.ts";
import type { ImapContext } from "../imap-pool.ts";
import { withImap, withMailbox } from "../imap-pool.ts";
import { deleteMessages, moveMessages, setFlag, specialFolder } from "../message-actions.ts";
import { loadMessagePage } from "../message-list.ts";
import { streamPart } from "../parts/part-stream.ts";
import { loadMessage } from "../reader/load-message.ts";
import type { MailStore } from "./mail-store.ts";

export function imapStore(context: ImapContext): MailStore {
  return {
    protocol: "imap",
    folders: () => listFolders(context),
    page: (request) => loadMessagePage(context, request),
    message: (mailbox, uid, options) => loadMessage(context, mailbox, uid, options),
    setFlag: (mailbox, selection, flag, value) => setFlag(context, mailbox, selection, flag, value),
    move: (mailbox, selection, destination) =>
      moveMessages(context, mailbox, selection, destination),
    remove: (mailbox, selection) => deleteMessages(context, mailbox, selection),
    specialFolder: (use) => specialFolder(context, use),
    createFolder: (name, parent) => createFolder(context, name, parent),
    renameFolder: (path, name) => renameFolder(context, path, name),
    deleteFolder: (path) => deleteFolder(context, path),
    async structure(mailbox, uid) {
      const [result] = await withMailbox(context, mailbox, (client) =>
        client.fetch([uid], { bodyStructure: true, size: true }, { byUid: true }),
      );
      if (!result?.bodyStructure)
        throw new MailError("INVALID_INPUT", "This message is no longer in the folder.");
      return { root: result.bodyStructure, size: result.size ?? 0 };
    },
    stream: (request) => streamPart(context, request),
    async messageBytes(mailbox, uid, part = "") {
      const chunks: Buffer[] = [];
      await withMailbox(context, mailbox, (client) =>
        client.download(uid, { section: part }, (chunk) => {
          chunks.push(chunk);
        }),
      );
      const bytes = Buffer.concat(chunks);
      if (bytes.length === 0) {
        throw new MailError(
          "INVALID_INPUT",
          "This message is no longer in the folder. It may have been moved or deleted.",
        );
      }
      return bytes;
    },
    async append(mailbox, bytes, flags, messageId) {
      const appended = await withImap(context, (client) =>
        client.append(mailbox, bytes, { flags }),
      );
      if (appended.uid !== null) return appended.uid;
      // Without UIDPLUS there is no APPENDUID (RFC 4315): find the copy by its Message-ID.
      const found = await withMailbox(context, mailbox, (client) =>
        client.search({ header: ["Message-ID", messageId] }, { byUid: true }),
      );
      const uid = Math.max(0, ...found.ids);
      if (!uid)
        throw new MailError("IMAP_NO", "The message was stored but could not be found again.");
      return uid;
    },
    async removeForGood(mailbox, uid) {
      await withMailbox(context, mailbox, async (client) => {
        await client.store([uid], "add", ["\\Deleted"], { byUid: true, silent: true });
        // UID EXPUNGE removes this message only, not others someone marked \Deleted (RFC 4315).
        if (client.capabilities.has("UIDPLUS")) await client.uidExpunge([uid]);
        else await client.expunge();
      });
    },
  };
}
