/**
 * Assembles one whole server response from the socket: its first line, then for every literal
 * announced at a line's end (`{n}`, or literal8 `~{n}` from BINARY) exactly n bytes, then the
 * line that continues it. Literals are read by byte count, so nothing is ever split in the
 * middle of a character or mistaken for a line end. Sizes are checked against the limits
 * before anything is read, and a literal the current command wants streamed goes to its sink
 * chunk by chunk instead of into memory.
 */
import { limitError } from "./errors.ts";
import type { ImapLimits } from "./limits.ts";

/** The socket operations the framer needs (MailSocket has them). */
export interface ResponseSource {
  readLine(options?: { timeoutMs?: number }): Promise<Buffer>;
  readExact(count: number, options?: { timeoutMs?: number }): Promise<Buffer>;
  readExactTo(
    count: number,
    sink: (chunk: Buffer) => void | Promise<void>,
    options?: { timeoutMs?: number },
  ): Promise<void>;
}

/** Stands where a literal was, when its bytes went to a sink instead of memory. */
export class StreamedLiteral {
  constructor(readonly size: number) {}
}

export interface FramedResponse {
  /** The line segments; a literal sits between lines[i] and lines[i + 1]. */
  lines: Buffer[];
  /** literals[i] follows lines[i]; always lines.length - 1 of them. */
  literals: Array<Buffer | StreamedLiteral>;
}

export type LiteralSink = (chunk: Buffer) => void | Promise<void>;

export interface LiteralContext {
  /** The response's first line (e.g. `* 12 FETCH (UID 40 BODY[] {2000}`). */
  firstLine: Buffer;
  /** The line segment the literal was announced at the end of. */
  line: Buffer;
  size: number;
  binary: boolean;
}

/** Decides, per literal, whether it is streamed (returns a sink) or held (returns undefined). */
export type LiteralRouter = (context: LiteralContext) => LiteralSink | undefined;

/** Reads never time out here: the connection runs its own watchdog while a command waits. */
const NO_TIMEOUT = 2_147_483_647;
const READ = { timeoutMs: NO_TIMEOUT };

export interface FramerHooks {
  /** Called whenever bytes arrive, so the connection's watchdog knows the server is alive. */
  onProgress?: () => void;
  /**
   * A transcript is being written: stream chunk by chunk (one "[n bytes streamed]" line)
   * rather than in pieces, which the socket layer would each show in the transcript.
   */
  transcript?: boolean;
}

/**
 * Streamed literals are handed to the sink in pieces of this size: a few socket buffers, so
 * memory stays flat, but large enough that a 25 MB body costs ~100 sink calls instead of one
 * per 4 KB TLS record (Dovecot writes 4 KB records; per-chunk overhead dominated the time).
 */
export const STREAM_PIECE = 256 * 1024;

export async function readResponse(
  source: ResponseSource,
  limits: ImapLimits,
  router?: LiteralRouter,
  hooks: FramerHooks = {},
): Promise<FramedResponse> {
  const first = await source.readLine(READ);
  hooks.onProgress?.();
  const lines = [first];
  const literals: Array<Buffer | StreamedLiteral> = [];
  if (!mayCarryLiterals(first)) return { lines, literals };
  let total = first.length;
  let line = first;
  for (;;) {
    const marker = literalAtEnd(line);
    if (!marker) return { lines, literals };
    if (literals.length >= limits.maxLiteralsPerResponse) {
      throw limitError(`The server sent more than ${limits.maxLiteralsPerResponse} literals`);
    }
    const sink = router?.({ firstLine: first, line, size: marker.size, binary: marker.binary });
    if (sink) {
      if (marker.size > limits.maxStreamedLiteralSize) {
        throw limitError(
          `The server announced a ${marker.size}-byte literal; the limit is ${limits.maxStreamedLiteralSize}`,
        );
      }
      if (hooks.transcript) {
        await source.readExactTo(
          marker.size,
          (chunk) => {
            hooks.onProgress?.();
            return sink(chunk);
          },
          READ,
        );
      } else {
        for (let remaining = marker.size; remaining > 0; ) {
          const piece = await source.readExact(Math.min(remaining, STREAM_PIECE), READ);
          remaining -= piece.length;
          hooks.onProgress?.();
          await sink(piece);
        }
      }
      literals.push(new StreamedLiteral(marker.size));
    } else {
      if (marker.size > limits.maxLiteralSize) {
        throw limitError(
          `The server announced a ${marker.size}-byte literal; the limit for one held in memory is ${limits.maxLiteralSize}`,
        );
      }
      total += marker.size;
      if (total > limits.maxResponseSize) {
        throw limitError(`A response grew past ${limits.maxResponseSize} bytes`);
      }
      literals.push(marker.size === 0 ? EMPTY : await source.readExact(marker.size, READ));
    }
    line = await source.readLine(READ);
    hooks.onProgress?.();
    total += line.length;
    if (total > limits.maxResponseSize) {
      throw limitError(`A response grew past ${limits.maxResponseSize} bytes`);
    }
    lines.push(line);
  }
}

const EMPTY = Buffer.alloc(0);

/** `{123}` or `~{123}` at the very end of a line, as RFC 3501 section 4.3 places it. */
export function literalAtEnd(line: Buffer): { size: number; binary: boolean } | null {
  let i = line.length - 1;
  if (i < 2 || line[i] !== 0x7d) return null;
  i--;
  // A client-style `{n+}` from a confused server is accepted too.
  if (line[i] === 0x2b) i--;
  const digitsEnd = i;
  while (i >= 0 && line[i]! >= 0x30 && line[i]! <= 0x39) i--;
  if (i === digitsEnd || i < 0 || line[i] !== 0x7b) return null;
  // More than 15 digits cannot be a size any limit allows; Number() would lose precision.
  if (digitsEnd - i > 15) return { size: Number.MAX_SAFE_INTEGER, binary: false };
  const size = Number(line.toString("latin1", i + 1, digitsEnd + 1));
  return { size, binary: i > 0 && line[i - 1] === 0x7e };
}

/**
 * Status responses (`tag OK|NO|BAD`, `* OK|NO|BAD|BYE|PREAUTH`) and continuations carry
 * resp-text, which has no literals (RFC 3501 section 9). Treating a trailing `{5}` there as
 * one would let text the server echoes (Dovecot quotes the mailbox name in "Mailbox doesn't
 * exist: ...") make us wait for bytes that never come and lose our place in the stream.
 */
function mayCarryLiterals(line: Buffer): boolean {
  if (line[0] === 0x2b) return false;
  const space = line.indexOf(0x20);
  if (space < 0) return false;
  let end = line.indexOf(0x20, space + 1);
  if (end < 0) end = line.length;
  const word = line.toString("latin1", space + 1, end).toUpperCase();
  if (word === "OK" || word === "NO" || word === "BAD") return false;
  if (line[0] === 0x2a && (word === "BYE" || word === "PREAUTH")) return false;
  return true;
}
