/**
 * Commands go out in call order and their answers are read in the same order. A server that
 * offers PIPELINING (RFC 2449 section 6.6) takes several commands at a time and answers each
 * in turn, as if it had been sent alone: up to a window of commands then goes out ahead of
 * their answers, those made in the same turn of the event loop in one write. Without it the
 * window is one command, and each waits for the answer before it, as RFC 1939 requires.
 *
 * Every answer is read to its end before the next is started, so a -ERR is the error of its
 * own command only. When the server closes the connection, the answers it sent before are
 * still read and the first one cut short fails, and with it every later one. When the client
 * drops the connection itself (a timeout, a malformed or oversized answer), every command still
 * owed an answer fails at once: what is left in the read buffer is the middle of an answer, and
 * reading it as the next one would hand a hostile message's lines to the wrong command.
 */
import { MailError } from "../errors.ts";
import type { Pop3Connection } from "./connection.ts";

export interface PipelineWindow {
  /** Commands sent whose answers have not been read yet. */
  commands: number;
  /** Bytes of those commands' lines, CRLF included. */
  bytes: number;
}

/** RFC 1939 without PIPELINING: send, read the answer, then the next command. */
export const ONE_AT_A_TIME: PipelineWindow = { commands: 1, bytes: Number.POSITIVE_INFINITY };

export interface Pop3Command<T> {
  line: string;
  /** Reads the whole answer, status line and whatever follows it. */
  read: (connection: Pop3Connection) => Promise<T>;
  /** Written only when no answer is owed, and nothing after it until it is answered (QUIT). */
  alone?: boolean;
  /** The error for a command that was never written because the connection had ended. */
  notSent?: (cause: MailError) => MailError;
}

interface Entry {
  line: string;
  bytes: number;
  alone: boolean;
  /** Set when the line never reached the server: its answer is not read. */
  unsent?: MailError;
  notSent?: (cause: MailError) => MailError;
  /** Reads the answer and settles the caller's promise; never rejects. */
  settle: () => Promise<void>;
  reject: (error: unknown) => void;
}

export class CommandPipeline {
  private readonly queued: Entry[] = [];
  private readonly owed: Entry[] = [];
  private owedBytes = 0;
  private flushScheduled = false;
  private writing = false;
  private reading = false;

  constructor(
    private readonly connection: Pop3Connection,
    readonly window: PipelineWindow,
  ) {}

  run<T>(command: Pop3Command<T>): Promise<T> {
    // Checked here as well as at the write, where one bad line would fail the whole batch.
    if (/[\r\n\0]/.test(command.line)) {
      return Promise.reject(
        new MailError("INVALID_INPUT", "The POP3 command line contained CR, LF or NUL"),
      );
    }
    return new Promise<T>((resolve, reject) => {
      const entry: Entry = {
        line: command.line,
        bytes: Buffer.byteLength(command.line) + 2,
        alone: command.alone ?? false,
        notSent: command.notSent,
        reject,
        settle: async () => {
          try {
            if (entry.unsent) throw entry.unsent;
            if (this.connection.abandoned) {
              throw (
                this.connection.closeReason ??
                new MailError("CLOSED", "The POP3 connection was closed")
              );
            }
            resolve(await command.read(this.connection));
          } catch (error) {
            reject(error);
          }
        },
      };
      this.queued.push(entry);
      this.scheduleFlush();
    });
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    queueMicrotask(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  /** Writes what the window has room for, in one write. */
  private flush(): void {
    if (this.writing || this.queued.length === 0) return;
    const closed = this.connection.closeReason;
    if (closed) {
      for (const entry of this.queued.splice(0)) entry.reject(entry.notSent?.(closed) ?? closed);
      return;
    }
    const batch: Entry[] = [];
    let bytes = 0;
    for (const next of this.queued) {
      const ahead = this.owed.length + batch.length;
      if (ahead > 0) {
        const last = batch.at(-1) ?? this.owed.at(-1);
        if (next.alone || last?.alone || ahead >= this.window.commands) break;
        if (this.owedBytes + bytes + next.bytes > this.window.bytes) break;
      }
      batch.push(next);
      bytes += next.bytes;
    }
    if (batch.length === 0) return;
    this.queued.splice(0, batch.length);
    this.owed.push(...batch);
    this.owedBytes += bytes;
    this.writing = true;
    this.connection.sendAll(batch.map((entry) => entry.line)).then(
      () => {
        this.writing = false;
        this.flush();
      },
      (error: unknown) => {
        this.writing = false;
        // A write that failed part way leaves the server with part of a batch: out of step.
        this.connection.destroy();
        const cause =
          error instanceof MailError
            ? error
            : new MailError("CLOSED", "Writing to the POP3 server failed", { cause: error });
        // Whether these lines reached the server is unknown, so notSent does not apply.
        for (const entry of batch) entry.unsent = cause;
        this.flush();
      },
    );
    void this.readOwed();
  }

  private async readOwed(): Promise<void> {
    if (this.reading) return;
    this.reading = true;
    try {
      while (this.owed.length > 0) {
        const entry = this.owed[0]!;
        await entry.settle();
        this.owed.shift();
        this.owedBytes -= entry.bytes;
        this.flush();
      }
    } finally {
      this.reading = false;
    }
  }
}
