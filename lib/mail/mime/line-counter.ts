/**
 * Line counts for IMAP's body-fld-lines (RFC 3501 section 7.4.2: text/* and message/rfc822
 * parts), counted only over the byte ranges of parts that need them, each byte at most once,
 * while the bytes are still in hand (the stream parser drops them after each chunk).
 */
import { countLines } from "./bytes.ts";

export class LineCounter {
  private pos = 0;
  private count = 0;
  private lastLf = -1;
  /** Open parts that need counting; while 0, positions are skipped without counting. */
  private active = 0;

  /** LF count before absolute position `abs`; `data` holds the bytes from `dataAbs` on. */
  at(data: Uint8Array, dataAbs: number, abs: number): number {
    if (abs < this.pos) {
      // Only a boundary line's own line end can lie between a body end and the counted
      // position (the stream parser counts up to each chunk's end, and a body may end just
      // before the line end of the boundary line that ended the chunk): at most one LF.
      return this.count - (this.lastLf >= abs ? 1 : 0);
    }
    if (abs > this.pos) {
      if (this.active > 0) {
        const from = Math.max(this.pos, dataAbs) - dataAbs;
        const to = abs - dataAbs;
        const n = countLines(data, from, to);
        if (n > 0) {
          this.count += n;
          this.lastLf = dataAbs + data.lastIndexOf(0x0a, to - 1);
        }
      }
      this.pos = abs;
    }
    return this.count;
  }

  begin(data: Uint8Array, dataAbs: number, abs: number): number {
    const at = this.at(data, dataAbs, abs);
    this.active++;
    return at;
  }

  end(data: Uint8Array, dataAbs: number, abs: number, start: number): number {
    const lines = this.at(data, dataAbs, abs) - start;
    this.active--;
    return lines;
  }
}
