import "server-only";
/**
 * A POP3 account as a MailStore: the list, flags and folders come from Letterbox's own store
 * (lib/server/pop3), and a message is read from its stored bytes (RETR'd once) with the same
 * reader as IMAP mail, so every view — sanitizing, attachments, show original — is identical.
 */
import { Readable } from "node:stream";
import { MailError } from "../../../mail/errors.ts";
import { parseMessage } from "../../../mail/mime/index.ts";
import type { ParsedPart } from "../../../mail/mime/part.ts";
import { findBySection } from "../../../mail/mime/structure.ts";
import { createTransferDecoder } from "../../../mail/mime/transfer-encoding.ts";
import {
  addLocalPop3Message,
  createLocalFolder,
  deleteLocalFolder,
  deletePop3Messages,
  listPop3Page,
  movePop3Messages,
  pop3Folders,
  pop3MessageBytes,
  pop3MessageSummary,
  renameLocalFolder,
  setPop3Flags,
} from "../../pop3/index.ts";
import type { ImapContext } from "../imap-pool.ts";
import { PAGE_SIZE } from "../message-list.ts";
import { gatherMessage } from "../reader/gather.ts";
import { messageView } from "../reader/message-view.ts";
import { parsedAccess } from "../reader/parsed-access.ts";
import type { MailStore, Selection } from "./mail-store.ts";

function flagNames(flags: {
  seen: boolean;
  flagged: boolean;
  answered: boolean;
  forwarded: boolean;
  draft: boolean;
}) {
  return [
    flags.seen && "\\Seen",
    flags.flagged && "\\Flagged",
    flags.answered && "\\Answered",
    flags.forwarded && "$Forwarded",
    flags.draft && "\\Draft",
  ].filter((f): f is string => Boolean(f));
}

export function pop3Store(context: ImapContext): MailStore {
  const accountId = context.account.id;

  /** "All" means every message of the folder: its ids, page by page from the store. */
  const idsOf = async (mailbox: string, selection: Selection): Promise<number[]> => {
    if (selection !== "all") return selection;
    const ids: number[] = [];
    for (let page = 0; ; page++) {
      const result = await listPop3Page(accountId, mailbox, page, 500);
      ids.push(...result.messages.map((m) => m.uid));
      if ((page + 1) * 500 >= result.total) return ids;
    }
  };

  const parsed = async (uid: number) => parseMessage(await pop3MessageBytes(accountId, uid));

  return {
    protocol: "pop3",
    // Shown like an IMAP inbox: "Inbox", whatever the store calls it.
    folders: async () =>
      (await pop3Folders(accountId)).map((f) => (f.path === "INBOX" ? { ...f, name: "Inbox" } : f)),
    page: (request) =>
      listPop3Page(accountId, request.mailbox, request.pageIndex, PAGE_SIZE, request.query),
    async message(mailbox, uid, options) {
      const summary = await pop3MessageSummary(accountId, uid);
      if (!summary)
        throw new MailError("INVALID_INPUT", "This message is no longer in the folder.");
      const message = await parsed(uid);
      const gathered = await gatherMessage(
        parsedAccess(message, flagNames(summary.flags), async () => {
          await setPop3Flags(accountId, [uid], "seen", true);
        }),
        options,
      );
      return messageView(gathered, {
        accountId,
        mailbox,
        uid,
        section: options.section,
        remote: options.remote,
        origin: options.origin,
      });
    },
    async setFlag(mailbox, selection, flag, value) {
      await setPop3Flags(accountId, await idsOf(mailbox, selection), flag, value);
    },
    async move(mailbox, selection, destination) {
      await movePop3Messages(accountId, await idsOf(mailbox, selection), destination);
    },
    async remove(mailbox, selection) {
      const result = await deletePop3Messages(accountId, await idsOf(mailbox, selection), {
        forGood: mailbox === "Trash",
      });
      return result.deleted > 0 && result.trashed === 0 ? "expunged" : "trash";
    },
    async specialFolder(use) {
      const folder = (await pop3Folders(accountId)).find((f) => f.specialUse === use);
      if (!folder) throw new MailError("INVALID_INPUT", `This POP3 account has no ${use} folder.`);
      return folder.path;
    },
    // POP3 has one mailbox; folders are Letterbox's own and flat, so a parent is ignored.
    createFolder: (name) => createLocalFolder(accountId, name),
    renameFolder: (path, name) => renameLocalFolder(accountId, path, name),
    async deleteFolder(path) {
      await deleteLocalFolder(accountId, path);
    },
    async structure(_mailbox, uid) {
      const bytes = await pop3MessageBytes(accountId, uid);
      return { root: parseMessage(bytes).root, size: bytes.length };
    },
    stream(request) {
      const produce = async function* () {
        const bytes = await pop3MessageBytes(accountId, request.uid);
        if (!request.section) {
          const start = request.partial?.start ?? 0;
          yield bytes.subarray(start, request.partial ? start + request.partial.length : undefined);
          return;
        }
        const message = parseMessage(bytes);
        const part = findBySection(message.root, request.section) as ParsedPart | undefined;
        const raw = part ? message.rawBody(part) : null;
        if (!raw)
          throw new MailError("INVALID_INPUT", `Part ${request.section} is not in this message.`);
        const decoder = createTransferDecoder(request.transferEncoding ?? "7bit");
        yield decoder.update(raw);
        yield decoder.finalize();
      };
      return Readable.toWeb(Readable.from(produce())) as ReadableStream<Uint8Array>;
    },
    async messageBytes(_mailbox, uid, part = "") {
      const bytes = await pop3MessageBytes(accountId, uid);
      if (!part) return bytes;
      const message = parseMessage(bytes);
      const node = findBySection(message.root, part) as ParsedPart | undefined;
      const inner = node?.kind === "message" ? message.content(node) : null;
      if (!inner) throw new MailError("INVALID_INPUT", `Part ${part} is not an attached message.`);
      return inner;
    },
    // POP3 cannot store on the server (no APPEND): sent copies and drafts are Letterbox's own.
    append: (mailbox, bytes, flags) => {
      const has = (name: string) => flags.some((f) => f.toLowerCase() === name);
      return addLocalPop3Message(accountId, mailbox, Buffer.from(bytes), {
        seen: has("\\seen"),
        draft: has("\\draft"),
        answered: has("\\answered"),
        flagged: has("\\flagged"),
      });
    },
    async removeForGood(_mailbox, uid) {
      await deletePop3Messages(accountId, [uid], { forGood: true });
    },
  };
}
