/**
 * The bytes of downloaded POP3 messages: one file per message,
 * `<data dir>/pop3/<accountId>/<id>.eml`, exactly as RETR delivered them (dot-unstuffed, CRLF).
 * Files, not database rows: a message may be tens of megabytes and is read whole or streamed,
 * never queried. Written to a temporary name, flushed to disk, then renamed, so a crash leaves
 * either no file or the whole message — this matters because with "leave messages on the server"
 * off, the server's copy is deleted once the file is there.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDir } from "../../db/config.ts";
import { Pop3StoreError } from "./pop3-store-error.ts";

/** Account ids are cuids or UUIDs; anything else must never become part of a path. */
const ACCOUNT_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function accountFilesDir(accountId: string): string {
  if (!ACCOUNT_ID.test(accountId)) {
    throw new Pop3StoreError(
      "NOT_POP3_ACCOUNT",
      `${JSON.stringify(accountId)} is not an account id`,
    );
  }
  return path.join(dataDir(), "pop3", accountId);
}

export function messageFilePath(accountId: string, id: number): string {
  if (!Number.isSafeInteger(id) || id < 1) {
    throw new Pop3StoreError("MESSAGE_NOT_FOUND", `${JSON.stringify(id)} is not a message id`);
  }
  return path.join(accountFilesDir(accountId), `${id}.eml`);
}

/**
 * Writes a message through `fill`, which hands over chunks in order (RETR streams them); the
 * file appears under its name only once complete and on disk. Resolves with its size.
 */
export async function saveMessageStream(
  accountId: string,
  id: number,
  fill: (write: (chunk: Buffer) => Promise<void>) => Promise<unknown>,
): Promise<number> {
  const target = messageFilePath(accountId, id);
  await fs.promises.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  const temp = `${target}.${randomBytes(6).toString("hex")}.tmp`;
  const handle = await fs.promises.open(temp, "wx", 0o600);
  let size = 0;
  try {
    await fill(async (chunk) => {
      await handle.write(chunk);
      size += chunk.length;
    });
    await handle.sync();
  } catch (error) {
    await handle.close();
    await fs.promises.rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  await fs.promises.rename(temp, target);
  await syncDirectory(path.dirname(target));
  return size;
}

export function saveMessageBytes(accountId: string, id: number, bytes: Buffer): Promise<number> {
  return saveMessageStream(accountId, id, (write) => write(bytes));
}

/** The kept bytes, or null when there is no file (never downloaded, or the data dir was wiped). */
export async function readMessageFile(accountId: string, id: number): Promise<Buffer | null> {
  try {
    return await fs.promises.readFile(messageFilePath(accountId, id));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

export async function removeMessageFiles(accountId: string, ids: readonly number[]): Promise<void> {
  await Promise.all(
    ids.map((id) => fs.promises.rm(messageFilePath(accountId, id), { force: true })),
  );
}

export async function removeAccountFiles(accountId: string): Promise<void> {
  await fs.promises.rm(accountFilesDir(accountId), { recursive: true, force: true });
}

/** The rename itself is durable only once the directory entry is flushed (POSIX). */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.promises.open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
