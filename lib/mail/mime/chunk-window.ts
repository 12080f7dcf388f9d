/**
 * The scanner's input window over chunks that arrive one by one: the unconsumed tail of the
 * previous chunks (an unfinished line) joined with what arrived since. Two guarantees:
 * - linear time however small the chunks: while the unfinished line is longer than what has
 *   arrived since, chunks are held, so it is rescanned only after the data has doubled;
 * - no garbage per chunk: the join uses one reused buffer (nothing keeps a view of it past a
 *   write: the tail is copied out, consumers copy what they keep).
 */

const EMPTY = new Uint8Array(0);

export class ChunkWindow {
  private tail: Uint8Array = EMPTY;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private scratch: Uint8Array = EMPTY;
  /** Absolute offset of the first unconsumed byte (the tail's start). */
  start = 0;
  /** Bytes received in all. */
  received = 0;
  /** The input's last two bytes (-1 when absent): whether it ends with a line end. */
  last = -1;
  beforeLast = -1;

  private remember(chunk: Uint8Array): void {
    const n = chunk.length;
    this.received += n;
    this.beforeLast = n >= 2 ? chunk[n - 2]! : this.last;
    this.last = chunk[n - 1]!;
  }

  /** Adds a chunk; returns the bytes to scan (from `start`), or null to wait for more. */
  push(chunk: Uint8Array): Uint8Array | null {
    this.remember(chunk);
    if (this.tail.length > 0 && this.pendingBytes + chunk.length < this.tail.length) {
      this.pending.push(chunk.slice());
      this.pendingBytes += chunk.length;
      return null;
    }
    return this.join(chunk);
  }

  /** Everything not yet consumed, with an optional last chunk: the end of the input. */
  drain(last?: Uint8Array): Uint8Array {
    if (last && last.length > 0) this.remember(last);
    const data = this.join(last);
    this.tail = EMPTY;
    return data;
  }

  /** After a scan of `data` (which starts at `start`) consumed `pos` bytes. */
  consumed(data: Uint8Array, pos: number): void {
    this.tail = pos < data.length ? data.slice(pos) : EMPTY;
    this.start += pos;
  }

  private join(chunk?: Uint8Array): Uint8Array {
    const parts = [this.tail, ...this.pending];
    if (chunk) parts.push(chunk);
    this.pending = [];
    this.pendingBytes = 0;
    const nonEmpty = parts.filter((p) => p.length > 0);
    if (nonEmpty.length <= 1) return nonEmpty[0] ?? EMPTY;
    let length = 0;
    for (const p of nonEmpty) length += p.length;
    if (this.scratch.length < length)
      this.scratch = new Uint8Array(Math.max(length, this.scratch.length * 2));
    let o = 0;
    for (const p of nonEmpty) {
      this.scratch.set(p, o);
      o += p.length;
    }
    return this.scratch.subarray(0, length);
  }
}
