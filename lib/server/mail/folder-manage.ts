import "server-only";
/**
 * Creating, renaming and deleting folders. Names are what people typed: the IMAP client sends
 * them as quoted strings or literals and refuses CR, LF and NUL (inputs.json PF1), so a name
 * can never become a second command.
 */
import { MailError } from "../../mail/errors.ts";
import { ImapError } from "../../mail/imap/index.ts";
import { listFolders } from "./folders.ts";
import { type ImapContext, withImap } from "./imap-pool.ts";

const MAX_NAME = 200;

function checkName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new MailError("INVALID_INPUT", "Give the folder a name.");
  if (trimmed.length > MAX_NAME) {
    throw new MailError("INVALID_INPUT", `Folder names can have at most ${MAX_NAME} characters.`);
  }
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) {
    throw new MailError(
      "INVALID_INPUT",
      "Folder names cannot contain line breaks or control characters.",
    );
  }
  return trimmed;
}

async function delimiterOf(context: ImapContext): Promise<string> {
  const folders = await listFolders(context);
  return folders.find((f) => f.delimiter)?.delimiter ?? "/";
}

/** Creates `name` under `parent` (or at the top); returns the full path. */
/** A tagged NO is the server declining a formality; anything else (a dropped link) fails. */
function ignoreRefusal(error: unknown): void {
  if (error instanceof ImapError && error.status === "NO") return;
  throw error;
}

export async function createFolder(
  context: ImapContext,
  name: string,
  parent: string | null,
): Promise<string> {
  const leaf = checkName(name);
  const delimiter = await delimiterOf(context);
  // The hierarchy delimiter in a new name creates the levels in between (RFC 3501 6.3.3):
  // "Projects/2026" makes a folder inside Projects. Only empty levels are refused.
  if (leaf.split(delimiter).some((level) => level.trim() === "")) {
    throw new MailError(
      "INVALID_INPUT",
      `A folder name cannot begin or end with “${delimiter}” or have it twice in a row.`,
    );
  }
  const path = parent ? `${parent}${delimiter}${leaf}` : leaf;
  await withImap(context, async (client) => {
    await client.createMailbox(path);
    await client.subscribe(path);
  });
  return path;
}

export async function renameFolder(
  context: ImapContext,
  path: string,
  newName: string,
): Promise<string> {
  const leaf = checkName(newName);
  const delimiter = await delimiterOf(context);
  if (leaf.includes(delimiter)) {
    throw new MailError(
      "INVALID_INPUT",
      `Folder names cannot contain “${delimiter}” on this server.`,
    );
  }
  if (path.toUpperCase() === "INBOX")
    throw new MailError("INVALID_INPUT", "The Inbox cannot be renamed.");
  const parts = path.split(delimiter);
  parts[parts.length - 1] = leaf;
  const target = parts.join(delimiter);
  await withImap(context, async (client) => {
    // Servers refuse to rename the selected mailbox; UNSELECT where offered, else CLOSE.
    if (client.mailbox?.name === path) await client.unselect().catch(() => client.closeMailbox());
    await client.renameMailbox(path, target);
    // Servers that subscribe renamed folders themselves answer NO to a second SUBSCRIBE.
    await client.subscribe(target).catch(ignoreRefusal);
  });
  return target;
}

export async function deleteFolder(context: ImapContext, path: string): Promise<void> {
  if (path.toUpperCase() === "INBOX")
    throw new MailError("INVALID_INPUT", "The Inbox cannot be deleted.");
  await withImap(context, async (client) => {
    if (client.mailbox?.name === path) await client.unselect().catch(() => client.closeMailbox());
    // A folder that was never subscribed answers NO here; deleting it is still what was asked.
    await client.unsubscribe(path).catch(ignoreRefusal);
    await client.deleteMailbox(path);
  });
}
