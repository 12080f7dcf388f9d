/**
 * Splits body bytes at boundary lines as they arrive: passes the bytes before each boundary
 * line on to the part tree and tells it which boundary it met. RFC 2046 section 5.1.1: the line
 * end before a boundary line belongs to the boundary, not the body, so a body's last line end
 * is held back at a chunk's end until the next line shows what it is.
 *
 * Linear time: a candidate is a `-` right after LF, found memchr-style with `indexOf` (base64
 * bodies contain none), and only candidates reach the boundary matcher.
 */
import type { BoundaryMatcher } from "./boundary-matcher.ts";
import type { PartTree } from "./part-tree.ts";
import { Phase } from "./scanner-frame.ts";

// Byte values as local constants: hot loops compare against them per byte, and an
// imported binding can cost a property lookup per use under some module loaders.
const CR = 0x0d;
const DASH = 0x2d;
const LF = 0x0a;
/** BoundaryMatcher.match results (see boundary-matcher.ts), local for the same reason. */
const NO_MATCH = -1;
const NEED_MORE = -2;

export class BodySplitter {
  /** Absolute position that starts a line with no line end before it in the current body. */
  private lineStartAbs = 0;
  /** Where the line end before `lineStartAbs` starts (equal to it after a header block). */
  private lineStartNlAbs = 0;

  constructor(
    private readonly matcher: BoundaryMatcher,
    private readonly tree: PartTree,
  ) {}

  /** A body starts at `abs`, right after its header block. */
  bodyStarts(abs: number): void {
    this.lineStartAbs = this.lineStartNlAbs = abs;
  }

  /**
   * Passes body bytes on until a boundary line. Returns the position after the boundary line
   * (phase changed), or `-(pos + 1)` when the data is used up (`pos` = bytes consumed).
   */
  scan(data: Uint8Array, dataAbs: number, pos: number, end: number, final: boolean): number {
    if (!this.matcher.active) {
      const stop = this.stop(data, pos, end, final);
      this.tree.emit(data, pos, stop);
      return -(stop + 1);
    }
    let from = pos;
    let atLineStart = this.lineStartAbs === dataAbs + pos;
    for (;;) {
      let c: number;
      if (atLineStart) {
        c = from;
        atLineStart = false;
      } else {
        // A candidate is a `-` right after LF; `data[0]` is never one (a line end before it
        // would have been held back with it, and a body start is `atLineStart`).
        c = data.indexOf(DASH, from);
        while (c !== -1 && (c === 0 || data[c - 1] !== LF)) c = data.indexOf(DASH, c + 1);
        if (c === -1) {
          const stop = this.stop(data, pos, end, final);
          this.tree.emit(data, pos, stop);
          return -(stop + 1);
        }
      }
      // Where the line end before this line starts. The first line of a body has none, unless
      // the line before was a boundary line, whose line end then serves both: in
      // "--inner--" CRLF "--outer", that CRLF belongs to the outer delimiter too.
      const nl =
        dataAbs + c === this.lineStartAbs
          ? Math.min(c, this.lineStartNlAbs - dataAbs)
          : c >= 2 && data[c - 2] === CR
            ? c - 2
            : c - 1;
      const level = this.matcher.match(data, c, end, final);
      if (level === NO_MATCH) {
        from = c + 1;
        continue;
      }
      if (level === NEED_MORE) {
        this.tree.emit(data, pos, nl);
        return -(Math.max(pos, nl) + 1);
      }
      // A preamble keeps its last line end: it is the content if no part ever starts.
      this.tree.emit(data, pos, this.tree.top()!.phase === Phase.Preamble ? c : nl);
      const next = this.matcher.next;
      this.tree.boundary(
        level,
        this.matcher.close,
        data,
        dataAbs,
        dataAbs + nl,
        dataAbs + c,
        dataAbs + next,
      );
      let lineEnd = next;
      if (lineEnd > c && data[lineEnd - 1] === LF) lineEnd--;
      if (lineEnd > c && data[lineEnd - 1] === CR) lineEnd--;
      this.lineStartAbs = dataAbs + next;
      this.lineStartNlAbs = dataAbs + lineEnd;
      return next;
    }
  }

  /** Where to stop passing bytes on when the data runs out with no boundary line in it. */
  private stop(data: Uint8Array, pos: number, end: number, final: boolean): number {
    if (!final) return holdBack(data, pos, end);
    // At the end of input, a leaf inside a multipart whose close delimiter never came ends
    // before the final line end (see MimeScanner.finish).
    const phase = this.tree.top()!.phase;
    if (
      (phase === Phase.Leaf || phase === Phase.Encoded) &&
      this.tree.innermostMultipart() !== -1
    ) {
      return holdBack(data, pos, end);
    }
    return end;
  }
}

/**
 * Where to stop passing bytes on when the data ends mid-body: before a trailing line end (it
 * belongs to the next line if that turns out to be a boundary).
 */
function holdBack(data: Uint8Array, pos: number, end: number): number {
  let stop = end;
  if (stop > pos && data[stop - 1] === CR) stop--;
  else if (stop > pos && data[stop - 1] === LF) {
    stop--;
    if (stop > pos && data[stop - 1] === CR) stop--;
  }
  return stop;
}
