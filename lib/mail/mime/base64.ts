/**
 * Base64 content transfer encoding (RFC 2045 section 6.8), decoded leniently as mail needs:
 * line breaks, spaces and any byte outside the alphabet are skipped (section 6.8: "must be
 * ignored"), and a missing or broken `=` padding is tolerated. A `=` that completes a quantum
 * ends the data: section 6.8 says it "may be taken as evidence that the end of the data has been
 * reached", and decoding past it would glue junk (often a second signature) onto a file. A
 * dangling single character (6 bits, no whole byte) is dropped.
 *
 * Two forms over the same state machine: `decodeBase64(bytes)` for a whole body and
 * `Base64Decoder` (`update(chunk)` / `finalize()`) for a body that arrives in pieces.
 */

/** Alphabet value per byte; 64 = padding `=`, 255 = ignored. */
const VALUE = new Uint8Array(256).fill(255);
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
for (let i = 0; i < 64; i++) VALUE[ALPHABET.charCodeAt(i)] = i;
VALUE[0x3d] = 64;

export class Base64Decoder {
  /** Up to three pending sextets, packed. */
  private bits = 0;
  private count = 0;
  /** Padding seen after at least two sextets of a quantum. */
  private pads = 0;
  private done = false;
  /** Decoded bytes so far, for `decodedSize` without keeping them. */
  total = 0;
  private scratch: Uint8Array | null = null;

  /**
   * With `reuseOutput`, `update` returns a view of one internal buffer, valid until the next
   * call: a stream consumer that copies what it keeps then makes no garbage per chunk.
   */
  constructor(private readonly options: { reuseOutput?: boolean } = {}) {}

  private output(size: number): Uint8Array {
    if (!this.options.reuseOutput) return new Uint8Array(size);
    if (!this.scratch || this.scratch.length < size) this.scratch = new Uint8Array(size);
    return this.scratch;
  }

  update(chunk: Uint8Array): Uint8Array {
    if (this.done || chunk.length === 0) return new Uint8Array(0);
    const out = this.output(Math.floor(((this.count + chunk.length) * 3) / 4) + 3);
    let o = 0;
    let bits = this.bits;
    let count = this.count;
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      // Fast path: four alphabet characters in a row (the common case inside a line).
      if (count === 0 && i + 4 <= n) {
        const a = VALUE[chunk[i]!]!;
        const b = VALUE[chunk[i + 1]!]!;
        const c = VALUE[chunk[i + 2]!]!;
        const d = VALUE[chunk[i + 3]!]!;
        if ((a | b | c | d) < 64) {
          const v = (a << 18) | (b << 12) | (c << 6) | d;
          out[o] = v >> 16;
          out[o + 1] = (v >> 8) & 0xff;
          out[o + 2] = v & 0xff;
          o += 3;
          i += 4;
          continue;
        }
      }
      const value = VALUE[chunk[i++]!]!;
      if (value === 255) continue;
      if (value === 64) {
        // `=` only counts once two sextets of a quantum are in (RFC 4648 section 3.5).
        if (count >= 2 && ++this.pads + count >= 4) {
          o = this.flushPartial(out, o, bits, count);
          bits = 0;
          count = 0;
          this.done = true;
          break;
        }
        continue;
      }
      this.pads = 0;
      bits = (bits << 6) | value;
      if (++count === 4) {
        out[o] = (bits >> 16) & 0xff;
        out[o + 1] = (bits >> 8) & 0xff;
        out[o + 2] = bits & 0xff;
        o += 3;
        bits = 0;
        count = 0;
      }
    }
    this.bits = bits;
    this.count = count;
    this.total += o;
    return out.subarray(0, o);
  }

  private flushPartial(out: Uint8Array, o: number, bits: number, count: number): number {
    if (count === 2) {
      out[o++] = (bits >> 4) & 0xff;
    } else if (count === 3) {
      out[o++] = (bits >> 10) & 0xff;
      out[o++] = (bits >> 2) & 0xff;
    }
    return o;
  }

  /** Emits a final partial quantum whose padding never came. */
  finalize(): Uint8Array {
    const out = new Uint8Array(2);
    const o = this.done ? 0 : this.flushPartial(out, 0, this.bits, this.count);
    this.bits = 0;
    this.count = 0;
    this.done = true;
    this.total += o;
    return out.subarray(0, o);
  }
}

export function decodeBase64(bytes: Uint8Array): Uint8Array {
  const decoder = new Base64Decoder();
  const body = decoder.update(bytes);
  const tail = decoder.finalize();
  if (tail.length === 0) return body;
  const out = new Uint8Array(body.length + tail.length);
  out.set(body);
  out.set(tail, body.length);
  return out;
}

/** Decoded length without allocating the output (for attachment sizes). */
export function decodedBase64Length(bytes: Uint8Array): number {
  let sextets = 0;
  let count = 0;
  let pads = 0;
  for (let i = 0; i < bytes.length; i++) {
    const value = VALUE[bytes[i]!]!;
    if (value === 255) continue;
    if (value === 64) {
      if (count >= 2 && ++pads + count >= 4) break;
      continue;
    }
    pads = 0;
    sextets++;
    count = (count + 1) & 3;
  }
  const whole = Math.floor(sextets / 4) * 3;
  const rest = sextets % 4;
  return whole + (rest === 2 ? 1 : rest === 3 ? 2 : 0);
}
