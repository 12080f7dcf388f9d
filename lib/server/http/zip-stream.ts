/**
 * A streaming ZIP writer for "download all attachments" (PKWARE APPNOTE 6.3.x):
 *
 * - entries are STORED (method 0): attachments are mostly compressed already (PDF, JPEG, DOCX),
 *   and storing costs no CPU on a shared server;
 * - each entry's data streams through once: the local header says "sizes and CRC follow"
 *   (general purpose flag bit 3) and a data descriptor after the data carries them (APPNOTE
 *   4.3.9), so nothing is buffered and the download starts at once;
 * - names are UTF-8 with the language encoding flag (bit 11, APPNOTE appendix D), made safe
 *   (lib/mail/mime/safe-filename.ts: no paths, so no "zip slip") and made unique
 *   case-insensitively, since Windows and macOS file systems would otherwise overwrite one
 *   attachment with another;
 * - modification times go in the DOS fields (UTC) and in an extended-timestamp extra field
 *   (0x5455, Info-ZIP), which unzip uses to restore the exact time.
 *
 * No ZIP64: an archive (hence any entry) past 4 GiB - 1, or past 65,535 entries, is refused with
 * `ZipLimitError` before the offending bytes are written; the response then ends in an error
 * rather than a silently corrupt archive.
 */
import { crc32 } from "node:zlib";
import {
  codePointLength,
  MAX_FILENAME_CHARS,
  safeFilename,
  splitExtension,
  truncateKeepingExtension,
} from "../../mail/mime/safe-filename.ts";

/** ZIP32 stores sizes and offsets in 4 bytes (APPNOTE 4.4.8, 4.4.16). */
export const ZIP32_MAX_BYTES = 0xffff_ffff;
/** ZIP32 stores the entry count in 2 bytes (APPNOTE 4.4.22). */
export const ZIP32_MAX_ENTRIES = 0xffff;

export type ZipData = Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

export interface ZipEntryInput {
  /** The attachment's name as the message gave it (hostile): made safe and unique here. */
  name: string;
  data: ZipData;
  /** Modification time; the time the archive was started when absent. */
  date?: Date;
}

export interface ZipStreamOptions {
  /** Refuse archives larger than this (at most, and by default, `ZIP32_MAX_BYTES`). */
  maxArchiveBytes?: number;
}

export class ZipLimitError extends Error {
  readonly code = "ZIP_TOO_LARGE";

  constructor(message: string) {
    super(message);
    this.name = "ZipLimitError";
  }
}

const FLAGS = 0x0808; // bit 3: data descriptor; bit 11: UTF-8 names
const VERSION_NEEDED = 20; // 2.0: data descriptors, STORE
const VERSION_MADE_BY = (3 << 8) | 20; // Unix, so the external attributes below are read
const FILE_MODE = 0o100644; // regular file, rw-r--r--
const utf8 = new TextEncoder();

interface WrittenEntry {
  name: Uint8Array;
  crc: number;
  size: number;
  offset: number;
  dosTime: number;
  dosDate: number;
  unixTime: number;
}

function dosDateTime(date: Date): { dosTime: number; dosDate: number } {
  // DOS dates run from 1980 to 2107 (APPNOTE 4.4.6); outside that, the nearest end.
  const min = Date.UTC(1980, 0, 1);
  const max = Date.UTC(2107, 11, 31, 23, 59, 58);
  const time = Number.isNaN(date.getTime()) ? min : Math.min(max, Math.max(min, date.getTime()));
  const d = new Date(time);
  return {
    dosTime: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    dosDate: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

function unixSeconds(date: Date): number {
  const seconds = Math.floor(date.getTime() / 1000);
  return Number.isFinite(seconds) ? Math.min(0x7fff_ffff, Math.max(0, seconds)) : 0;
}

/** Extended timestamp extra field with the modification time only (same in both headers). */
function timestampExtra(unixTime: number): Uint8Array {
  const extra = new Uint8Array(9);
  const view = new DataView(extra.buffer);
  view.setUint16(0, 0x5455, true);
  view.setUint16(2, 5, true);
  view.setUint8(4, 1); // bit 0: modification time present
  view.setUint32(5, unixTime, true);
  return extra;
}

function localHeader(entry: WrittenEntry): Uint8Array {
  const extra = timestampExtra(entry.unixTime);
  const out = new Uint8Array(30 + entry.name.length + extra.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x04034b50, true);
  view.setUint16(4, VERSION_NEEDED, true);
  view.setUint16(6, FLAGS, true);
  view.setUint16(8, 0, true); // STORE
  view.setUint16(10, entry.dosTime, true);
  view.setUint16(12, entry.dosDate, true);
  // CRC and sizes (14..25) stay 0: they come in the data descriptor.
  view.setUint16(26, entry.name.length, true);
  view.setUint16(28, extra.length, true);
  out.set(entry.name, 30);
  out.set(extra, 30 + entry.name.length);
  return out;
}

function dataDescriptor(entry: WrittenEntry): Uint8Array {
  const out = new Uint8Array(16);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x08074b50, true);
  view.setUint32(4, entry.crc, true);
  view.setUint32(8, entry.size, true); // compressed = uncompressed for STORE
  view.setUint32(12, entry.size, true);
  return out;
}

function centralHeader(entry: WrittenEntry): Uint8Array {
  const extra = timestampExtra(entry.unixTime);
  const out = new Uint8Array(46 + entry.name.length + extra.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x02014b50, true);
  view.setUint16(4, VERSION_MADE_BY, true);
  view.setUint16(6, VERSION_NEEDED, true);
  view.setUint16(8, FLAGS, true);
  view.setUint16(10, 0, true);
  view.setUint16(12, entry.dosTime, true);
  view.setUint16(14, entry.dosDate, true);
  view.setUint32(16, entry.crc, true);
  view.setUint32(20, entry.size, true);
  view.setUint32(24, entry.size, true);
  view.setUint16(28, entry.name.length, true);
  view.setUint16(30, extra.length, true);
  // comment length, disk number, internal attributes: 0
  view.setUint32(38, (FILE_MODE << 16) >>> 0, true);
  view.setUint32(42, entry.offset, true);
  out.set(entry.name, 46);
  out.set(extra, 46 + entry.name.length);
  return out;
}

function endOfCentralDirectory(count: number, size: number, offset: number): Uint8Array {
  const out = new Uint8Array(22);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x06054b50, true);
  view.setUint16(8, count, true);
  view.setUint16(10, count, true);
  view.setUint32(12, size, true);
  view.setUint32(16, offset, true);
  return out;
}

