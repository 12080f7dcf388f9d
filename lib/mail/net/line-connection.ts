/**
 * What every line-based client connection (SMTP, POP3) does the same way over a `MailSocket`:
 * command lines out, each checked so it can never carry a second command; a transcript that is
 * paused while message data flows (the data is summarised as one line instead of being copied
 * in chunk by chunk); TLS upgrade and closing. The protocols add their reply formats on top.
 */
import { MailError } from "../errors.ts";
import type { AddressCheck } from "./address-check.ts";
import { MailSocket, type WriteOptions } from "./mail-socket.ts";
import type { TlsPolicy } from "./tls-options.ts";
import type { Direction, TranscriptSink } from "./transcript.ts";

export interface LineConnectionOptions {
  host: string;
  port: number;
  /** Implicit TLS from the first byte (SMTPS 465, POP3S 995; RFC 8314 section 3.3). */
  tls: boolean;
  tlsPolicy?: TlsPolicy;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  transcript?: TranscriptSink;
  /** Which addresses the connection may go to (MailSocket's ConnectOptions). */
  addressCheck?: AddressCheck;
}

/** "tls": TLS from the first byte; "starttls": plain, then upgraded; "none": plain (tests). */
export type LineSecurity = "tls" | "starttls" | "none";

/**
 * The connection options of a client's settings, the security setting checked first: it may
 * come from a form or a config file, and an unknown value must not fall through to plain text.
 */
export function lineConnectionOptions(
  settings: {
    host: string;
    port: number;
    security: LineSecurity;
    tlsPolicy?: TlsPolicy;
    transcript?: TranscriptSink;
    addressCheck?: AddressCheck;
  },
  timeouts: { connectMs: number; commandMs: number },
): LineConnectionOptions {
  if (!["tls", "starttls", "none"].includes(settings.security)) {
    throw new MailError(
      "INVALID_INPUT",
      `Unknown security setting ${JSON.stringify(settings.security)}`,
    );
  }
  return {
    host: settings.host,
    port: settings.port,
    tls: settings.security === "tls",
    tlsPolicy: settings.tlsPolicy,
    connectTimeoutMs: timeouts.connectMs,
    commandTimeoutMs: timeouts.commandMs,
    transcript: settings.transcript,
    addressCheck: settings.addressCheck,
  };
}

/** An open socket and the transcript it reports to, with the switch that pauses it. */
export interface LineChannel {
  socket: MailSocket;
  transcript?: TranscriptSink;
  paused: { on: boolean };
}

/** Connects; `maxLineLength` is the protocol's longest server line. */
export async function openLineChannel(
  options: LineConnectionOptions,
  maxLineLength: number,
): Promise<LineChannel> {
  const paused = { on: false };
  const sink = options.transcript;
  const socket = await MailSocket.connect({
    host: options.host,
    port: options.port,
    tls: options.tls,
    tlsPolicy: options.tlsPolicy,
    connectTimeoutMs: options.connectTimeoutMs,
    readTimeoutMs: options.commandTimeoutMs,
    maxLineLength,
    addressCheck: options.addressCheck,
    transcript: sink
      ? (direction, text) => {
          if (!paused.on) sink(direction, text);
        }
      : undefined,
  });
  return { socket, transcript: sink, paused };
}

export abstract class LineConnection {
  protected readonly socket: MailSocket;
  private readonly channel: LineChannel;

  /** `protocol` names the protocol in errors ("SMTP", "POP3"). */
  protected constructor(
    channel: LineChannel,
    private readonly protocol: string,
  ) {
    this.channel = channel;
    this.socket = channel.socket;
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

  /** While true, what the socket reads and writes stays out of the transcript. */
  protected set transcriptPaused(on: boolean) {
    this.channel.paused.on = on;
  }

  /** A line for the transcript only, e.g. "[40960 octets of message data]". */
  note(direction: Direction, text: string): void {
    this.channel.transcript?.(direction, text);
  }

  /**
   * Writes command lines (several at once when pipelining, RFC 2920), each checked for CR, LF
   * and NUL first: whatever built a line, it can never carry a second command.
   */
  protected async writeLines(lines: readonly string[], options: WriteOptions = {}): Promise<void> {
    for (const line of lines) {
      if (/[\r\n\0]/.test(line)) {
        throw new MailError(
          "INVALID_INPUT",
          `The ${this.protocol} command line contained CR, LF or NUL`,
        );
      }
    }
    await this.socket.write(`${lines.join("\r\n")}\r\n`, options);
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
