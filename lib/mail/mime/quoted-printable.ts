/**
 * Quoted-printable content transfer encoding (RFC 2045 section 6.7), decoded as mail needs:
 * - `=XX` in either case (lower-case hex is not legal but common), `=` + line end is a soft
 *   break (CRLF or bare LF);
 * - an `=` not followed by two hex digits is kept literally (rule: "a reasonable approach ... is
 *   to include the = character and the following characters in the decoded data");
 * - white space at the end of an encoded line is deleted (section 6.7 rule 3: it "will
 *   necessarily have been added by intermediate transport agents"), which also turns `=  CRLF`
 *   into a soft break.
 * Hard line breaks are kept as they stand in the source (CRLF or LF).
 *
 * `decodeQuotedPrintable(bytes)` for a whole body, `QuotedPrintableDecoder` for pieces: it holds
 * back only an unfinished line tail (trailing white space, `=` or `=X`) between chunks.
 */
import { MAX_QP_HELD_WHITESPACE } from "./limits.ts";

const EQ = 0x3d;
const CR = 0x0d;
const LF = 0x0a;

/** Hex value per byte, 255 = not a hex digit. */
const HEX = new Uint8Array(256).fill(255);
for (let i = 0; i < 10; i++) HEX[0x30 + i] = i;
for (let i = 0; i < 6; i++) {
  HEX[0x41 + i] = 10 + i;
  HEX[0x61 + i] = 10 + i;
}

/** Copies input[from, to) to out[o...]; short runs by hand (a subarray costs an object). */
function copy(input: Uint8Array, from: number, to: number, out: Uint8Array, o: number): number {
  if (to - from > 24) {
    out.set(input.subarray(from, to), o);
    return o + (to - from);
  }
  for (let k = from; k < to; k++) out[o++] = input[k]!;
  return o;
}

function isWsp(b: number): boolean {
  return b === 0x20 || b === 0x09;
}

export class QuotedPrintableDecoder {
  private pending: Uint8Array = new Uint8Array(0);
  private scratch: Uint8Array | null = null;
  total = 0;

  /** With `reuseOutput`, `update` returns a view of one buffer, valid until the next call. */
  constructor(private readonly options: { reuseOutput?: boolean } = {}) {}

  update(chunk: Uint8Array): Uint8Array {
    let input = chunk;
    if (this.pending.length > 0) {
      input = new Uint8Array(this.pending.length + chunk.length);
      input.set(this.pending);
      input.set(chunk, this.pending.length);
    }
    let target: Uint8Array | undefined;
    if (this.options.reuseOutput) {
      if (!this.scratch || this.scratch.length < input.length)
        this.scratch = new Uint8Array(input.length);
      target = this.scratch;
    }
    const { out, consumed } = decode(input, false, target);
    this.pending = input.slice(consumed);
    this.total += out.length;
    return out;
  }

  finalize(): Uint8Array {
    const { out } = decode(this.pending, true);
    this.pending = new Uint8Array(0);
    this.total += out.length;
    return out;
  }
}

/**
 * Decodes `input`; when not `final`, stops before a tail whose meaning depends on bytes not yet
 * seen (trailing white space with no line end yet, `=` or `=X` at the very end).
 */
function decode(
  input: Uint8Array,
  final: boolean,
  target?: Uint8Array,
): { out: Uint8Array; consumed: number } {
  const n = input.length;
  const out = target ?? new Uint8Array(n);
  let o = 0;
  let i = 0;
  while (i < n) {
    // Plain text up to the next `=`, copied in bulk line by line: only white space right
    // before a line end needs deleting (rule 3).
    let eq = input.indexOf(EQ, i);
    if (eq === -1) eq = n;
    let s = i;
    while (s < eq) {
      const lf = input.indexOf(LF, s);
      if (lf === -1 || lf >= eq) {
        if (eq < n) {
          // White space before an `=` is kept (encoders write `=` to protect it).
          o = copy(input, s, eq, out, o);
          s = eq;
          break;
        }
        // The end of the data: trailing white space (and a CR whose LF may follow) is held
        // until the next chunk tells whether a line end follows; at the very end it goes.
        let e = n;
        if (!final && e > s && input[e - 1] === CR) e--;
        let w = e;
        while (w > s && isWsp(input[w - 1]!)) w--;
        if (!final && n - w >= MAX_QP_HELD_WHITESPACE) w = e; // an endless run is not transport padding
        o = copy(input, s, w, out, o);
        if (final) {
          o = copy(input, e, n, out, o); // a final CR
          return { out: out.subarray(0, o), consumed: n };
        }
        return { out: out.subarray(0, o), consumed: w };
      }
      let ce = lf;
      if (ce > s && input[ce - 1] === CR) ce--;
      let w = ce;
      while (w > s && isWsp(input[w - 1]!)) w--;
      o = copy(input, s, w, out, o);
      o = copy(input, ce, lf + 1, out, o);
      s = lf + 1;
    }
    i = s;
    if (i >= n) break;
    // input[i] is `=`.
    if (i + 1 >= n) {
      if (!final) break;
      out[o++] = EQ; // lone `=` at the very end: keep it
      i++;
      continue;
    }
    const h1 = input[i + 1]!;
    const v1 = HEX[h1]!;
    if (v1 !== 255) {
      if (i + 2 >= n && !final) break;
      const v2 = i + 2 < n ? HEX[input[i + 2]!]! : 255;
      if (v2 !== 255) {
        out[o++] = (v1 << 4) | v2;
        i += 3;
        continue;
      }
      out[o++] = EQ; // bad escape: keep the `=` and go on with the next byte
      i++;
      continue;
    }
    if (h1 === LF) {
      i += 2; // soft break, bare LF
      continue;
    }
    if (h1 === CR) {
      if (i + 2 >= n && !final) break;
      if (input[i + 2] === LF) {
        i += 3;
        continue;
      }
      out[o++] = EQ; // `=` CR without LF: not a soft break; keep
      i++;
      continue;
    }
    if (isWsp(h1)) {
      // `=` followed by transport padding and then the line end is still a soft break.
      let j = i + 1;
      while (j < n && isWsp(input[j]!)) j++;
      if (j === n && !final && j - i < MAX_QP_HELD_WHITESPACE) break;
      if (j === n || input[j] === LF || (input[j] === CR && input[j + 1] === LF)) {
        i = j === n ? n : input[j] === LF ? j + 1 : j + 2;
        continue;
      }
      if (input[j] === CR && j + 1 === n && !final) break;
    }
    out[o++] = EQ; // `=` before something that is neither hex nor a line end: keep it
    i++;
  }
  return { out: out.subarray(0, o), consumed: i };
}

export function decodeQuotedPrintable(bytes: Uint8Array): Uint8Array {
  return decode(bytes, true).out;
}

/**
 * RFC 2047 section 4.2 "Q" encoding inside encoded words: quoted-printable where `_` is a space
 * and there are no line breaks.
 */
export function decodeQEncoding(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  let o = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x5f) {
      out[o++] = 0x20;
    } else if (
      b === EQ &&
      i + 2 < bytes.length &&
      HEX[bytes[i + 1]!]! !== 255 &&
      HEX[bytes[i + 2]!]! !== 255
    ) {
      out[o++] = (HEX[bytes[i + 1]!]! << 4) | HEX[bytes[i + 2]!]!;
      i += 2;
    } else {
      out[o++] = b;
    }
  }
  return out.subarray(0, o);
}
