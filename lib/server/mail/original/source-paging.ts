/**
 * Paging the raw source: fixed byte pages, fetched one at a time from the source route
 * (`?offset=&length=`), so a 30 MB message costs the browser one page of text, not 30 MB of
 * DOM. Pure, and used by the browser (components/mail/original/source-view.tsx).
 *
 * A page boundary can fall inside a UTF-8 sequence. Each page is fetched with a few bytes of
 * lookahead: a page ends after the continuation bytes that follow its last byte, and the next
 * page skips the same bytes at its start, so every byte is shown exactly once and no character
 * is cut in two (RFC 3629: a sequence is at most 4 bytes, 3 after its lead byte).
 */
import { SOURCE_PAGE_BYTES } from "./original-limits.ts";

const LOOKAHEAD = 3;

const isContinuation = (byte: number | undefined) => byte !== undefined && (byte & 0xc0) === 0x80;

export function pageCount(size: number, pageBytes = SOURCE_PAGE_BYTES): number {
  return Math.max(1, Math.ceil(size / pageBytes));
}

/** The bytes to request for page `page` (0-based): the page and its lookahead, within `size`. */
export function pageRequest(
  page: number,
  size: number,
  pageBytes = SOURCE_PAGE_BYTES,
): { offset: number; length: number } {
  const offset = page * pageBytes;
  return { offset, length: Math.max(1, Math.min(pageBytes + LOOKAHEAD, size - offset)) };
}

/** Continuation bytes at the start of `bytes` (at most LOOKAHEAD): the previous page shows them. */
function leadingContinuations(bytes: Uint8Array): number {
  let n = 0;
  while (n < LOOKAHEAD && isContinuation(bytes[n])) n++;
  return n;
}

/** The byte range of a fetched page that is its own: [start, end) within `bytes`. */
export function ownBytes(
  bytes: Uint8Array,
  page: number,
  pageBytes = SOURCE_PAGE_BYTES,
): { start: number; end: number } {
  const start = page > 0 ? leadingContinuations(bytes) : 0;
  let end = Math.min(bytes.length, pageBytes);
  if (end < bytes.length) end += leadingContinuations(bytes.subarray(end));
  return { start: Math.min(start, end), end };
}

/** A fetched page as text; bytes that are not UTF-8 appear as U+FFFD. */
export function pageText(bytes: Uint8Array, page: number, pageBytes = SOURCE_PAGE_BYTES): string {
  const { start, end } = ownBytes(bytes, page, pageBytes);
  return new TextDecoder("utf-8").decode(bytes.subarray(start, end));
}
