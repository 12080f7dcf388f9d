/**
 * The POP3 client the app uses. Commands are sent in call order and answered in that order;
 * calls made while others run wait their turn. When the server offers PIPELINING (RFC 2449
 * section 6.6) a few commands go out ahead of their answers (tops() relies on this); without
 * it, each waits for the answer before it.
 *
 * Deletion follows RFC 1939's UPDATE state: `delete(id)` only marks a message; the server
 * removes marked messages when `quit()` succeeds. `reset()` unmarks them all, and a session
 * that ends any other way (`close()`, a dropped connection) removes nothing.
 */
import { MailError } from "../errors.ts";
import type { Pop3Capabilities } from "./capabilities.ts";
import { CommandPipeline, ONE_AT_A_TIME } from "./command-pipeline.ts";
import type { Pop3Connection } from "./connection.ts";
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
import { type TopResult, topsInOrder } from "./tops-in-order.ts";

export class Pop3Client {
  private readonly session: Pop3Session;
  private readonly maxMessageBytes: number;
  private readonly commands: CommandPipeline;

  private constructor(session: Pop3Session, options: Pop3ClientOptions) {
    this.session = session;
    this.maxMessageBytes = options.maxMessageBytes ?? POP3_LIMITS.maxMessageBytes;
    const pipelining = session.capabilities.pipelining && options.pipelining !== false;
    this.commands = new CommandPipeline(
      session.connection,
      pipelining
        ? { commands: POP3_LIMITS.pipelineCommands, bytes: POP3_LIMITS.pipelineCommandBytes }
        : ONE_AT_A_TIME,
    );
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

  /** Commands are sent ahead of their answers (the server offers PIPELINING, not switched off). */
  get pipelining(): boolean {
    return this.commands.window.commands > 1;
  }

  /** STAT: how many messages, how many octets (messages marked deleted not counted). */
  stat(): Promise<MailboxStat> {
    return stat(this.commands);
  }

  /** LIST: every message's number and size, or one message's. */
  list(): Promise<MessageSize[]>;
  list(id: number): Promise<MessageSize>;
  list(id?: number): Promise<MessageSize[] | MessageSize> {
    return id === undefined ? listAll(this.commands) : listOne(this.commands, id);
  }

  /** UIDL: unique ids that stay the same across sessions (RFC 1939 section 7). */
  uidl(): Promise<MessageUid[]>;
  uidl(id: number): Promise<MessageUid>;
  uidl(id?: number): Promise<MessageUid[] | MessageUid> {
    return id === undefined ? uidlAll(this.commands) : uidlOne(this.commands, id);
  }

  /** TOP: the header and the first `lines` body lines, for previews (at most POP3_LIMITS.maxTopBytes). */
  async top(id: number, lines: number): Promise<Buffer> {
    const line = `TOP ${checkId(id)} ${checkLineCount(lines)}`;
    return this.run(line, () => this.collect(POP3_LIMITS.maxTopBytes));
  }

  /**
   * TOP for each of `ids`, results in that order, for listing new mail. With PIPELINING up to
   * POP3_LIMITS.pipelineCommands TOPs are in flight at once; without it this is top() awaited
   * in a loop. A -ERR, or the connection ending, is a result (`ok: false`) of the messages it
   * concerns; the others come as usual. Commands of other callers wait behind the TOPs in
   * flight only, not behind the whole list.
   */
  tops(ids: readonly number[], lines: number): AsyncGenerator<TopResult, void, undefined> {
    checkLineCount(lines);
    for (const id of ids) checkId(id);
    return topsInOrder(ids, this.commands.window.commands, (id) => this.top(id, lines));
  }

  /**
   * RETR, streamed: the message goes to `sink` in chunks as it arrives, dot-unstuffed, CRLF
   * line ends, never held whole; a sink that returns a promise slows the reading down to its
   * pace. Resolves with the message's size.
   */
  async retrieveTo(id: number, sink: (chunk: Buffer) => void | Promise<void>): Promise<number> {
    return this.run(`RETR ${checkId(id)}`, (connection) =>
      connection.readData(this.maxMessageBytes, sink),
    );
  }

  /** RETR into memory, for messages known to be reasonable in size. */
  async retrieve(id: number): Promise<Buffer> {
    return this.run(`RETR ${checkId(id)}`, () => this.collect(this.maxMessageBytes));
  }

  /** DELE: mark for deletion. Nothing is removed until quit() succeeds. */
  async delete(id: number): Promise<void> {
    await this.run(`DELE ${checkId(id)}`);
  }

  /** RSET: unmark every message marked in this session. */
  async reset(): Promise<void> {
    await this.run("RSET");
  }

  async noop(): Promise<void> {
    await this.run("NOOP");
  }

  /**
   * QUIT: the server enters the UPDATE state, removes the messages marked deleted and releases
   * the mailbox lock (RFC 1939 section 6). A -ERR here means some marked messages may not have
   * been removed; it is thrown as a Pop3Error. Sent alone, after every answer owed: the server
   * closes the connection after its answer, and an answer still in flight would be lost.
   */
  quit(): Promise<void> {
    return this.commands.run({
      line: "QUIT",
      alone: true,
      notSent: (cause) =>
        new MailError("CLOSED", "The POP3 session ended before QUIT; no deletions were made", {
          cause,
        }),
      read: async (connection) => {
        try {
          await connection.expectOk("command", "QUIT");
        } finally {
          await connection.end();
        }
      },
    });
  }

  /** Close without QUIT: messages marked deleted stay (RFC 1939 section 6). */
  close(): void {
    this.session.connection.destroy();
  }

  /** A command answered by +OK, then whatever `more` reads. */
  private run<T = void>(
    line: string,
    more?: (connection: Pop3Connection) => Promise<T>,
  ): Promise<T> {
    return this.commands.run({
      line,
      read: async (connection) => {
        await connection.expectOk("command", line);
        return more ? more(connection) : (undefined as T);
      },
    });
  }

  private async collect(maxBytes: number): Promise<Buffer> {
    const chunks: Buffer[] = [];
    const size = await this.session.connection.readData(maxBytes, (chunk) => {
      chunks.push(chunk);
    });
    return Buffer.concat(chunks, size);
  }
}

function checkLineCount(lines: number): number {
  if (!Number.isSafeInteger(lines) || lines < 0) {
    throw new MailError("INVALID_INPUT", `${JSON.stringify(lines)} is not a line count`);
  }
  return lines;
}
