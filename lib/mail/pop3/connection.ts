/**
 * One POP3 connection: command lines out, status lines and multi-line data in, within the
 * limits of limits.ts. Anything that is not POP3, or too big, leaves the conversation out of
 * step, so the connection is closed rather than guessed at.
 */
import { MailError } from "../errors.ts";
import {
  LineConnection,
  type LineConnectionOptions,
  openLineChannel,
  redactLine,
} from "../net/index.ts";
import { DotUnstuffer, unstuffLine } from "./dot-unstuffer.ts";
import { POP3_LIMITS } from "./limits.ts";
import { errError, type Pop3Step } from "./pop3-error.ts";
import { type Pop3Status, parseStatusLine } from "./response.ts";

export type Pop3ConnectionOptions = LineConnectionOptions;

export type OkStatus = Extract<Pop3Status, { kind: "ok" }>;

export class Pop3Connection extends LineConnection {
  /** readData is between its status line and its terminator: the transcript stays paused. */
  private dataFlowing = false;
  private droppedByUs = false;

  static async open(options: Pop3ConnectionOptions): Promise<Pop3Connection> {
    return new Pop3Connection(await openLineChannel(options, POP3_LIMITS.maxLineLength), "POP3");
  }

  /** Send one command line; CR, LF and NUL can never be part of it. */
  async send(line: string, options: { transcriptAs?: string } = {}): Promise<void> {
    await this.writeLines([line], options);
  }

  /**
   * Several command lines in one write (RFC 2449 section 6.6 PIPELINING), each its own line in
   * the transcript, as if sent one by one.
   */
  async sendAll(lines: readonly string[]): Promise<void> {
    // writeLines reaches the socket before its first await: pausing around the call keeps the
    // joined lines out of the transcript without hiding what a read meanwhile logs.
    this.transcriptPaused = true;
    const written = this.writeLines(lines);
    this.transcriptPaused = this.dataFlowing;
    await written;
    for (const line of lines) this.note("C", redactLine(line));
  }

  /** Why the connection ended (server close, timeout, our own destroy), once it has. */
  get closeReason(): MailError | null {
    return this.socket.closeReason;
  }

  /**
   * We dropped the connection, perhaps in the middle of an answer: whatever is still buffered
   * must not be read as the next answer. (When the server closes, what it sent before is whole
   * answers in order, and they can still be read.)
   */
  get abandoned(): boolean {
    return this.droppedByUs;
  }

  override destroy(): void {
    this.droppedByUs = true;
    super.destroy();
  }

  /** Read one status line (or a SASL "+ " continuation). */
  async readStatus(): Promise<Pop3Status> {
    return this.guard(async () => parseStatusLine((await this.socket.readLine()).toString("utf8")));
  }

  /** Send a command and require +OK; -ERR becomes a Pop3Error classified by `step`. */
  async command(
    line: string,
    step: Pop3Step = "command",
    options: { transcriptAs?: string } = {},
  ): Promise<OkStatus> {
    await this.send(line, options);
    return this.expectOk(step, options.transcriptAs ?? line);
  }

  async expectOk(step: Pop3Step, command: string): Promise<OkStatus> {
    const status = await this.readStatus();
    if (status.kind === "ok") return status;
    if (status.kind === "err") throw errError(status, step, command);
    this.destroy();
    throw new MailError("PROTOCOL", `The server sent a continuation in answer to ${command}`);
  }

  /**
   * The lines of a short multi-line answer (CAPA, LIST, UIDL), un-stuffed, each at most
   * `maxLineLength` and at most `maxLines` of them.
   */
  async readListing(maxLines: number, maxLineLength: number): Promise<string[]> {
    return this.guard(async () => {
      const lines: string[] = [];
      for (;;) {
        const raw = await this.socket.readLine();
        if (raw.length > maxLineLength) {
          throw new MailError(
            "LIMIT_EXCEEDED",
            `The server sent a listing line of ${raw.length} bytes`,
          );
        }
        const line = unstuffLine(raw);
        if (line === null) return lines;
        lines.push(line.toString("utf8"));
        if (lines.length > maxLines) {
          throw new MailError("LIMIT_EXCEEDED", `The server sent more than ${maxLines} lines`);
        }
      }
    });
  }

  /**
   * Message data (RETR, TOP) to `sink` in chunks, un-stuffed, at most `maxBytes`. The sink may
   * return a promise: reading waits for it (backpressure to the socket).
   */
  async readData(maxBytes: number, sink: (chunk: Buffer) => void | Promise<void>): Promise<number> {
    return this.guard(async () => {
      const unstuffer = new DotUnstuffer(POP3_LIMITS.deliveryChunkBytes);
      // Message lines are summarised, not copied into the transcript.
      this.transcriptPaused = true;
      this.dataFlowing = true;
      try {
        for (;;) {
          const line = await this.socket.readLine();
          if (unstuffer.push(line)) break;
          if (unstuffer.bytes > maxBytes) {
            throw new MailError("LIMIT_EXCEEDED", `The message is larger than ${maxBytes} bytes`);
          }
          const chunk = unstuffer.ready();
          if (chunk) await sink(chunk);
        }
      } finally {
        this.dataFlowing = false;
        this.transcriptPaused = false;
      }
      const rest = unstuffer.flush();
      if (rest) await sink(rest);
      this.note("S", `[${unstuffer.bytes} octets of message data]`);
      this.note("S", ".");
      return unstuffer.bytes;
    });
  }

  /**
   * A failure while reading (timeout, malformed line, limit, a sink that threw) leaves the
   * rest of the answer unread: the connection can no longer be used, so it is closed.
   */
  private async guard<T>(read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      this.destroy();
      throw error;
    }
  }
}
