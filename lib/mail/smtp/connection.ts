/**
 * One SMTP connection: command lines out, whole replies in, and the rules that hold for every
 * command. A 421 reply ends the session whatever command it answers (RFC 5321 section 3.8):
 * the connection is closed at once and the caller gets a transient SmtpError. A reply that is
 * not SMTP, or too big, leaves the conversation out of step, so the connection is closed too.
 */
import { MailError } from "../errors.ts";
import { MailSocket, type TlsPolicy, type TranscriptSink } from "../net/index.ts";
import { SMTP_LIMITS } from "./limits.ts";
import type { SmtpReply } from "./reply.ts";
import { readReply } from "./reply-reader.ts";
import { replyError, type SmtpStep } from "./smtp-error.ts";

export interface SmtpConnectionOptions {
  host: string;
  port: number;
  /** Implicit TLS from the first byte (SMTPS, port 465; RFC 8314 section 3.3). */
  tls: boolean;
  tlsPolicy?: TlsPolicy;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  transcript?: TranscriptSink;
}

export class SmtpConnection {
  private readonly socket: MailSocket;
  private readonly transcript?: TranscriptSink;
  private muted = false;
  readonly commandTimeoutMs: number;

  private constructor(socket: MailSocket, options: SmtpConnectionOptions) {
    this.socket = socket;
    this.transcript = options.transcript;
    this.commandTimeoutMs = options.commandTimeoutMs;
  }

  static async open(options: SmtpConnectionOptions): Promise<SmtpConnection> {
    // The socket reports to our sink only while not muted: message data is summarised as one
    // line instead of being copied into the transcript chunk by chunk.
    let self: SmtpConnection | undefined;
    const sink = options.transcript;
    const socket = await MailSocket.connect({
      host: options.host,
      port: options.port,
      tls: options.tls,
      tlsPolicy: options.tlsPolicy,
      connectTimeoutMs: options.connectTimeoutMs,
      readTimeoutMs: options.commandTimeoutMs,
      maxLineLength: SMTP_LIMITS.maxReplyLineLength,
      transcript: sink
        ? (direction, text) => {
            if (!self?.muted) sink(direction, text);
          }
        : undefined,
    });
    self = new SmtpConnection(socket, options);
    return self;
  }

  get host(): string {
    return this.socket.host;
  }

  get port(): number {
    return this.socket.port;
  }

  get secure(): boolean {
    return this.socket.secure;
  }

  get closed(): boolean {
    return this.socket.closed;
  }

  /**
   * Send command lines (several at once when pipelining, RFC 2920). Each line is checked for
   * CR and LF: whatever built it, a line can never carry a second command.
   */
  async send(lines: string | string[], options: { transcriptAs?: string } = {}): Promise<void> {
    const list = typeof lines === "string" ? [lines] : lines;
    for (const line of list) {
      if (/[\r\n\0]/.test(line)) {
        throw new MailError("INVALID_INPUT", "An SMTP command line contained CR, LF or NUL");
      }
    }
    await this.socket.write(`${list.join("\r\n")}\r\n`, options);
  }

  /** Message bytes: written with backpressure, kept out of the transcript. */
  async sendData(data: Uint8Array): Promise<void> {
    if (data.length === 0) return;
    this.muted = true;
    const written = this.socket.write(data);
    this.muted = false;
    await written;
  }

  /** A line for the transcript only, e.g. "[40960 octets of message data]". */
  note(direction: "C" | "S", text: string): void {
    this.transcript?.(direction, text);
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

  async upgradeToTls(policy: TlsPolicy | undefined, timeoutMs: number): Promise<void> {
    await this.socket.upgradeToTls(policy, timeoutMs);
  }

  /** Drop the connection without a goodbye (after an error, or when the session is unusable). */
  destroy(): void {
    this.socket.destroy();
  }

  /** Close the TCP connection gracefully, after QUIT. */
  async end(): Promise<void> {
    await this.socket.end();
  }
}
