/**
 * Base64 (RFC 2045 section 6.8) in lines of 76 characters separated by CRLF, the last line
 * without one (the CRLF before the next boundary belongs to the boundary, RFC 2046 section
 * 5.1.1). A pure function for bytes and a streaming one for sources, which holds at most one
 * input chunk and one encoded slice at a time, so a 25 MB attachment is never held twice.
 */

/** Input bytes per output line: 57 bytes make exactly 76 base64 characters. */
const LINE_BYTES = 57;
const LINE_CHARS = 76;
/** Encode this many lines at a time: output arrives in slices of about 78 KB. */
const SLICE_LINES = 1024;

/** The exact length of `encodeBase64Lines` output for `size` input bytes. */
export function base64EncodedLength(size: number): number {
  if (size === 0) return 0;
  const chars = Math.ceil(size / 3) * 4;
  return chars + 2 * (Math.ceil(chars / LINE_CHARS) - 1);
}

/** Encodes whole lines (input a multiple of 57 bytes, or the final short line), each preceded by CRLF unless `first`. */
function encodeLines(bytes: Uint8Array, first: boolean): Buffer {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
  const lines = Math.ceil(text.length / LINE_CHARS);
  const out = Buffer.allocUnsafe(text.length + 2 * lines - (first ? 2 : 0));
  let at = 0;
  for (let line = 0; line < lines; line++) {
    if (line > 0 || !first) {
      out[at++] = 0x0d;
      out[at++] = 0x0a;
    }
    at += out.write(text.substring(line * LINE_CHARS, (line + 1) * LINE_CHARS), at, "latin1");
  }
  return out;
}

export function encodeBase64Lines(bytes: Uint8Array): Uint8Array {
  if (bytes.length === 0) return new Uint8Array(0);
  return encodeLines(bytes, true);
}

/** Streams base64 lines; also counts the input, which `onEnd` receives. */
export async function* base64LineStream(
  source: AsyncIterable<Uint8Array>,
  onEnd?: (inputBytes: number) => void,
): AsyncGenerator<Uint8Array> {
  let pending = new Uint8Array(0);
  let first = true;
  let total = 0;
  const slice = LINE_BYTES * SLICE_LINES;
  for await (const chunk of source) {
    total += chunk.length;
    let offset = 0;
    if (pending.length > 0) {
      const need = LINE_BYTES - pending.length;
      if (chunk.length < need) {
        const joined = new Uint8Array(pending.length + chunk.length);
        joined.set(pending);
        joined.set(chunk, pending.length);
        pending = joined;
        continue;
      }
      const line = new Uint8Array(LINE_BYTES);
      line.set(pending);
      line.set(chunk.subarray(0, need), pending.length);
      yield encodeLines(line, first);
      first = false;
      offset = need;
      pending = new Uint8Array(0);
    }
    while (chunk.length - offset >= LINE_BYTES) {
      const take = Math.min(slice, chunk.length - offset);
      const whole = take - (take % LINE_BYTES);
      yield encodeLines(chunk.subarray(offset, offset + whole), first);
      first = false;
      offset += whole;
    }
    if (offset < chunk.length) pending = chunk.slice(offset);
  }
  if (pending.length > 0) yield encodeLines(pending, first);
  onEnd?.(total);
}
