/**
 * The read side of a connection: a loop that is always reading, so unsolicited EXISTS, EXPUNGE,
 * FETCH, FLAGS and BYE are seen whenever they come, and where each response goes: the greeting
 * to whoever awaits it; untagged data to the session, then to the command in flight or out as
 * an event; "+" to the literal waiting for it or the command's handler; the tagged reply to
 * complete the command in flight. Literals of the command's responses stream to its sinks.
 */
import { MailError } from "../errors.ts";
import type { MailSocket } from "../net/index.ts";
import type { PendingCommand } from "./command-queue.ts";
import type { ContinuationReply, SessionState } from "./command-spec.ts";
import { asMailError, commandError, protocolError } from "./errors.ts";
import { type LiteralContext, type LiteralRouter, readResponse } from "./framer.ts";
import { type Greeting, interpretGreeting } from "./greeting.ts";
import type { ImapLimits } from "./limits.ts";
import { applyCode } from "./mailbox-state.ts";
import {
  type ContinuationResponse,
  type ImapResponse,
  parseResponse,
  type TaggedResponse,
  type UntaggedResponse,
} from "./response-parser.ts";
import {
  applyUntagged,
  type SessionView,
  type UnsolicitedEvent,
  unsolicitedEvent,
} from "./unsolicited.ts";

/** What the responses change and whom they reach. */
export interface DispatchHost {
  readonly socket: MailSocket;
  readonly limits: ImapLimits;
  /** A transcript is being kept (streamed literals are then logged as one line). */
  readonly transcript: boolean;
  readonly session: SessionView & { state: SessionState };
  readonly commands: { readonly current: PendingCommand | null };
  /** Bytes arrived: the server is alive. */
  progress(): void;
  /** Untagged data that no command claimed. */
  event(event: UnsolicitedEvent): void;
  fail(error: MailError): void;
}

export class ResponseDispatcher {
  private greeting: {
    resolve: (value: Greeting) => void;
    reject: (error: MailError) => void;
  } | null = null;
  private readGate: { promise: Promise<void>; open: () => void } | null = null;
  private stopped = false;
  private readonly router: LiteralRouter;
  private readonly hooks: { onProgress: () => void; transcript: boolean };

  constructor(private readonly host: DispatchHost) {
    this.router = (context: LiteralContext) => host.commands.current?.spec.literalRouter?.(context);
    this.hooks = { onProgress: () => host.progress(), transcript: host.transcript };
  }

  /** The first response is the greeting (RFC 3501 7.1.1 OK, 7.1.4 PREAUTH). */
  expectGreeting(): Promise<Greeting> {
    return new Promise<Greeting>((resolve, reject) => {
      this.greeting = { resolve, reject };
    });
  }

  start(): void {
    void this.readLoop();
  }

  /** After STARTTLS: read on (now from the TLS stream). */
  resume(): void {
    const gate = this.readGate;
    this.readGate = null;
    gate?.open();
  }

  /** The connection failed: read no more, and fail the greeting if it was awaited. */
  stop(reason: MailError): void {
    this.stopped = true;
    this.readGate?.open();
    this.greeting?.reject(reason);
    this.greeting = null;
  }

  private async readLoop(): Promise<void> {
    const { socket, limits } = this.host;
    try {
      while (!this.stopped) {
        const framed = await readResponse(socket, limits, this.router, this.hooks);
        let response: ImapResponse;
        try {
          response = parseResponse(framed, limits.maxListDepth);
        } catch (error) {
          this.malformed(framed.lines[0]!, asMailError(error));
          continue;
        }
        this.dispatch(response);
        if (this.readGate) await this.readGate.promise;
      }
    } catch (error) {
      this.host.fail(asMailError(error));
    }
  }

  /**
   * An untagged response we could not parse: the stream is still in step (the framer counted
   * every byte), so the command it belonged to fails with PROTOCOL when it completes; a bad
   * tagged reply or greeting leaves us unable to tell what happened, so that ends the session.
   */
  private malformed(firstLine: Buffer, error: MailError): void {
    const current = this.host.commands.current;
    if (firstLine[0] === 0x2a && current && !this.greeting) {
      current.protocolFault ??= error;
      return;
    }
    this.host.fail(error);
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
      this.host.fail(result);
      return;
    }
    const { session } = this.host;
    if (result.status === "PREAUTH") session.state = "authenticated";
    if (result.code?.name === "CAPABILITY") session.setCapabilities(result.code.args.map(String));
    greeting.resolve(result);
  }

  private handleUntagged(data: UntaggedResponse): void {
    const { session } = this.host;
    const previous = session.mailbox?.exists ?? 0;
    applyUntagged(session, data);
    if (this.host.commands.current?.spec.onUntagged?.(data) === true) return;
    const event = unsolicitedEvent(data, session.mailbox?.name ?? "", previous);
    if (event) this.host.event(event);
  }

  private handleContinuation(response: ContinuationResponse): void {
    const current = this.host.commands.current;
    if (!current) {
      this.host.fail(protocolError('The server sent "+" with no command waiting for it'));
      return;
    }
    if (current.goAhead) {
      current.goAhead.resolve(true);
      return;
    }
    const handler = current.spec.onContinuation;
    if (!handler) {
      this.host.fail(
        protocolError(`Unexpected "+" during ${current.spec.name}`, current.spec.name),
      );
      return;
    }
    const reply: ContinuationReply = {
      send: (line, transcriptAs) => this.host.socket.write(`${line}\r\n`, { transcriptAs }),
    };
    Promise.resolve(handler(response, reply)).catch((error: unknown) =>
      this.host.fail(asMailError(error)),
    );
  }

  private handleTagged(response: TaggedResponse): void {
    const current = this.host.commands.current;
    if (!current || current.tag !== response.tag) {
      this.host.fail(
        protocolError(`The server answered tag ${response.tag}, which is not in flight`),
      );
      return;
    }
    current.done = true;
    current.goAhead?.resolve(false);
    const { session } = this.host;
    if (response.code?.name === "CAPABILITY")
      session.setCapabilities(response.code.args.map(String));
    if (response.status === "OK" && session.mailbox) applyCode(session.mailbox, response.code);
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
}
