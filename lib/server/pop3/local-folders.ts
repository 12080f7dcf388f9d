/**
 * Folders of a POP3 account. POP3 knows one mailbox (RFC 1939 has no folders), so every folder
 * here is Letterbox's own: INBOX (what the server holds, as downloaded), Drafts and Sent (for
 * the composer's copies, kept only here), Trash, and folders the person makes. Flat: no
 * hierarchy, delimiter null.
 */

import type { Db } from "../../db/client.ts";
import { getDb } from "../../db/client.ts";
import type { FolderView, SpecialUse } from "../../view-models/mailbox.ts";
import { bumpRevision } from "./account-state.ts";
import { BUILTIN_FOLDERS, POP3_STORE_LIMITS, TRASH } from "./limits.ts";
import { emitPop3Change } from "./pop3-events.ts";
import { Pop3StoreError } from "./pop3-store-error.ts";

const SPECIAL_USE: Record<string, SpecialUse> = {
  INBOX: "inbox",
  Drafts: "drafts",
  Sent: "sent",
  Trash: "trash",
};

function isBuiltin(name: string): boolean {
  return BUILTIN_FOLDERS.some((b) => b.toLowerCase() === name.toLowerCase());
}

/**
 * A name a person typed, made safe to show: one line, no controls, no bidirectional overrides
 * (which make "evil‮txt.exe" read otherwise in the folder pane), NFC so look-alikes compare equal.
 */
export function checkFolderName(input: string): string {
  const name = String(input).normalize("NFC").trim();
  if (
    name.length === 0 ||
    name.length > POP3_STORE_LIMITS.maxFolderNameLength ||
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/.test(name)
  ) {
    throw new Pop3StoreError(
      "FOLDER_NAME",
      `A folder name is 1 to ${POP3_STORE_LIMITS.maxFolderNameLength} characters on one line`,
    );
  }
  return name;
}

/** The folder as stored: a built-in name or an existing folder of the account. */
export async function existingFolder(db: Db, accountId: string, name: string): Promise<string> {
  const builtin = BUILTIN_FOLDERS.find((b) => b === name);
  if (builtin) return builtin;
  const row = await db.pop3Folder.findUnique({ where: { accountId_name: { accountId, name } } });
  if (!row) throw new Pop3StoreError("FOLDER_NOT_FOUND", `No folder ${JSON.stringify(name)}`);
  return row.name;
}

/** The folder pane's rows: built-in folders first, then the person's, by name. */
export async function pop3Folders(accountId: string): Promise<FolderView[]> {
  const db = await getDb();
  const [made, counts] = await Promise.all([
    db.pop3Folder.findMany({ where: { accountId }, select: { name: true } }),
    db.pop3Message.groupBy({
      by: ["folder", "seen"],
      where: { accountId, deletedAt: null },
      _count: { _all: true },
    }),
  ]);
  const names = [
    ...BUILTIN_FOLDERS,
    ...made.map((f) => f.name).sort((a, b) => a.localeCompare(b, undefined, { numeric: true })),
  ];
  return names.map((name) => {
    const rows = counts.filter((c) => c.folder === name);
    const total = rows.reduce((n, c) => n + c._count._all, 0);
    const unread = rows.filter((c) => !c.seen).reduce((n, c) => n + c._count._all, 0);
    return {
      accountId,
      path: name,
      name,
      delimiter: null,
      depth: 0,
      specialUse: SPECIAL_USE[name] ?? null,
      selectable: true,
      total,
      unread,
    };
  });
}

export async function createLocalFolder(accountId: string, input: string): Promise<string> {
  const name = checkFolderName(input);
  const db = await getDb();
  const existing = await db.pop3Folder.findMany({ where: { accountId }, select: { name: true } });
  if (isBuiltin(name) || existing.some((f) => f.name.toLowerCase() === name.toLowerCase())) {
    throw new Pop3StoreError("FOLDER_EXISTS", `There is already a folder ${JSON.stringify(name)}`);
  }
  if (existing.length >= POP3_STORE_LIMITS.maxFolders) {
    throw new Pop3StoreError("TOO_MANY", `At most ${POP3_STORE_LIMITS.maxFolders} folders`);
  }
  await db.pop3Folder.create({ data: { accountId, name } });
  await changed(db, accountId, [name]);
  return name;
}

/** Renames a folder the person made; its messages go with it. */
export async function renameLocalFolder(
  accountId: string,
  from: string,
  input: string,
): Promise<string> {
  const to = checkFolderName(input);
  const db = await getDb();
  if (isBuiltin(from)) {
    throw new Pop3StoreError("FOLDER_BUILTIN", `${JSON.stringify(from)} cannot be renamed`);
  }
  await existingFolder(db, accountId, from);
  const clash = await db.pop3Folder.findMany({ where: { accountId }, select: { name: true } });
  const taken = clash.some((f) => f.name !== from && f.name.toLowerCase() === to.toLowerCase());
  if (isBuiltin(to) || taken) {
    throw new Pop3StoreError("FOLDER_EXISTS", `There is already a folder ${JSON.stringify(to)}`);
  }
  if (to === from) return to;
  await db.$transaction([
    db.pop3Folder.update({
      where: { accountId_name: { accountId, name: from } },
      data: { name: to },
    }),
    db.pop3Message.updateMany({ where: { accountId, folder: from }, data: { folder: to } }),
  ]);
  await changed(db, accountId, [from, to]);
  return to;
}

/** Deletes a folder the person made; what was in it goes to Trash, so nothing is lost by it. */
export async function deleteLocalFolder(accountId: string, name: string): Promise<number> {
  const db = await getDb();
  if (isBuiltin(name)) {
    throw new Pop3StoreError("FOLDER_BUILTIN", `${JSON.stringify(name)} cannot be deleted`);
  }
  await existingFolder(db, accountId, name);
  const [moved] = await db.$transaction([
    db.pop3Message.updateMany({ where: { accountId, folder: name }, data: { folder: TRASH } }),
    db.pop3Folder.delete({ where: { accountId_name: { accountId, name } } }),
  ]);
  await changed(db, accountId, [name, TRASH]);
  return moved.count;
}

async function changed(db: Db, accountId: string, folders: string[]): Promise<void> {
  await bumpRevision(db, accountId);
  emitPop3Change({ accountId, kind: "folders", folders });
}
