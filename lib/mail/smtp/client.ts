/**
 * The SMTP client the app uses: connect (greeting, EHLO, STARTTLS, AUTH), send messages, quit.
 * One command at a time on one connection: calls made while another runs wait their turn.
 */
import { isMailError } from "../errors.ts";
import { transferBdat } from "./bdat.ts";
import { type Envelope, type MessageFacts, planEnvelope } from "./envelope.ts";
import type { SmtpCapabilities } from "./extensions.ts";
import { type MessageSource, prepareMessage } from "./message-source.ts";
import { type ResolvedTimeouts, resolveTimeouts, type SmtpClientOptions } from "./options.ts";
import type { SmtpReply } from "./reply.ts";
import { openSession, type SmtpSession } from "./session.ts";
import { type EnvelopeOutcome, startTransaction } from "./transaction.ts";
import { transferData } from "./transfer-data.ts";

/** Hints for a message whose content is not known in advance (a stream). */
export interface SendOptions {
  /** Approximate size in bytes, sent as SIZE= so an oversized message is refused up front. */
  size?: number;
  /** The message has 8-bit bytes (false: 7-bit; unknown for a stream when left out). */
  eightBit?: boolean;
  /** Headers carry UTF-8 (RFC 6532): needs SMTPUTF8. */
  smtpUtf8?: boolean;
}

export interface SendResult extends EnvelopeOutcome {
  /** The server's reply to the message, usually with its queue id ("250 2.0.0 Ok: queued as X"). */
  reply: SmtpReply;
  transfer: "DATA" | "BDAT";
  /** Bytes the server received for the message. */
  bytesSent: number;
}

export class SmtpClient {
  private readonly session: SmtpSession;
  private readonly timeouts: ResolvedTimeouts;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(session: SmtpSession, timeouts: ResolvedTimeouts) {
    this.session = session;
    this.timeouts = timeouts;
  }

  /** Connect, read the greeting, EHLO, STARTTLS (as `security` says) and AUTH. */
  static async connect(options: SmtpClientOptions): Promise<SmtpClient> {
    const session = await openSession(options);
    return new SmtpClient(session, resolveTimeouts(options.timeouts));
  }

  /** What the server offers, from its last EHLO reply (after TLS when TLS was started). */
  get capabilities(): SmtpCapabilities {
    return this.session.capabilities;
  }

  get greeting(): SmtpReply {
    return this.session.greeting;
  }

  /**
   * The largest message the server takes (RFC 1870 SIZE), for the composer's size budget;
   * undefined when the server states no limit.
   */
  get maxMessageSize(): number | undefined {
    const size = this.session.capabilities.size;
    return size !== undefined && size > 0 ? size : undefined;
  }

  get secure(): boolean {
    return this.session.connection.secure;
  }

  get authMechanism(): string | undefined {
    return this.session.authMechanism;
  }

  get closed(): boolean {
    return this.session.connection.closed;
  }

  /**
   * Send one message to the envelope's recipients (To, Cc and Bcc each get one RCPT; the
   * message itself is sent as given, so it must not contain a Bcc header). Resolves when the
   * server has taken responsibility for it, with the recipients it refused, if any; rejects
   * when it took none. A failure leaves the connection usable unless it was closed (421, a
   * dropped connection, or a message stream that failed halfway: see transfer-abort.ts).
   */
  send(envelope: Envelope, message: MessageSource, options: SendOptions = {}): Promise<SendResult> {
    return this.exclusive(async () => {
      const { connection, capabilities } = this.session;
      const prepared = prepareMessage(message);
      const facts: MessageFacts = {
        size: prepared.size ?? options.size,
        eightBit: prepared.eightBit ?? options.eightBit,
        smtpUtf8: options.smtpUtf8,
      };
      const plan = planEnvelope(envelope, capabilities, facts);
      // BDAT is not pipelined behind MAIL and RCPT, though RFC 3030 allows it: measured against
      // Postfix 3.7, the reply to the last chunk then waits ~40 ms each time (the server's
      // Nagle against our delayed ACK, since we have nothing left to send), 8 times slower for
      // 40 KB messages. Sent after the envelope's replies, it carries their ACK.
      const outcome = await startTransaction(connection, plan, {
        pipelining: capabilities.pipelining,
        withData: !capabilities.chunking,
      });
      const transfer = capabilities.chunking
        ? await transferBdat(connection, prepared, {
            eightBitAllowed: plan.eightBitAllowed,
            pipelining: capabilities.pipelining,
            dataEndTimeoutMs: this.timeouts.dataEndMs,
          })
        : await transferData(connection, prepared, {
            eightBitAllowed: plan.eightBitAllowed,
            dataEndTimeoutMs: this.timeouts.dataEndMs,
          });
      return {
        ...outcome,
        reply: transfer.reply,
        transfer: capabilities.chunking ? "BDAT" : "DATA",
        bytesSent: transfer.bytesSent,
      };
    });
  }

  /** RSET: abandon any transaction in progress (RFC 5321 section 4.1.1.5). */
  reset(): Promise<void> {
    return this.exclusive(async () => {
      await this.session.connection.command("RSET", "other", [250]);
    });
  }

  /** NOOP: keeps the session alive and proves the server still answers. */
  noop(): Promise<SmtpReply> {
    return this.exclusive(() => this.session.connection.command("NOOP", "other", [250]));
  }

  /**
   * QUIT (RFC 5321 section 4.1.1.10) and close. A server that hangs up instead of answering
   * 221 has still ended the session, which is all QUIT asks for.
   */
  quit(): Promise<void> {
    return this.exclusive(async () => {
      const { connection } = this.session;
      if (connection.closed) return;
      try {
        await connection.send("QUIT");
        await connection.read("other", "QUIT");
      } catch (error) {
        if (!(isMailError(error) && error.code === "CLOSED")) {
          connection.destroy();
          throw error;
        }
      }
      await connection.end();
    });
  }

  /** Drop the connection without QUIT. */
  close(): void {
    this.session.connection.destroy();
  }

  private exclusive<T>(action: () => Promise<T>): Promise<T> {
    const run = this.queue.then(action, action);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
