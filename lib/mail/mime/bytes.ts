/**
 * Byte-level primitives the parser is built on. Mail is bytes (RFC 5322 section 2.1: octets,
 * possibly 8-bit, RFC 6532), so everything structural is found on bytes and only values that a
 * person reads become strings.
 */

const LF = 0x0a;
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
