import "server-only";
/**
 * Files streamed to the server for messages being written, in <data dir>/uploads/. The name on
 * disk is the upload's random id, never anything from the request; the database row says
 * which session owns it, so one person can never read, send or delete another's file. Files
 * are streamed in and out (a 25 MB attachment costs a few buffers) and deleted once sent, or
 * after UPLOAD_TTL_MS by the sweep.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Db } from "../../db/client.ts";
import { dataDir } from "../../db/config.ts";
import type { Upload } from "../../generated/prisma-sqlite/client.ts";
import { MailError } from "../../mail/errors.ts";
import type { StreamSource } from "../../mail/mime/build/index.ts";
import type { UploadView } from "./compose-view.ts";
import { MAX_FILENAME_CHARS, ORPHAN_GRACE_MS, UPLOAD_TTL_MS } from "./limits.ts";
import { attachmentCost } from "./size-budget.ts";

const ID = /^[0-9a-f]{32}$/;
/** RFC 6838 restricted names; multipart/* cannot be a file (RFC 2046 section 5.1). */
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

export function uploadsDir(): string {
  return path.join(dataDir(), "uploads");
}

export function uploadPath(id: string): string {
  if (!ID.test(id)) throw new MailError("INVALID_INPUT", "That is not an upload.");
  return path.join(uploadsDir(), id);
}

/** The file would take the message past its budget: refused with the numbers. */
export class UploadTooLarge extends Error {
  constructor(
    readonly received: number,
    readonly limit: number,
    message: string,
  ) {
    super(message);
    this.name = "UploadTooLarge";
  }
}

/** A request the upload route answers 400: a name or type no message could carry. */
export class UploadRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UploadRefused";
  }
}

export function checkedContentType(declared: string | null): string {
  const type = (declared ?? "").split(";")[0]!.trim().toLowerCase();
  if (!MEDIA_TYPE.test(type) || type.startsWith("multipart/")) return "application/octet-stream";
  return type;
}

/** A filename goes into a MIME header: a control character is refused, never stripped. */
export function checkedFilename(name: string): string {
  const trimmed = name.trim();
  if (trimmed === "") throw new UploadRefused("The file has no name.");
  if (/[\u0000-\u001f\u007f-\u009f]/.test(trimmed)) {
    throw new UploadRefused(
      "The file name contains a line break or control character, which a message cannot carry. Rename the file and attach it again.",
    );
  }
  if (trimmed.length > MAX_FILENAME_CHARS) {
    throw new UploadRefused(`The file name is longer than ${MAX_FILENAME_CHARS} characters.`);
  }
  return trimmed;
}

export interface NewUpload {
  sessionId: string;
  composeId: string;
  filename: string;
  contentType: string;
  inline: boolean;
  body: Iterable<Uint8Array> | AsyncIterable<Uint8Array> | NodeJS.ReadableStream;
  /** The file is refused as soon as it passes this many bytes. */
  maxBytes: number;
  /** Said when refusing: "would make the message ... at most ...". */
  tooLarge: (received: number) => string;
}

/** Stream `body` to disk under a new id, counting; past maxBytes the partial file is deleted. */
export async function storeUpload(db: Db, upload: NewUpload): Promise<Upload> {
  await fsp.mkdir(uploadsDir(), { recursive: true, mode: 0o700 });
  const id = randomBytes(16).toString("hex");
  const final = uploadPath(id);
  const partial = `${final}.part`;
  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      if (received > upload.maxBytes) {
        done(new UploadTooLarge(received, upload.maxBytes, upload.tooLarge(received)));
      } else done(null, chunk);
    },
  });
  try {
    await pipeline(upload.body, counter, fs.createWriteStream(partial, { mode: 0o600 }));
    await fsp.rename(partial, final);
    return await db.upload.create({
      data: {
        id,
        sessionId: upload.sessionId,
        composeId: upload.composeId,
        filename: upload.filename,
        contentType: upload.contentType,
        size: received,
        inline: upload.inline,
      },
    });
  } catch (error) {
    await fsp.rm(partial, { force: true });
    await fsp.rm(final, { force: true });
    throw error;
  }
}

