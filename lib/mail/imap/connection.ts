/**
 * One IMAP connection: the session it carries (capabilities, state, the selected mailbox) and
 * its life, from greeting to failure. A dead socket, a BYE, a timeout or a malformed reply
 * fails every command in flight and every queued one, never leaves one hanging. Commands run
 * one at a time through the command queue (command-queue.ts); the response dispatcher
 * (response-dispatch.ts) is always reading and routes each response.
 */
import type { MailError } from "../errors.ts";
import type { MailSocket, TlsPolicy } from "../net/index.ts";
import { CommandQueue } from "./command-queue.ts";
import type { CommandSpec, ImapEvents, SessionState } from "./command-spec.ts";
import { asMailError, byeError, ImapError } from "./errors.ts";
import { TypedEmitter } from "./events.ts";
import type { Greeting } from "./greeting.ts";
import type { ImapLimits, ImapTimeouts } from "./limits.ts";
import type { SelectedMailbox } from "./mailbox-state.ts";
import { ResponseDispatcher } from "./response-dispatch.ts";
import type { ResponseCode, TaggedResponse } from "./response-parser.ts";
import type { SessionView } from "./unsolicited.ts";
import { Watchdog } from "./watchdog.ts";

export type { CommandSpec, ContinuationReply, ImapEvents, SessionState } from "./command-spec.ts";
export { asMailError } from "./errors.ts";

export interface ConnectionOptions {
  limits: ImapLimits;
  timeouts: ImapTimeouts;
  tagPrefix?: string;
  /** A transcript is being kept (streamed literals are then logged as one line). */
  transcript?: boolean;
}

export class ImapConnection extends TypedEmitter<ImapEvents> implements SessionView {
  capabilities = new Set<string>();
  readonly enabled = new Set<string>();
  state: SessionState = "not-authenticated";
  mailbox: SelectedMailbox | null = null;
  private failure: MailError | null = null;
  private bye: { text: string; code: ResponseCode | null } | null = null;
  private idling = false;
  private loggingOut = false;
  private readonly watchdog: Watchdog;
  private readonly commands: CommandQueue;
  private readonly responses: ResponseDispatcher;

  constructor(
    private readonly socket: MailSocket,
    private readonly options: ConnectionOptions,
  ) {
    super();
    this.watchdog = new Watchdog(options.timeouts.commandMs, (limit) => {
      const name = this.commands.current?.spec.name;
      this.fail(
        new ImapError(
          "TIMEOUT",
          `The server did not answer ${name ?? "a command"} within ${limit} ms`,
          {
            command: name,
          },
        ),
      );
    });
    const fail = (error: MailError) => this.fail(error);
    this.commands = new CommandQueue({
      socket,
      tagPrefix: options.tagPrefix ?? "A",
      maxQueued: options.limits.maxQueuedCommands,
      failure: () => this.failure,
      has: (capability) => this.has(capability),
      commandStarted: () => this.startWatchdog(),
      commandSettled: () => this.watchdog.stop(),
      fail,
    });
    this.responses = new ResponseDispatcher({
      socket,
      limits: options.limits,
      transcript: options.transcript === true,
      session: this,
      commands: this.commands,
      progress: () => this.watchdog.progress(),
      // The union pairs each name with its payload; TypeScript cannot follow it through emit().
      event: (event) => this.emit(event.name, event.payload as never),
      fail,
    });
  }

  get limits(): ImapLimits {
    return this.options.limits;
  }

  get secure(): boolean {
    return this.socket.secure;
  }

  /** Whether this connection can take more commands (for pooling). */
  get usable(): boolean {
    return this.failure === null && !this.socket.closed && this.state !== "logout";
  }

  /** Why the connection ended, once it has. */
  get closeReason(): MailError | null {
    return this.failure;
  }

  /** UTF8=ACCEPT is on (RFC 6855): mailbox names travel as UTF-8, not modified UTF-7. */
  get utf8(): boolean {
    return this.enabled.has("UTF8=ACCEPT") || this.enabled.has("UTF8=ONLY");
  }

  has(capability: string): boolean {
    return this.capabilities.has(capability.toUpperCase());
  }

  setCapabilities(list: Iterable<string>): void {
    this.capabilities = new Set([...list].map((c) => c.toUpperCase()));
  }

  /** The server said BYE: a close that follows is reported as IMAP_BYE with its words. */
  noteBye(bye: { text: string; code: ResponseCode | null }): void {
    this.bye = bye;
  }

  /** The mailbox SELECT/EXAMINE opened, or null after CLOSE/UNSELECT or a failed SELECT. */
  markSelected(mailbox: SelectedMailbox | null): void {
    this.mailbox = mailbox;
    this.state = mailbox ? "selected" : this.state === "logout" ? "logout" : "authenticated";
  }

  /** Start reading; resolves with the greeting (RFC 3501 7.1.1 OK, 7.1.4 PREAUTH). */
  start(): Promise<Greeting> {
    const promise = this.responses.expectGreeting();
    const timer = setTimeout(
      () =>
        this.fail(
          new ImapError("TIMEOUT", `No greeting within ${this.options.timeouts.greetingMs} ms`),
        ),
      this.options.timeouts.greetingMs,
    );
    this.socket.onClose((error) => this.fail(error));
    this.responses.start();
    return promise.finally(() => clearTimeout(timer));
  }

  /** Queue a command; resolves with its tagged OK, rejects with an ImapError or the failure. */
  run(spec: CommandSpec): Promise<TaggedResponse> {
    return this.commands.run(spec);
  }

  /** Send a bare line outside any command (IDLE's DONE). */
  async writeLine(line: string): Promise<void> {
    if (this.failure) throw this.failure;
    await this.socket.write(`${line}\r\n`);
  }

  /** IDLE has begun: no watchdog while the server has nothing to say. */
  setIdling(idling: boolean): void {
    this.idling = idling;
    if (idling) this.watchdog.stop();
    else if (this.commands.current) this.startWatchdog();
  }

  /** STARTTLS: upgrade the socket, then let the read loop continue on the TLS stream. */
  async upgradeToTls(policy: TlsPolicy | undefined, timeoutMs: number): Promise<void> {
    try {
      await this.socket.upgradeToTls(policy, timeoutMs);
    } catch (error) {
      const failure = asMailError(error);
      this.fail(failure);
      throw failure;
    } finally {
      this.responses.resume();
    }
  }

  /** LOGOUT was sent: the BYE that follows is the expected goodbye, not a failure. */
  markLoggingOut(): void {
    this.loggingOut = true;
  }

  /** Commands waiting behind the current one. */
  get queued(): number {
    return this.commands.queued;
  }

  /** End the connection now, failing anything still queued. */
  destroy(error?: MailError): void {
    this.fail(error ?? new ImapError("CLOSED", "The IMAP connection was closed"));
  }

  private startWatchdog(): void {
    if (this.idling || this.failure) this.watchdog.stop();
    else this.watchdog.start();
  }

  private fail(error: MailError): void {
    if (this.failure) return;
    const reason =
      this.bye && error.code === "CLOSED" && !this.loggingOut
        ? byeError("The server ended the session", this.bye)
        : error;
    this.failure = reason;
    this.watchdog.stop();
    this.socket.destroy();
    this.responses.stop(reason);
    this.commands.failAll(reason);
    if (this.state !== "logout") this.state = "logout";
    this.emit("close", { error: reason });
  }
}
