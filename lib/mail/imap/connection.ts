/**
 * One IMAP connection: tags, a queue that runs one command at a time (so everything that
 * depends on the selected mailbox is serialized), a read loop that is always listening (so
 * unsolicited EXISTS, EXPUNGE, FETCH, FLAGS and BYE are seen whenever they come), capabilities,
 * session state, the selected mailbox, and failure: a dead socket, a BYE, a timeout or a
 * malformed reply fails every command in flight and every queued one, never leaves one hanging.
 */
import type { MailErrorCode } from "../errors.ts";
import { MailError } from "../errors.ts";
import type { MailSocket, TlsPolicy } from "../net/index.ts";
import { type CommandArg, serializeCommand, type WireChunk } from "./command-builder.ts";
import { ImapError, protocolError } from "./errors.ts";
import { TypedEmitter } from "./events.ts";
import { type LiteralContext, type LiteralRouter, readResponse } from "./framer.ts";
import type { ImapLimits, ImapTimeouts } from "./limits.ts";
import { applyCode, countUidSet, type SelectedMailbox } from "./mailbox-state.ts";
import {
  type ContinuationResponse,
  type ImapResponse,
  parseResponse,
  type ResponseCode,
  stringOf,
  type TaggedResponse,
  type UntaggedResponse,
} from "./response-parser.ts";

export type SessionState = "not-authenticated" | "authenticated" | "selected" | "logout";

export interface ContinuationReply {
  /** Send one line (CRLF added); `transcriptAs` replaces it in the transcript (credentials). */
  send(line: string, transcriptAs?: string): Promise<void>;
}

export interface CommandSpec {
  /** The command's name for errors and logs ("UID FETCH"); never its arguments. */
  name: string;
  /** Everything after the tag. */
  args: CommandArg[];
  /** Untagged data while this command runs; return true when it was this command's data. */
  onUntagged?: (data: UntaggedResponse) => boolean | undefined;
  /** "+" responses other than literal go-aheads (SASL challenges, IDLE's "+ idling"). */
  onContinuation?: (
    response: ContinuationResponse,
    reply: ContinuationReply,
  ) => void | Promise<void>;
  /** Runs synchronously on the tagged reply, before anything else is read. */
  onTagged?: (response: TaggedResponse) => void;
  /** Which literals of this command's responses go to a sink instead of memory. */
  literalRouter?: LiteralRouter;
  /** STARTTLS: read nothing after the tagged OK until resumeReading() (the TLS handshake). */
  pauseReadingAfter?: boolean;
  /** The error code for a NO (AUTH_FAILED for LOGIN/AUTHENTICATE); default IMAP_NO. */
  noCode?: MailErrorCode;
  /** Called when another command is queued behind this one (IDLE ends itself). */
  onQueued?: () => void;
}

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

export interface ImapEvents {
  exists: { mailbox: string; count: number; previous: number };
  expunge: { mailbox: string; seq: number };
  vanished: { mailbox: string; uids: string; earlier: boolean };
  /** Flags (and MODSEQ) of a message changed, reported outside a FETCH/STORE of ours. */
  flags: {
    mailbox: string;
    seq: number;
    uid?: number;
    flags?: string[];
    modseq?: bigint;
    items: unknown[];
  };
  mailboxFlags: { mailbox: string; flags: string[] };
  /** `[ALERT]`: RFC 3501 7.1 says the text MUST be shown to the person. */
  alert: { text: string };
  close: { error: MailError };
}

export interface ConnectionOptions {
  limits: ImapLimits;
  timeouts: ImapTimeouts;
  tagPrefix?: string;
  /** A transcript is being kept (streamed literals are then logged as one line). */
  transcript?: boolean;
}

