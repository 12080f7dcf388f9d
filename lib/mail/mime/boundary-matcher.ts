/**
 * Recognises multipart boundary lines (RFC 2046 section 5.1.1): a line that is exactly `--`,
 * the boundary, an optional `--` (close delimiter), optional linear white space ("transport
 * padding") and the line end. The line end before it belongs to the boundary, not the body.
 *
 * Every open multipart's boundary is checked, innermost first: a boundary of an enclosing
 * multipart also ends the inner ones (their close delimiter is missing, RFC 2046 section 5.1.2
 * says to treat them as ended). A line like `--boundaryX` is not a boundary (as in Thunderbird
 * and Python), so one boundary being a prefix of another is harmless.
 */
import type { BoundaryProbe } from "./header-collector.ts";
import { MAX_BOUNDARY_PADDING } from "./limits.ts";

// Byte values as local constants: hot loops compare against them per byte, and an
// imported binding can cost a property lookup per use under some module loaders.
const CR = 0x0d;
const DASH = 0x2d;
const HT = 0x09;
const LF = 0x0a;
const SP = 0x20;

export const NO_MATCH = -1;
export const NEED_MORE = -2;

export class BoundaryMatcher {
  /** Boundaries of the open multiparts, outermost first (bytes, without the leading `--`). */
  private readonly stack: (Uint8Array | null)[] = [];
  /** After a match: whether it was the close delimiter, and where the next line starts. */
  close = false;
  next = 0;

  /** Registers the boundary of the frame at `level` (null: that frame matches nothing). */
  set(level: number, boundary: Uint8Array | null): void {
    this.stack.length = Math.max(this.stack.length, level + 1);
    this.stack[level] = boundary;
  }

  /** Forgets frames at `level` and deeper. */
  truncate(level: number): void {
    this.stack.length = Math.min(this.stack.length, level);
  }

  get active(): boolean {
    for (const b of this.stack) if (b) return true;
    return false;
  }

  /**
   * Checks the line starting at `c` (which must be a line start). Returns the level of the
   * matching frame, NO_MATCH, or NEED_MORE when `data` ends before the answer is known.
   */
  match(data: Uint8Array, c: number, end: number, final: boolean): number {
    if (c + 2 > end) return final ? NO_MATCH : NEED_MORE;
    if (data[c] !== DASH || data[c + 1] !== DASH) return NO_MATCH;
    let needMore = false;
    for (let level = this.stack.length - 1; level >= 0; level--) {
      const boundary = this.stack[level];
      if (!boundary) continue;
      const result = this.matchOne(data, c + 2, end, final, boundary);
      if (result === NEED_MORE) needMore = true;
      else if (result !== NO_MATCH) return level;
    }
    return needMore ? NEED_MORE : NO_MATCH;
  }

  /** `match` as the header collector asks it (a part whose header block a boundary cuts short). */
  readonly probe: BoundaryProbe = (data, pos, end, final) => {
    const level = this.match(data, pos, end, final);
    return level === NEED_MORE ? -1 : level === NO_MATCH ? 0 : 1;
  };

  private matchOne(
    data: Uint8Array,
    start: number,
    end: number,
    final: boolean,
    boundary: Uint8Array,
  ): number {
    const blen = boundary.length;
    const avail = Math.min(blen, end - start);
    for (let k = 0; k < avail; k++) if (data[start + k] !== boundary[k]) return NO_MATCH;
    if (avail < blen) return final ? NO_MATCH : NEED_MORE;
    let i = start + blen;
    let close = false;
    if (i < end && data[i] === DASH) {
      if (i + 1 >= end) return final ? NO_MATCH : NEED_MORE;
      if (data[i + 1] !== DASH) return NO_MATCH;
      close = true;
      i += 2;
    }
    const padLimit = i + MAX_BOUNDARY_PADDING;
    while (i < end && (data[i] === SP || data[i] === HT)) {
      if (i >= padLimit) return NO_MATCH;
      i++;
    }
    if (i >= end) {
      if (!final) return NEED_MORE;
      this.close = close;
      this.next = end;
      return 0;
    }
    if (data[i] === LF) {
      this.close = close;
      this.next = i + 1;
      return 0;
    }
    if (data[i] === CR) {
      if (i + 1 >= end) {
        if (!final) return NEED_MORE;
        this.close = close;
        this.next = end;
        return 0;
      }
      if (data[i + 1] === LF) {
        this.close = close;
        this.next = i + 2;
        return 0;
      }
    }
    return NO_MATCH;
  }
}