export function uploadView(upload: Upload): UploadView {
  return {
    id: upload.id,
    filename: upload.filename,
    contentType: upload.contentType,
    size: upload.size,
    inline: upload.inline,
  };
}

/** This session's uploads with these ids, in the order asked; a missing one is an error. */
export async function sessionUploads(db: Db, sessionId: string, ids: string[]): Promise<Upload[]> {
  if (ids.length === 0) return [];
  const rows = await db.upload.findMany({ where: { sessionId, id: { in: ids } } });
  return ids.map((id) => {
    const row = rows.find((r) => r.id === id);
    if (!row) {
      throw new MailError(
        "INVALID_INPUT",
        "An attachment is no longer on the server (it expired or was removed). Attach it again.",
      );
    }
    return row;
  });
}

export async function findUpload(db: Db, sessionId: string, id: string): Promise<Upload | null> {
  if (!ID.test(id)) return null;
  return db.upload.findFirst({ where: { id, sessionId } });
}

/** The file as the MIME builder reads it: each pass re-opens it (a retry reads it again). */
export function uploadSource(upload: Upload): StreamSource {
  return {
    size: upload.size,
    stream: () => fs.createReadStream(uploadPath(upload.id)) as AsyncIterable<Uint8Array>,
  };
}

export async function uploadBytes(upload: Upload): Promise<Uint8Array> {
  return fsp.readFile(uploadPath(upload.id));
}

export async function deleteUploads(db: Db, sessionId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const rows = await db.upload.findMany({
    where: { sessionId, id: { in: ids } },
    select: { id: true },
  });
  await db.upload.deleteMany({ where: { sessionId, id: { in: rows.map((r) => r.id) } } });
  await Promise.all(rows.map((r) => fsp.rm(uploadPath(r.id), { force: true })));
}

/** Bytes of every file this session keeps for unsent messages. */
export async function sessionUploadBytes(db: Db, sessionId: string): Promise<number> {
  const sum = await db.upload.aggregate({ where: { sessionId }, _sum: { size: true } });
  return sum._sum.size ?? 0;
}

/** What this composer's files already take of the budget (all but `except`). */
export async function composeUsage(
  db: Db,
  sessionId: string,
  composeId: string,
  except: string[] = [],
): Promise<number> {
  const rows = await db.upload.findMany({
    where: { sessionId, composeId, id: { notIn: except } },
    select: { size: true },
  });
  return rows.reduce((sum, row) => sum + attachmentCost(row.size), 0);
}

let lastSweep = 0;

/** No directory yet, or a file another sweep removed first, is the answer; other errors are not. */
function whenMissing<T>(value: T): (error: unknown) => T {
  return (error) => {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return value;
    throw error;
  };
}

/**
 * Delete expired uploads, and files whose row is gone (the session ended and took its rows
 * with it). At most once an hour, from the upload route: no timer to keep alive.
 */
export async function sweepUploads(db: Db, now = Date.now()): Promise<void> {
  if (now - lastSweep < 60 * 60 * 1000) return;
  lastSweep = now;
  await db.upload.deleteMany({ where: { createdAt: { lt: new Date(now - UPLOAD_TTL_MS) } } });
  const names = await fsp.readdir(uploadsDir()).catch(whenMissing([] as string[]));
  const ids = names.map((name) => name.replace(/\.part$/, "")).filter((id) => ID.test(id));
  const rows = await db.upload.findMany({ where: { id: { in: ids } }, select: { id: true } });
  const live = new Set(rows.map((r) => r.id));
  for (const name of names) {
    if (live.has(name)) continue;
    const file = path.join(uploadsDir(), name);
    const stat = await fsp.stat(file).catch(whenMissing(null));
    if (stat && stat.mtimeMs < now - ORPHAN_GRACE_MS) await fsp.rm(file, { force: true });
  }
}