export class ImapConnection extends TypedEmitter<ImapEvents> {
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
    resolve: (value: { status: string; code: ResponseCode | null; text: string }) => void;
    reject: (error: MailError) => void;
  } | null = null;
  private watchdog: NodeJS.Timeout | undefined;
  private lastProgress = 0;
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
    this.hooks = { onProgress: () => this.progress(), transcript: options.transcript === true };
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

  /** Start reading; resolves with the greeting (RFC 3501 7.1.1 OK, 7.1.4 PREAUTH). */
  start(): Promise<{ status: string; code: ResponseCode | null; text: string }> {
    const promise = new Promise<{ status: string; code: ResponseCode | null; text: string }>(
      (resolve, reject) => {
        this.greeting = { resolve, reject };
      },
    );
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
      await this.writeChunk(chunk);
      if (chunk.waitForContinuation) {
        const proceed = await new Promise<boolean>((resolve) => {
          command.goAhead = { resolve };
        });
        command.goAhead = null;
        if (!proceed) return;
      }
    }
  }

  private async writeChunk(chunk: WireChunk): Promise<void> {
    let size = 0;
    for (const piece of chunk.pieces) size += piece.data.length;
    // One write for ordinary commands; a 25 MB APPEND goes piece by piece with backpressure.
    if (size <= 256 * 1024) {
      const only = chunk.pieces.length === 1 ? chunk.pieces[0]!.data : null;
      const data =
        only ??
        Buffer.concat(
          chunk.pieces.map((p) => (typeof p.data === "string" ? Buffer.from(p.data) : p.data)),
        );
      const transcriptAs = chunk.pieces.map((p) => p.transcript).join("");
      await this.socket.write(data, { transcriptAs: transcriptAs.replace(/\r\n$/, "") });
      return;
    }
    for (const piece of chunk.pieces) {
      await this.socket.write(piece.data, { transcriptAs: piece.transcript.replace(/\r\n$/, "") });
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
    const refuse = (error: MailError) => {
      greeting.reject(error);
      this.fail(error);
    };
    if (response.type !== "untagged" || response.data.type !== "status") {
      refuse(protocolError("The server's greeting is not an untagged status response"));
      return;
    }
    const { status, code, text } = response.data;
    if (status === "BYE") {
      refuse(
        new ImapError("IMAP_BYE", `The server refused the connection: ${text}`, {
          status,
          responseCode: code?.name,
          responseCodeArgs: code?.args,
          serverText: text,
        }),
      );
      return;
    }
    if (status !== "OK" && status !== "PREAUTH") {
      refuse(protocolError(`Unexpected greeting ${status}`));
      return;
    }
    if (status === "PREAUTH") this.state = "authenticated";
    if (code?.name === "CAPABILITY") this.setCapabilities(code.args.map(String));
    greeting.resolve({ status, code, text });
  }

  private handleUntagged(data: UntaggedResponse): void {
    const previous = this.mailbox?.exists ?? 0;
    this.applyState(data);
    const consumed = this.current?.spec.onUntagged?.(data) === true;
    if (!consumed) this.emitUnsolicited(data, previous);
  }

  /** State every response updates, whoever asked for it. */
  private applyState(data: UntaggedResponse): void {
    const mailbox = this.mailbox;
    switch (data.type) {
      case "capability":
        this.setCapabilities(data.capabilities);
        return;
      case "enabled":
        for (const c of data.capabilities) this.enabled.add(c.toUpperCase());
        return;
      case "status":
        if (data.code?.name === "CAPABILITY") this.setCapabilities(data.code.args.map(String));
        if (data.status === "BYE") this.bye = { text: data.text, code: data.code };
        if (mailbox && data.status === "OK") applyCode(mailbox, data.code);
        return;
      case "exists":
        if (mailbox) mailbox.exists = data.count;
        return;
      case "recent":
        if (mailbox) mailbox.recent = data.count;
        return;
      case "expunge":
        if (mailbox && mailbox.exists > 0) mailbox.exists--;
        return;
      case "vanished":
        if (mailbox && !data.earlier) {
          mailbox.exists = Math.max(0, mailbox.exists - countUidSet(data.uids));
        }
        return;
      case "flags":
        if (mailbox) mailbox.flags = data.flags;
        return;
      default:
        return;
    }
  }

  private emitUnsolicited(data: UntaggedResponse, previous: number): void {
    const name = this.mailbox?.name ?? "";
    switch (data.type) {
      case "exists":
        this.emit("exists", { mailbox: name, count: data.count, previous });
        return;
      case "expunge":
        this.emit("expunge", { mailbox: name, seq: data.seq });
        return;
      case "vanished":
        this.emit("vanished", { mailbox: name, uids: data.uids, earlier: data.earlier });
        return;
      case "flags":
        this.emit("mailboxFlags", { mailbox: name, flags: data.flags });
        return;
      case "fetch":
        this.emit("flags", { mailbox: name, ...fetchFlags(data.seq, data.items) });
        return;
      case "status":
        if (data.code?.name === "ALERT") this.emit("alert", { text: data.text });
        return;
      default:
        return;
    }
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

  private progress(): void {
    this.lastProgress = Date.now();
  }

  /**
   * A command waits at most `commandMs` of silence. One timer per command, re-armed lazily
   * from the time of the last byte rather than on every line (a 10,000-message FETCH would
   * otherwise churn 10,000 timers).
   */
  private startWatchdog(): void {
    this.stopWatchdog();
    if (this.idling || this.failure) return;
    const limit = this.options.timeouts.commandMs;
    this.lastProgress = Date.now();
    const check = () => {
      const quiet = Date.now() - this.lastProgress;
      if (quiet >= limit) {
        const name = this.current?.spec.name ?? "the command";
        this.fail(
          new ImapError("TIMEOUT", `The server did not answer ${name} within ${limit} ms`, {
            command: this.current?.spec.name,
          }),
        );
        return;
      }
      this.watchdog = setTimeout(check, limit - quiet);
    };
    this.watchdog = setTimeout(check, limit);
  }

  private stopWatchdog(): void {
    clearTimeout(this.watchdog);
    this.watchdog = undefined;
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

function commandError(spec: CommandSpec, response: TaggedResponse): ImapError {
  const code = response.code;
  const status = response.status;
  const errorCode: MailErrorCode =
    status === "BAD"
      ? "IMAP_BAD"
      : code?.name === "AUTHENTICATIONFAILED"
        ? "AUTH_FAILED"
        : (spec.noCode ?? "IMAP_NO");
  const codeText = code ? ` [${code.name}]` : "";
  return new ImapError(errorCode, `${spec.name} failed: ${status}${codeText} ${response.text}`, {
    status,
    responseCode: code?.name,
    responseCodeArgs: code?.args,
    serverText: response.text,
    command: spec.name,
  });
}

function fetchFlags(seq: number, items: unknown[]) {
  const out: { seq: number; uid?: number; flags?: string[]; modseq?: bigint; items: unknown[] } = {
    seq,
    items,
  };
  for (let i = 0; i + 1 < items.length; i += 2) {
    const key = typeof items[i] === "string" ? (items[i] as string).toUpperCase() : "";
    const value = items[i + 1];
    if (key === "UID") out.uid = Number(value);
    else if (key === "FLAGS" && Array.isArray(value)) {
      out.flags = value.map((v) => stringOf(v)).filter((v): v is string => v !== null);
    } else if (key === "MODSEQ" && Array.isArray(value) && typeof value[0] === "string") {
      out.modseq = BigInt(value[0]);
    }
  }
  return out;
}

export function asMailError(error: unknown): MailError {
  if (error instanceof MailError) return error;
  return new ImapError(
    "PROTOCOL",
    error instanceof Error ? error.message : String(error),
    {},
    {
      cause: error,
    },
  );
}
