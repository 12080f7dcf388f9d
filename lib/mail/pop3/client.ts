/**
 * The POP3 client the app uses. One command at a time: calls made while another runs wait
 * their turn.
 *
 * Deletion follows RFC 1939's UPDATE state: `delete(id)` only marks a message; the server
 * removes marked messages when `quit()` succeeds. `reset()` unmarks them all, and a session
 * that ends any other way (`close()`, a dropped connection) removes nothing.
 */
import { MailError } from "../errors.ts";
import type { Pop3Capabilities } from "./capabilities.ts";
import { POP3_LIMITS } from "./limits.ts";
import {
  checkId,
  listAll,
  listOne,
  type MailboxStat,
  type MessageSize,
  type MessageUid,
  stat,
  uidlAll,
  uidlOne,
} from "./mailbox.ts";
import type { Pop3ClientOptions } from "./options.ts";
import { openSession, type Pop3Session } from "./session.ts";

export class Pop3Client {
  private readonly session: Pop3Session;
  private readonly maxMessageBytes: number;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(session: Pop3Session, options: Pop3ClientOptions) {
    this.session = session;
    this.maxMessageBytes = options.maxMessageBytes ?? POP3_LIMITS.maxMessageBytes;
  }

  /**
   * Connect, read the greeting, CAPA, STLS (as `security` says) and log in. The mailbox is
   * locked for this session (RFC 1939 section 8) until quit() or close(): keep sessions short.
   */
  static async connect(options: Pop3ClientOptions): Promise<Pop3Client> {
    return new Pop3Client(await openSession(options), options);
  }

  get greeting(): { text: string; apopTimestamp?: string } {
    return this.session.greeting;
  }

  get capabilities(): Pop3Capabilities {
    return this.session.capabilities;
  }

  /** "SASL PLAIN", "USER" or "APOP". */
  get authMethod(): string {
    return this.session.authMethod;
  }

  get secure(): boolean {
    return this.session.connection.secure;
  }

  get closed(): boolean {
    return this.session.connection.closed;
  }

  /** STAT: how many messages, how many octets (messages marked deleted not counted). */
  stat(): Promise<MailboxStat> {
    return this.exclusive(() => stat(this.session.connection));
  }

  /** LIST: every message's number and size, or one message's. */
  list(): Promise<MessageSize[]>;
  list(id: number): Promise<MessageSize>;
  list(id?: number): Promise<MessageSize[] | MessageSize> {
    const { connection } = this.session;
    return this.exclusive<MessageSize[] | MessageSize>(() =>
      id === undefined ? listAll(connection) : listOne(connection, id),
    );
  }

  /** UIDL: unique ids that stay the same across sessions (RFC 1939 section 7). */
  uidl(): Promise<MessageUid[]>;
  uidl(id: number): Promise<MessageUid>;
  uidl(id?: number): Promise<MessageUid[] | MessageUid> {
    const { connection } = this.session;
    return this.exclusive<MessageUid[] | MessageUid>(() =>
      id === undefined ? uidlAll(connection) : uidlOne(connection, id),
    );
  }

  /** TOP: the header and the first `lines` body lines, for previews (at most POP3_LIMITS.maxTopBytes). */
  top(id: number, lines: number): Promise<Buffer> {
    return this.exclusive(async () => {
      if (!Number.isSafeInteger(lines) || lines < 0) {
        throw new MailError("INVALID_INPUT", `${JSON.stringify(lines)} is not a line count`);
      }
      await this.session.connection.command(`TOP ${checkId(id)} ${lines}`);
      return this.collect(POP3_LIMITS.maxTopBytes);
    });
  }

  /**
   * RETR, streamed: the message goes to `sink` in chunks as it arrives, dot-unstuffed, CRLF
   * line ends, never held whole; a sink that returns a promise slows the reading down to its
   * pace. Resolves with the message's size.
   */
  retrieveTo(id: number, sink: (chunk: Buffer) => void | Promise<void>): Promise<number> {
    return this.exclusive(async () => {
      await this.session.connection.command(`RETR ${checkId(id)}`);
      return this.session.connection.readData(this.maxMessageBytes, sink);
    });
  }

  /** RETR into memory, for messages known to be reasonable in size. */
  retrieve(id: number): Promise<Buffer> {
    return this.exclusive(async () => {
      await this.session.connection.command(`RETR ${checkId(id)}`);
      return this.collect(this.maxMessageBytes);
    });
  }

  /** DELE: mark for deletion. Nothing is removed until quit() succeeds. */
  delete(id: number): Promise<void> {
    return this.exclusive(async () => {
      await this.session.connection.command(`DELE ${checkId(id)}`);
    });
  }

  /** RSET: unmark every message marked in this session. */
  reset(): Promise<void> {
    return this.exclusive(async () => {
      await this.session.connection.command("RSET");
    });
  }

  noop(): Promise<void> {
    return this.exclusive(async () => {
      await this.session.connection.command("NOOP");
    });
  }

  /**
   * QUIT: the server enters the UPDATE state, removes the messages marked deleted and releases
   * the mailbox lock (RFC 1939 section 6). A -ERR here means some marked messages may not have
   * been removed; it is thrown as a Pop3Error.
   */
  quit(): Promise<void> {
    return this.exclusive(async () => {
      const { connection } = this.session;
      if (connection.closed) {
        throw new MailError("CLOSED", "The POP3 session ended before QUIT; no deletions were made");
      }
      try {
        await connection.command("QUIT");
      } finally {
        await connection.end();
      }
    });
  }

  /** Close without QUIT: messages marked deleted stay (RFC 1939 section 6). */
  close(): void {
    this.session.connection.destroy();
  }

  private async collect(maxBytes: number): Promise<Buffer> {
    const chunks: Buffer[] = [];
    const size = await this.session.connection.readData(maxBytes, (chunk) => {
      chunks.push(chunk);
    });
    return Buffer.concat(chunks, size);
  }

  private exclusive<T>(action: () => Promise<T>): Promise<T> {
    const run = this.queue.then(action, action);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
