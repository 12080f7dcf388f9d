/**
 * Byte-level primitives the parser is built on. Mail is bytes (RFC 5322 section 2.1: octets,
 * possibly 8-bit, RFC 6532), so everything structural is found on bytes and only values that a
 * person reads become strings.
 */

export const CR = 0x0d;
export const LF = 0x0a;
export const SP = 0x20;
export const HT = 0x09;
export const DASH = 0x2d;
export const COLON = 0x3a;

const EMPTY = new Uint8Array(0);

/** One character per byte (ISO-8859-1 identity), for bytes known to be ASCII or for tokens. */
export function binaryString(bytes: Uint8Array, start = 0, end = bytes.length): string {
  const length = end - start;
  if (length <= 0) return "";
  if (length < 32) {
    let out = "";
    for (let i = start; i < end; i++) out += String.fromCharCode(bytes[i]!);
    return out;
  }
  // fromCharCode.apply takes an argument list: chunk it to stay far below engine limits.
  let out = "";
  for (let i = start; i < end; i += 8192) {
    out += String.fromCharCode.apply(
      null,
      bytes.subarray(i, Math.min(end, i + 8192)) as unknown as number[],
    );
  }
  return out;
}

/** The bytes of a string whose characters are all below U+0100 (the inverse of binaryString). */
export function bytesOfBinaryString(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

export function isAscii(bytes: Uint8Array, start = 0, end = bytes.length): boolean {
  for (let i = start; i < end; i++) if (bytes[i]! >= 0x80) return false;
  return true;
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 0) return EMPTY;
  if (parts.length === 1) return parts[0]!;
  let total = 0;
  for (const part of parts) total += part.length;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** A growable byte buffer (amortised doubling), for output whose size is not known up front. */
export class ByteSink {
  private buffer: Uint8Array;
  length = 0;

  constructor(initialCapacity = 256) {
    this.buffer = new Uint8Array(Math.max(16, initialCapacity));
  }

  private reserve(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.buffer.length) return;
    let capacity = this.buffer.length * 2;
    while (capacity < needed) capacity *= 2;
    const next = new Uint8Array(capacity);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
  }

  push(byte: number): void {
    if (this.length === this.buffer.length) this.reserve(1);
    this.buffer[this.length++] = byte;
  }

  append(bytes: Uint8Array, start = 0, end = bytes.length): void {
    const n = end - start;
    if (n <= 0) return;
    this.reserve(n);
    this.buffer.set(bytes.subarray(start, end), this.length);
    this.length += n;
  }

  /** The bytes written so far (a view: valid until the next write). */
  view(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }

  /** The bytes written so far, as a copy that owns its memory. */
  take(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }

  clear(): void {
    this.length = 0;
  }
}

/** Lower-cases ASCII letters only (header names and tokens are ASCII, RFC 5322 section 1.2.2). */
export function asciiLower(text: string): string {
  return /[A-Z]/.test(text) ? text.toLowerCase() : text;
}

/** Counts LF bytes: a body's line count as IMAP reports it (RFC 3501 body-fld-lines). */
export function countLines(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let lines = 0;
  let i = bytes.indexOf(LF, start);
  while (i !== -1 && i < end) {
    lines++;
    i = bytes.indexOf(LF, i + 1);
  }
  return lines;
}
