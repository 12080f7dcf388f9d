/**
 * One SMTP connection: command lines out, whole replies in, and the rules that hold for every
 * command. A 421 reply ends the session whatever command it answers (RFC 5321 section 3.8):
 * the connection is closed at once and the caller gets a transient SmtpError. A reply that is
 * not SMTP, or too big, leaves the conversation out of step, so the connection is closed too.
 */
import {
  type LineChannel,
  LineConnection,
  type LineConnectionOptions,
  openLineChannel,
} from "../net/index.ts";
import { SMTP_LIMITS } from "./limits.ts";
import type { SmtpReply } from "./reply.ts";
import { readReply } from "./reply-reader.ts";
import { replyError, type SmtpStep } from "./smtp-error.ts";

export type SmtpConnectionOptions = LineConnectionOptions;

export class SmtpConnection extends LineConnection {
  readonly commandTimeoutMs: number;

  private constructor(channel: LineChannel, options: SmtpConnectionOptions) {
    super(channel, "SMTP");
    this.commandTimeoutMs = options.commandTimeoutMs;
  }

  static async open(options: SmtpConnectionOptions): Promise<SmtpConnection> {
    return new SmtpConnection(
      await openLineChannel(options, SMTP_LIMITS.maxReplyLineLength),
      options,
    );
  }

  /**
   * Send command lines (several at once when pipelining, RFC 2920). Each line is checked for
   * CR and LF: whatever built it, a line can never carry a second command.
   */
  async send(lines: string | string[], options: { transcriptAs?: string } = {}): Promise<void> {
    await this.writeLines(typeof lines === "string" ? [lines] : lines, options);
  }

  /** Message bytes: written with backpressure, kept out of the transcript. */
  async sendData(data: Uint8Array): Promise<void> {
    if (data.length === 0) return;
    this.transcriptPaused = true;
    const written = this.socket.write(data);
    this.transcriptPaused = false;
    await written;
  }

  /**
   * Read one reply. `command` names what it answers, for the error (credentials left out).
   * Throws for 421 (after closing) and for anything that is not a well-formed reply.
   */
  async read(step: SmtpStep, command: string, timeoutMs?: number): Promise<SmtpReply> {
    let reply: SmtpReply;
    try {
      reply = await readReply(this.socket, timeoutMs ?? this.commandTimeoutMs);
    } catch (error) {
      // Out of step with the server (malformed or oversized reply, timeout): no way back.
      this.socket.destroy();
      throw error;
    }
    if (reply.code === 421) {
      // RFC 5321 section 3.8: the server is closing the channel; no QUIT, no more commands.
      this.socket.destroy();
      throw replyError(reply, step, command);
    }
    return reply;
  }

  /** Send one command and read its reply; a reply outside `ok` is thrown as an SmtpError. */
  async command(
    line: string,
    step: SmtpStep,
    ok: readonly number[],
    options: { transcriptAs?: string; timeoutMs?: number } = {},
  ): Promise<SmtpReply> {
    await this.send(line, options);
    const reply = await this.read(step, options.transcriptAs ?? line, options.timeoutMs);
    if (!ok.includes(reply.code)) throw replyError(reply, step, options.transcriptAs ?? line);
    return reply;
  }

  /**
   * After a write failed because the server hung up: it may have said why first (a 421 or a
   * 552 sent before closing). Returns that reply if it is already here.
   */
  async lastWords(): Promise<SmtpReply | null> {
    try {
      return await readReply(this.socket, 200);
    } catch {
      // Nothing buffered, or not a reply: the caller reports the failed write itself.
      return null;
    }
  }
}
