/**
 * One IMAP connection: tags, a queue that runs one command at a time (so everything that
 * depends on the selected mailbox is serialized), a read loop that is always listening (so
 * unsolicited EXISTS, EXPUNGE, FETCH, FLAGS and BYE are seen whenever they come), capabilities,
 * session state, the selected mailbox, and failure: a dead socket, a BYE, a timeout or a
 * malformed reply fails every command in flight and every queued one, never leaves one hanging.
 */
import { MailError } from "../errors.ts";
import type { MailSocket, TlsPolicy } from "../net/index.ts";
import { serializeCommand } from "./command-builder.ts";
import type { CommandSpec, ContinuationReply, ImapEvents, SessionState } from "./command-spec.ts";
import { asMailError, commandError, ImapError, protocolError } from "./errors.ts";
import { TypedEmitter } from "./events.ts";
import { type LiteralContext, type LiteralRouter, readResponse } from "./framer.ts";
import { type Greeting, interpretGreeting } from "./greeting.ts";
import type { ImapLimits, ImapTimeouts } from "./limits.ts";
import { applyCode, type SelectedMailbox } from "./mailbox-state.ts";
import type {
  ContinuationResponse,
  ImapResponse,
  ResponseCode,
  TaggedResponse,
  UntaggedResponse,
} from "./response-parser.ts";
import { parseResponse } from "./response-parser.ts";
import { applyUntagged, type SessionView, unsolicitedEvent } from "./unsolicited.ts";
import { Watchdog } from "./watchdog.ts";
import { writeChunk } from "./wire-writer.ts";

export type { CommandSpec, ContinuationReply, ImapEvents, SessionState } from "./command-spec.ts";
export { asMailError } from "./errors.ts";

interface PendingCommand {
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
  private readonly queue: PendingCommand[] = [];
  private current: PendingCommand | null = null;
  private pumping = false;
  private tagCounter = 0;
  private failure: MailError | null = null;
  private bye: { text: string; code: ResponseCode | null } | null = null;
  private readGate: { promise: Promise<void>; open: () => void } | null = null;
  private greeting: {
    resolve: (value: Greeting) => void;
    reject: (error: MailError) => void;
  } | null = null;
  private readonly watchdog: Watchdog;
  private idling = false;
  private loggingOut = false;
  private readonly router: LiteralRouter = (context: LiteralContext) =>
    this.current?.spec.literalRouter?.(context);
  private readonly hooks: { onProgress: () => void; transcript: boolean };

  constructor(
    private readonly socket: MailSocket,
    private readonly options: ConnectionOptions,
  ) {
    super();
    this.hooks = {
      onProgress: () => this.watchdog.progress(),
      transcript: options.transcript === true,
    };
    this.watchdog = new Watchdog(options.timeouts.commandMs, (limit) => {
      const name = this.current?.spec.name;
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

  /** Start reading; resolves with the greeting (RFC 3501 7.1.1 OK, 7.1.4 PREAUTH). */
  start(): Promise<Greeting> {
    const promise = new Promise<Greeting>((resolve, reject) => {
      this.greeting = { resolve, reject };
    });
    const timer = setTimeout(
      () =>
        this.fail(
          new ImapError("TIMEOUT", `No greeting within ${this.options.timeouts.greetingMs} ms`),
        ),
      this.options.timeouts.greetingMs,
    );
    this.socket.onClose((error) => this.fail(error));
    void this.readLoop();
    return promise.finally(() => clearTimeout(timer));
  }

  /** Queue a command; resolves with its tagged OK, rejects with an ImapError or the failure. */
  run(spec: CommandSpec): Promise<TaggedResponse> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.queue.length >= this.options.limits.maxQueuedCommands) {
      return Promise.reject(
        new ImapError("LIMIT_EXCEEDED", `More than ${this.queue.length} commands queued`, {
          command: spec.name,
        }),
      );
    }
    return new Promise<TaggedResponse>((resolve, reject) => {
      const tag = `${this.options.tagPrefix ?? "A"}${++this.tagCounter}`;
      this.queue.push({
        tag,
        spec,
        resolve,
        reject,
        goAhead: null,
        protocolFault: null,
        done: false,
      });
      this.current?.spec.onQueued?.();
      void this.pump();
    });
  }

  /** Send a bare line outside any command (IDLE's DONE). */
  async writeLine(line: string): Promise<void> {
    if (this.failure) throw this.failure;
    await this.socket.write(`${line}\r\n`);
  }

  /** IDLE has begun: no watchdog while the server has nothing to say. */
  setIdling(idling: boolean): void {
    this.idling = idling;
    if (idling) this.stopWatchdog();
    else if (this.current) this.startWatchdog();
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
      const gate = this.readGate;
      this.readGate = null;
      gate?.open();
    }
  }