/** Unique names, compared as Windows and macOS do (case-insensitive): "a.pdf", "a (2).pdf". */
function uniqueNamer() {
  const used = new Set<string>();
  // Next number to try per wanted name: 10,000 attachments named alike stay linear.
  const next = new Map<string, number>();
  return (wanted: string): string => {
    const base = safeFilename(wanted);
    const key = base.toLowerCase();
    let name = base;
    if (used.has(key)) {
      const { stem, extension } = splitExtension(base);
      let n = next.get(key) ?? 2;
      do {
        const suffix = ` (${n})${extension}`;
        name =
          truncateKeepingExtension(stem, MAX_FILENAME_CHARS - codePointLength(suffix)) + suffix;
        n++;
      } while (used.has(name.toLowerCase()));
      next.set(key, n);
    }
    used.add(name.toLowerCase());
    return name;
  };
}

async function* chunksOf(data: ZipData): AsyncGenerator<Uint8Array> {
  if (data instanceof Uint8Array) {
    yield data;
    return;
  }
  for await (const chunk of data) {
    if (!(chunk instanceof Uint8Array)) throw new TypeError("ZIP entry data must be bytes");
    yield chunk;
  }
}

/** The archive's bytes, produced as the entries' data is read. */
export async function* zipStream(
  entries: Iterable<ZipEntryInput> | AsyncIterable<ZipEntryInput>,
  options: ZipStreamOptions = {},
): AsyncGenerator<Uint8Array> {
  const limit = Math.min(options.maxArchiveBytes ?? ZIP32_MAX_BYTES, ZIP32_MAX_BYTES);
  const started = new Date();
  const nameOf = uniqueNamer();
  const written: WrittenEntry[] = [];
  let offset = 0;
  const room = (bytes: number, what: string) => {
    if (offset + bytes > limit) {
      throw new ZipLimitError(
        `the archive would pass ${limit} bytes (${what}); ZIP64 is not written`,
      );
    }
    offset += bytes;
  };

  for await (const input of entries) {
    if (written.length >= ZIP32_MAX_ENTRIES) {
      throw new ZipLimitError(`more than ${ZIP32_MAX_ENTRIES} entries; ZIP64 is not written`);
    }
    const date = input.date ?? started;
    const entry: WrittenEntry = {
      name: utf8.encode(nameOf(input.name)),
      crc: 0,
      size: 0,
      offset,
      ...dosDateTime(date),
      unixTime: unixSeconds(date),
    };
    const header = localHeader(entry);
    room(header.length, "local header");
    yield header;
    for await (const chunk of chunksOf(input.data)) {
      if (chunk.length === 0) continue;
      room(chunk.length, "entry data");
      entry.crc = crc32(chunk, entry.crc);
      entry.size += chunk.length;
      yield chunk;
    }
    const descriptor = dataDescriptor(entry);
    room(descriptor.length, "data descriptor");
    yield descriptor;
    written.push(entry);
  }

  const directoryOffset = offset;
  for (const entry of written) {
    const header = centralHeader(entry);
    room(header.length, "central directory");
    yield header;
  }
  const end = endOfCentralDirectory(written.length, offset - directoryOffset, directoryOffset);
  room(end.length, "end of central directory");
  yield end;
}

/** The same archive as a web ReadableStream, for a route handler's Response body. */
export function zipReadableStream(
  entries: Iterable<ZipEntryInput> | AsyncIterable<ZipEntryInput>,
  options: ZipStreamOptions = {},
): ReadableStream<Uint8Array> {
  const iterator = zipStream(entries, options);
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel() {
      // Closes the entries' own iterators too (an IMAP fetch stops downloading).
      await iterator.return(undefined);
    },
  });
}
