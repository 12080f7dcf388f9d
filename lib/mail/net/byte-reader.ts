/**
 * A pull reader over pushed chunks: the framing primitive every protocol client shares.
 * It yields LF-terminated lines and exact byte counts (IMAP literals, POP3/SMTP payloads) without
 * ever decoding, so multi-byte characters are never split, and it refuses to buffer without
 * bound: a line longer than the caller's limit fails with LIMIT_EXCEEDED instead of growing
 * memory until the process dies.
 */
import { MailError } from "../errors.ts";

export interface ByteReaderHooks {
  /** Called when buffered bytes exceed the high-water mark: stop reading the socket. */
  pause?: () => void;
  /** Called when a consumer has drained below the mark again. */
  resume?: () => void;
}

type Waiter = () => void;

const LF = 0x0a;
const CR = 0x0d;

export class ByteReader {
  private chunks: Buffer[] = [];
  private length = 0;
  /** Whole chunks at the head already searched for LF in vain, so a long line is scanned once. */
  private scannedChunks = 0;
  private scannedBytes = 0;
  private ended = false;
  private failure: Error | null = null;
  private waiter: Waiter | null = null;
  private paused = false;

  constructor(
    private readonly highWaterMark = 1 << 20,
    private readonly hooks: ByteReaderHooks = {},
  ) {}

  get buffered(): number {
    return this.length;
  }

  push(chunk: Buffer): void {
    if (this.ended || chunk.length === 0) return;
    this.chunks.push(chunk);
    this.length += chunk.length;
    if (this.length > this.highWaterMark && !this.paused) {
      this.paused = true;
      this.hooks.pause?.();
    }
    this.wake();
  }

  /** No more data will come; pending and future reads fail with `error` (or CLOSED). */
  end(error?: Error): void {
    if (this.ended) return;
    this.ended = true;
    this.failure = error ?? null;
    this.wake();
  }

  /**
   * The next line without its line end (CRLF or a bare LF, which some servers send).
   * `maxLength` bounds the line including its end; longer input is a protocol violation.
   */
  async readLine(maxLength: number): Promise<Buffer> {
    for (;;) {
      const end = this.findLf(maxLength);
      if (end >= 0) {
        const line = this.take(end + 1);
        const cut = line.length >= 2 && line[line.length - 2] === CR ? 2 : 1;
        return line.subarray(0, line.length - cut);
      }
      if (this.length >= maxLength) {
        throw new MailError(
          "LIMIT_EXCEEDED",
          `The server sent a line longer than ${maxLength} bytes`,
        );
      }
      await this.more();
    }
  }

  /** Exactly `count` bytes, held in memory: for sizes already checked against a limit. */
  async readExact(count: number): Promise<Buffer> {
    while (this.length < count) await this.more();
    return this.take(count);
  }

  /**
   * Exactly `count` bytes, handed to `sink` as they arrive and never held whole: for large
   * literals (a 25 MB attachment goes straight to its destination). The sink may return a
   * promise to apply backpressure.
   */
  async readExactTo(count: number, sink: (chunk: Buffer) => void | Promise<void>): Promise<void> {
    let remaining = count;
    while (remaining > 0) {
      if (this.length === 0) await this.more();
      const piece = this.take(Math.min(remaining, this.chunks[0]!.length));
      remaining -= piece.length;
      await sink(piece);
    }
  }

  /** Whatever is buffered, without waiting: used to detect data injected before a TLS upgrade. */
  drain(): Buffer {
    return this.take(this.length);
  }

  private findLf(maxLength: number): number {
    let offset = this.scannedBytes;
    for (let i = this.scannedChunks; i < this.chunks.length; i++) {
      const chunk = this.chunks[i]!;
      const at = chunk.indexOf(LF);
      if (at >= 0) return offset + at < maxLength ? offset + at : -1;
      offset += chunk.length;
      if (offset >= maxLength) return -1;
    }
    this.scannedChunks = this.chunks.length;
    this.scannedBytes = offset;
    return -1;
  }

  private take(count: number): Buffer {
    if (count === 0) return Buffer.alloc(0);
    let out: Buffer;
    const first = this.chunks[0]!;
    if (first.length === count) {
      this.chunks.shift();
      out = first;
    } else if (first.length > count) {
      out = first.subarray(0, count);
      this.chunks[0] = first.subarray(count);
    } else {
      out = Buffer.allocUnsafe(count);
      let filled = 0;
      while (filled < count) {
        const chunk = this.chunks[0]!;
        const need = count - filled;
        if (chunk.length <= need) {
          chunk.copy(out, filled);
          filled += chunk.length;
          this.chunks.shift();
        } else {
          chunk.copy(out, filled, 0, need);
          this.chunks[0] = chunk.subarray(need);
          filled += need;
        }
      }
    }
    this.length -= count;
    this.scannedChunks = 0;
    this.scannedBytes = 0;
    if (this.paused && this.length <= this.highWaterMark / 2) {
      this.paused = false;
      this.hooks.resume?.();
    }
    return out;
  }

  private more(): Promise<void> {
    if (this.ended) {
      return Promise.reject(
        this.failure ?? new MailError("CLOSED", "The server closed the connection"),
      );
    }
    if (this.paused) {
      // The consumer wants more than the high-water mark holds (a long line): keep reading.
      this.paused = false;
      this.hooks.resume?.();
    }
    return new Promise<void>((resolve) => {
      this.waiter = resolve;
    });
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.();
  }
}