  /** LOGOUT was sent: the BYE that follows is the expected goodbye, not a failure. */
  markLoggingOut(): void {
    this.loggingOut = true;
  }

  /** Commands waiting behind the current one. */
  get queued(): number {
    return this.queue.length;
  }

  /** End the connection now, failing anything still queued. */
  destroy(error?: MailError): void {
    this.fail(error ?? new ImapError("CLOSED", "The IMAP connection was closed"));
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length > 0 && !this.failure) {
        const command = this.queue.shift()!;
        this.current = command;
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
        this.startWatchdog();
        try {
          await this.send(command);
        } catch (error) {
          this.fail(asMailError(error));
        }
        await finished;
        this.stopWatchdog();
        if (this.current === command) this.current = null;
      }
    } finally {
      this.pumping = false;
    }
  }

  private async send(command: PendingCommand): Promise<void> {
    const chunks = serializeCommand(command.tag, command.spec.args, {
      literalPlus: this.capabilities.has("LITERAL+"),
      literalMinus: this.capabilities.has("LITERAL-"),
    });
    for (const chunk of chunks) {
      if (command.done) return;
      await writeChunk(this.socket, chunk);
      if (chunk.waitForContinuation) {
        const proceed = await new Promise<boolean>((resolve) => {
          command.goAhead = { resolve };
        });
        command.goAhead = null;
        if (!proceed) return;
      }
    }
  }

  private async readLoop(): Promise<void> {
    try {
      while (!this.failure) {
        const framed = await readResponse(
          this.socket,
          this.options.limits,
          this.router,
          this.hooks,
        );
        let response: ImapResponse;
        try {
          response = parseResponse(framed, this.options.limits.maxListDepth);
        } catch (error) {
          this.malformed(framed.lines[0]!, asMailError(error));
          continue;
        }
        this.dispatch(response);
        if (this.readGate) await this.readGate.promise;
      }
    } catch (error) {
      this.fail(asMailError(error));
    }
  }

  /**
   * An untagged response we could not parse: the stream is still in step (the framer counted
   * every byte), so the command it belonged to fails with PROTOCOL when it completes; a bad
   * tagged reply or greeting leaves us unable to tell what happened, so that ends the session.
   */
  private malformed(firstLine: Buffer, error: MailError): void {
    if (firstLine[0] === 0x2a && this.current && !this.greeting) {
      this.current.protocolFault ??= error;
      return;
    }
    this.fail(error);
  }

  private dispatch(response: ImapResponse): void {
    if (this.greeting) {
      this.handleGreeting(response);
      return;
    }
    if (response.type === "untagged") this.handleUntagged(response.data);
    else if (response.type === "continuation") this.handleContinuation(response);
    else this.handleTagged(response);
  }

  private handleGreeting(response: ImapResponse): void {
    const greeting = this.greeting!;
    this.greeting = null;
    const result = interpretGreeting(response);
    if (result instanceof MailError) {
      greeting.reject(result);
      this.fail(result);
      return;
    }
    if (result.status === "PREAUTH") this.state = "authenticated";
    if (result.code?.name === "CAPABILITY") this.setCapabilities(result.code.args.map(String));
    greeting.resolve(result);
  }

  private handleUntagged(data: UntaggedResponse): void {
    const previous = this.mailbox?.exists ?? 0;
    applyUntagged(this, data);
    if (this.current?.spec.onUntagged?.(data) === true) return;
    const event = unsolicitedEvent(data, this.mailbox?.name ?? "", previous);
    // The union pairs each name with its payload; TypeScript cannot follow it through emit().
    if (event) this.emit(event.name, event.payload as never);
  }

  /** The mailbox SELECT/EXAMINE opened, or null after CLOSE/UNSELECT or a failed SELECT. */
  markSelected(mailbox: SelectedMailbox | null): void {
    this.mailbox = mailbox;
    this.state = mailbox ? "selected" : this.state === "logout" ? "logout" : "authenticated";
  }

  private handleContinuation(response: ContinuationResponse): void {
    const current = this.current;
    if (!current) {
      this.fail(protocolError('The server sent "+" with no command waiting for it'));
      return;
    }
    if (current.goAhead) {
      current.goAhead.resolve(true);
      return;
    }
    const handler = current.spec.onContinuation;
    if (!handler) {
      this.fail(protocolError(`Unexpected "+" during ${current.spec.name}`, current.spec.name));
      return;
    }
    const reply: ContinuationReply = {
      send: (line, transcriptAs) => this.socket.write(`${line}\r\n`, { transcriptAs }),
    };
    Promise.resolve(handler(response, reply)).catch((error: unknown) =>
      this.fail(asMailError(error)),
    );
  }

  private handleTagged(response: TaggedResponse): void {
    const current = this.current;
    if (!current || current.tag !== response.tag) {
      this.fail(protocolError(`The server answered tag ${response.tag}, which is not in flight`));
      return;
    }
    current.done = true;
    current.goAhead?.resolve(false);
    if (response.code?.name === "CAPABILITY") this.setCapabilities(response.code.args.map(String));
    if (response.status === "OK" && this.mailbox) applyCode(this.mailbox, response.code);
    try {
      current.spec.onTagged?.(response);
    } catch (error) {
      current.protocolFault ??= asMailError(error);
    }
    if (current.spec.pauseReadingAfter && response.status === "OK") {
      let open = () => {};
      const promise = new Promise<void>((resolve) => {
        open = resolve;
      });
      this.readGate = { promise, open };
    }
    if (response.status === "OK" && !current.protocolFault) {
      current.resolve(response);
      return;
    }
    current.reject(current.protocolFault ?? commandError(current.spec, response));
  }

  private startWatchdog(): void {
    if (this.idling || this.failure) this.watchdog.stop();
    else this.watchdog.start();
  }

  private stopWatchdog(): void {
    this.watchdog.stop();
  }

  private fail(error: MailError): void {
    if (this.failure) return;
    let reason = error;
    if (this.bye && error.code === "CLOSED" && !this.loggingOut) {
      reason = new ImapError("IMAP_BYE", `The server ended the session: ${this.bye.text}`, {
        status: "BYE",
        responseCode: this.bye.code?.name,
        responseCodeArgs: this.bye.code?.args,
        serverText: this.bye.text,
      });
    }
    this.failure = reason;
    this.stopWatchdog();
    this.socket.destroy();
    this.readGate?.open();
    this.greeting?.reject(reason);
    this.greeting = null;
    const pending = this.current ? [this.current, ...this.queue] : [...this.queue];
    this.queue.length = 0;
    for (const command of pending) {
      if (command.done && command !== this.current) continue;
      command.done = true;
      command.goAhead?.resolve(false);
      command.reject(reason);
    }
    if (this.state !== "logout") this.state = "logout";
    this.emit("close", { error: reason });
  }
}
