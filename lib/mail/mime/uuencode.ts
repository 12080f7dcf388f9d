/**
 * uuencode: the pre-MIME way to attach files, still found inline in text/plain bodies (Usenet
 * habits, old scripts) and as a `Content-Transfer-Encoding: x-uuencode` body. Thunderbird shows
 * inline blocks as attachments; so do we (views/attachments.ts).
 *
 * Format: `begin <octal mode> <name>`, lines whose first character gives the byte count
 * (`(c - 32) & 63`) followed by 4-character groups of 6-bit values (`(c - 32) & 63`, with "`"
 * for zero), a zero-length line, then `end`.
 */

export interface UuencodedFile {
  /** File name from the `begin` line. */
  name: string;
  mode: string;
  data: Uint8Array;
  /** Byte range of the whole block (begin line to end line) in the searched bytes. */
  start: number;
  end: number;
}

const BEGIN = /^begin(?:-base64)? +([0-7]{3,4}) +(.+?)\s*$/;

function decodeLine(line: Uint8Array, out: number[]): void {
  if (line.length === 0) return;
  const count = (line[0]! - 32) & 63;
  let produced = 0;
  for (let i = 1; produced < count; i += 4) {
    const v = (k: number) => (i + k < line.length ? (line[i + k]! - 32) & 63 : 0);
    const a = v(0);
    const b = v(1);
    const c = v(2);
    const d = v(3);
    const bytes = [(a << 2) | (b >> 4), ((b & 15) << 4) | (c >> 2), ((c & 3) << 6) | d];
    for (const byte of bytes) {
      if (produced < count) out.push(byte & 0xff);
      produced++;
    }
  }
}

interface Line {
  start: number;
  end: number;
  next: number;
}

function* lines(bytes: Uint8Array, from = 0): Generator<Line> {
  let pos = from;
  while (pos < bytes.length) {
    let lf = bytes.indexOf(0x0a, pos);
    const next = lf === -1 ? bytes.length : lf + 1;
    if (lf === -1) lf = bytes.length;
    let end = lf;
    while (
      end > pos &&
      (bytes[end - 1] === 0x0d || bytes[end - 1] === 0x20 || bytes[end - 1] === 0x09)
    )
      end--;
    yield { start: pos, end, next };
    pos = next;
  }
}

function text(bytes: Uint8Array, line: Line): string {
  let out = "";
  for (let i = line.start; i < Math.min(line.end, line.start + 1024); i++)
    out += String.fromCharCode(bytes[i]!);
  return out;
}

/** Decodes the block that starts at the `begin` line `begin`; null when it is not one. */
function decodeBlock(bytes: Uint8Array, begin: Line): UuencodedFile | null {
  const header = BEGIN.exec(text(bytes, begin));
  if (!header) return null;
  const out: number[] = [];
  let last = begin;
  for (const line of lines(bytes, begin.next)) {
    last = line;
    const t = line.end - line.start;
    if (t === 3 && text(bytes, line) === "end") {
      return {
        name: header[2]!,
        mode: header[1]!,
        data: Uint8Array.from(out),
        start: begin.start,
        end: line.next,
      };
    }
    decodeLine(bytes.subarray(line.start, line.end), out);
  }
  // No `end` line: keep what decoded (a truncated file is still worth offering).
  return {
    name: header[2]!,
    mode: header[1]!,
    data: Uint8Array.from(out),
    start: begin.start,
    end: last.next,
  };
}

/** Every `begin ... end` block in a text body. */
export function findUuencodedFiles(bytes: Uint8Array): UuencodedFile[] {
  const files: UuencodedFile[] = [];
  let from = 0;
  while (from < bytes.length) {
    let found: UuencodedFile | null = null;
    for (const line of lines(bytes, from)) {
      if (bytes[line.start] !== 0x62) continue;
      found = decodeBlock(bytes, line);
      if (found) break;
    }
    if (!found) break;
    files.push(found);
    from = found.end;
  }
  return files;
}

/**
 * A body declared `Content-Transfer-Encoding: x-uuencode`: the data of its first block, or the
 * bytes unchanged when there is none (as Python does).
 */
export function decodeUuencodeBody(bytes: Uint8Array): Uint8Array {
  for (const line of lines(bytes)) {
    if (bytes[line.start] !== 0x62) continue;
    const block = decodeBlock(bytes, line);
    if (block) return block.data;
  }
  return bytes;
}
