/**
 * The composer's size budget: what the SMTP server (RFC 1870 SIZE) and the app take, against
 * the encoded size of what is attached so far. Pure arithmetic, used by the upload route (to
 * refuse a file while it streams) and by the browser (to refuse it before it starts).
 */
import { APP_MAX_MESSAGE_BYTES, MESSAGE_RESERVE_BYTES, PART_OVERHEAD_BYTES } from "./limits.ts";

export interface SizeBudget {
  /** The smaller of the server's SIZE and the app's limit, in octets. */
  limit: number;
  /** What the server announced in EHLO, or null when it states none (or was not reached). */
  serverLimit: number | null;
  appLimit: number;
}

export function sizeBudget(serverLimit: number | null): SizeBudget {
  const appLimit = APP_MAX_MESSAGE_BYTES;
  return {
    limit: serverLimit === null ? appLimit : Math.min(serverLimit, appLimit),
    serverLimit,
    appLimit,
  };
}

/**
 * Octets a file of `size` bytes takes as base64 in 76-character lines (RFC 2045 section 6.8):
 * the same formula as the MIME builder's `attachmentEncodedSize` (checked by a test), written
 * out here because the builder's module graph reaches node: modules the browser lacks.
 */
export function encodedSize(size: number): number {
  if (size <= 0) return 0;
  const chars = Math.ceil(size / 3) * 4;
  return chars + 2 * (Math.ceil(chars / 76) - 1);
}

/** One attachment's share of the message: its base64 and its part header. */
export function attachmentCost(size: number): number {
  return encodedSize(size) + PART_OVERHEAD_BYTES;
}

/**
 * The message without attachments: the reserve plus the body, counted twice when it is HTML
 * (it is also sent as plain text) and with quoted-printable's worst-case growth for non-ASCII.
 */
export function bodyCost(bodyChars: number, format: "html" | "plain"): number {
  const once = Math.ceil(bodyChars * 1.5);
  return MESSAGE_RESERVE_BYTES + (format === "html" ? 2 * once : once);
}

/** The largest file (decoded bytes) that still fits when `used` octets are already spent. */
export function largestFileThatFits(budget: SizeBudget, used: number): number {
  const room = budget.limit - used - PART_OVERHEAD_BYTES;
  if (room <= 0) return 0;
  // base64 gives 57 bytes per 78 octets (76 characters and CRLF).
  let size = Math.floor((room / 78) * 57);
  while (size > 0 && encodedSize(size) > room) size--;
  while (encodedSize(size + 1) <= room) size++;
  return size;
}

/** "8.0 MB": decimal units, one decimal, as file managers show sizes. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** The sentence a refused file gets, with every number that decided it. */
export function overBudgetMessage(
  filename: string,
  fileSize: number,
  used: number,
  budget: SizeBudget,
  /** The file was cut off while streaming: its size is what had arrived by then. */
  atLeast = false,
): string {
  const after = used + attachmentCost(fileSize);
  const who =
    budget.serverLimit !== null && budget.serverLimit <= budget.appLimit
      ? "the mail server accepts"
      : "Letterbox sends";
  return `${filename} (${atLeast ? "at least " : ""}${formatBytes(fileSize)}, ${formatBytes(encodedSize(fileSize))} encoded) would make the message ${formatBytes(after)}, but ${who} at most ${formatBytes(budget.limit)}. ${formatBytes(Math.max(0, budget.limit - used))} is left.`;
}
