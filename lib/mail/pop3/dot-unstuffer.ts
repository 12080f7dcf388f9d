/**
 * Multi-line POP3 responses (RFC 1939 section 3): lines end in CRLF, a line that is only "."
 * ends the response, and a line that starts with "." had one "." added by the server, which we
 * take off. Lines go in one at a time (from the framer); the data comes out in chunks of about
 * `chunkBytes`, CRLF restored, so a 25 MB message streams to its destination without being
 * held and without a callback per line.
 */
const DOT = 0x2e;
const CRLF = Buffer.from("\r\n");

/** One line of a multi-line response: its data, or null for the terminating ".". */
export function unstuffLine(line: Buffer): Buffer | null {
  if (line[0] !== DOT) return line;
  return line.length === 1 ? null : line.subarray(1);
}

export class DotUnstuffer {
  private parts: Buffer[] = [];
  private buffered = 0;
  /** The terminating "." line has been seen. */
  done = false;
  /** Bytes of data produced so far (CRLF included, stuffing removed). */
  bytes = 0;

  constructor(private readonly chunkBytes = 64 * 1024) {}

  /** One line without its line end. Returns true when it was the terminator. */
  push(line: Buffer): boolean {
    if (this.done) throw new Error("DotUnstuffer.push after the terminating line");
    const data = unstuffLine(line);
    if (data === null) {
      this.done = true;
      return true;
    }
    this.parts.push(data, CRLF);
    this.buffered += data.length + 2;
    this.bytes += data.length + 2;
    return false;
  }

  /** A chunk, when at least `chunkBytes` are buffered. */
  ready(): Buffer | null {
    return this.buffered >= this.chunkBytes ? this.flush() : null;
  }

  /** Whatever is buffered, or null when nothing is. */
  flush(): Buffer | null {
    if (this.buffered === 0) return null;
    const chunk = Buffer.concat(this.parts, this.buffered);
    this.parts = [];
    this.buffered = 0;
    return chunk;
  }
}

/** Un-stuff a whole multi-line response held in memory (tests, small answers). */
export function unstuffLines(lines: Buffer[]): { data: Buffer; complete: boolean } {
  const unstuffer = new DotUnstuffer(Number.POSITIVE_INFINITY);
  for (const line of lines) if (unstuffer.push(line)) break;
  return { data: unstuffer.flush() ?? Buffer.alloc(0), complete: unstuffer.done };
}
