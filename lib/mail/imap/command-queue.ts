/**
 * Commands one at a time: each gets its tag, waits its turn, is written, and settles on its
 * tagged reply or on the connection's failure. One in flight (RFC 3501 5.5 allows more) keeps
 * everything that depends on the selected mailbox serialized, and tells which command an
 * untagged response, a "+" or a streamed literal belongs to.
 *
 * A synchronizing literal (RFC 3501 4.3, 7.5) is written only after the server's "+", unless
 * LITERAL+ (or LITERAL- for a small one, RFC 7888) let the command builder send it at once.
 */
import type { MailError } from "../errors.ts";
import type { MailSocket } from "../net/index.ts";
import { serializeCommand } from "./command-builder.ts";
import type { CommandSpec } from "./command-spec.ts";
import { asMailError, ImapError } from "./errors.ts";
import type { TaggedResponse } from "./response-parser.ts";
import { writeChunk } from "./wire-writer.ts";

export interface PendingCommand {
  tag: string;
  spec: CommandSpec;
  resolve: (response: TaggedResponse) => void;
  reject: (error: MailError) => void;
  /** Waiting for "+" before sending the next chunk of a synchronizing literal. */
  goAhead: { resolve: (proceed: boolean) => void } | null;
  /** Set when an untagged response during this command could not be parsed. */
  protocolFault: MailError | null;
  done: boolean;
}

/** What the queue needs of its connection. */
export interface QueueHost {
  readonly socket: MailSocket;
  readonly tagPrefix: string;
  readonly maxQueued: number;
  /** Why the connection ended, or null while it is up. */
  failure(): MailError | null;
  has(capability: string): boolean;
  /** A command went on the wire / settled: the span the watchdog guards. */
  commandStarted(): void;
  commandSettled(): void;
  fail(error: MailError): void;
}

export class CommandQueue {
  private readonly waiting: PendingCommand[] = [];
  private active: PendingCommand | null = null;
  private pumping = false;
  private tagCounter = 0;

  constructor(private readonly host: QueueHost) {}

  /** The command in flight: the one every response is for. */
  get current(): PendingCommand | null {
    return this.active;
  }

  /** Commands waiting behind the current one. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Queue a command; resolves with its tagged OK, rejects with an ImapError or the failure. */
  run(spec: CommandSpec): Promise<TaggedResponse> {
    const failure = this.host.failure();
    if (failure) return Promise.reject(failure);
    if (this.waiting.length >= this.host.maxQueued) {
      return Promise.reject(
        new ImapError("LIMIT_EXCEEDED", `More than ${this.waiting.length} commands queued`, {
          command: spec.name,
        }),
      );
    }
    return new Promise<TaggedResponse>((resolve, reject) => {
      const tag = `${this.host.tagPrefix}${++this.tagCounter}`;
      this.waiting.push({
        tag,
        spec,
        resolve,
        reject,
        goAhead: null,
        protocolFault: null,
        done: false,
      });
      this.active?.spec.onQueued?.();
      void this.pump();
    });
  }

  /** The connection failed: every command in flight or waiting fails with `reason`. */
  failAll(reason: MailError): void {
    const pending = this.active ? [this.active, ...this.waiting] : [...this.waiting];
    this.waiting.length = 0;
    for (const command of pending) {
      if (command.done && command !== this.active) continue;
      command.done = true;
      command.goAhead?.resolve(false);
      command.reject(reason);
    }
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.waiting.length > 0 && !this.host.failure()) {
        const command = this.waiting.shift()!;
        this.active = command;
        const finished = new Promise<void>((resolve) => {
          const { resolve: ok, reject: ko } = command;
          command.resolve = (value) => {
            resolve();
            ok(value);
          };
          command.reject = (error) => {
            resolve();
            ko(error);
          };
        });
        this.host.commandStarted();
        try {
          await this.send(command);
        } catch (error) {
          this.host.fail(asMailError(error));
        }
        await finished;
        this.host.commandSettled();
        if (this.active === command) this.active = null;
      }
    } finally {
      this.pumping = false;
    }
  }

  private async send(command: PendingCommand): Promise<void> {
    const chunks = serializeCommand(command.tag, command.spec.args, {
      literalPlus: this.host.has("LITERAL+"),
      literalMinus: this.host.has("LITERAL-"),
    });
    for (const chunk of chunks) {
      if (command.done) return;
      await writeChunk(this.host.socket, chunk);
      if (chunk.waitForContinuation) {
        const proceed = await new Promise<boolean>((resolve) => {
          command.goAhead = { resolve };
        });
        command.goAhead = null;
        if (!proceed) return;
      }
    }
  }
}
