import "server-only";
/**
 * What a person does to messages from the list: flags, moves, Trash, Junk, Archive and
 * deleting for good. Every operation is by UID; "all" means every message of the mailbox
 * (select-all-in-folder), which the server expands itself (`1:*`), so it costs one command
 * whatever the folder's size.
 */
import { MailError } from "../../mail/errors.ts";
import type { SpecialUse } from "../../view-models/mailbox.ts";
import { listFolders } from "./folders.ts";
import { type ImapContext, withMailbox } from "./imap-pool.ts";

export type Selection = number[] | "all";

const FLAG_NAMES = {
  seen: "\\Seen",
  flagged: "\\Flagged",
  answered: "\\Answered",
  forwarded: "$Forwarded",
} as const;
export type ToggleFlag = keyof typeof FLAG_NAMES;

function range(selection: Selection): string | number[] {
  return selection === "all" ? "1:*" : selection;
}

export async function setFlag(
  context: ImapContext,
  mailbox: string,
  selection: Selection,
  flag: ToggleFlag,
  value: boolean,
): Promise<void> {
  if (selection !== "all" && selection.length === 0) return;
  await withMailbox(context, mailbox, async (client) => {
    const operation = value ? "add" : "remove";
    await client.store(range(selection), operation, [FLAG_NAMES[flag]], {
      byUid: true,
      silent: true,
    });
  });
}

/** The folder with this special use, or null when the server's list has none. */
async function findSpecialFolder(context: ImapContext, use: SpecialUse): Promise<string | null> {
  const folders = await listFolders(context);
  return folders.find((f) => f.specialUse === use && f.selectable)?.path ?? null;
}

/** The folder with this special use, or a clear error when the server has none. */
export async function specialFolder(context: ImapContext, use: SpecialUse): Promise<string> {
  const found = await findSpecialFolder(context, use);
  if (found === null) throw new MailError("INVALID_INPUT", `This account has no ${use} folder.`);
  return found;
}

export async function moveMessages(
  context: ImapContext,
  mailbox: string,
  selection: Selection,
  destination: string,
): Promise<void> {
  if (selection !== "all" && selection.length === 0) return;
  if (destination === mailbox) return;
  await withMailbox(context, mailbox, (client) =>
    client.move(range(selection), destination, { byUid: true }),
  );
}

/** Delete: to Trash, or for good when the messages already are in Trash. */
export async function deleteMessages(
  context: ImapContext,
  mailbox: string,
  selection: Selection,
): Promise<"trash" | "expunged"> {
  // Only a folder list that succeeded and holds no Trash means "delete for good": a failed
  // lookup (timeout, a STATUS refused) must fail the delete, never turn it into an expunge.
  const trash = await findSpecialFolder(context, "trash");
  if (trash && trash !== mailbox) {
    await moveMessages(context, mailbox, selection, trash);
    return "trash";
  }
  await withMailbox(context, mailbox, async (client) => {
    await client.store(range(selection), "add", ["\\Deleted"], { byUid: true, silent: true });
    // UID EXPUNGE removes only these messages, not others someone else marked \Deleted.
    if (client.capabilities.has("UIDPLUS")) await client.uidExpunge(range(selection));
    else await client.expunge();
  });
  return "expunged";
}
