/**
 * The IMAP client façade: `ImapClient.connect(options)` opens a session (implicit TLS or
 * STARTTLS, capabilities, authentication, ENABLE) and every command family is one method
 * away. The methods are thin: the protocol lives in commands/, the state in connection.ts.
 */
import {
  type AddressCheck,
  MailSocket,
  type TlsPolicy,
  type TranscriptSink,
} from "../net/index.ts";
import { plainMechanism, type SaslMechanism, xoauth2Mechanism } from "../sasl/index.ts";
import * as appendCmd from "./commands/append.ts";
import * as copyMove from "./commands/copy-move.ts";
import * as fetchCmd from "./commands/fetch.ts";
import * as fetchStream from "./commands/fetch-stream.ts";
import { idleOnce } from "./commands/idle.ts";
import * as mailboxList from "./commands/mailbox-list.ts";
import * as manage from "./commands/mailbox-manage.ts";
import * as messageList from "./commands/message-list.ts";
import * as searchSort from "./commands/search-sort.ts";
import * as selectCmd from "./commands/select.ts";
import * as session from "./commands/session.ts";
import * as storeCmd from "./commands/store.ts";
import { ImapConnection, type ImapEvents, type SessionState } from "./connection.ts";
import { ImapError } from "./errors.ts";
import type { FetchResult } from "./fetch-parser.ts";
import type { LiteralSink } from "./framer.ts";
import { DEFAULT_LIMITS, DEFAULT_TIMEOUTS, type ImapLimits, type ImapTimeouts } from "./limits.ts";
import type { SelectedMailbox } from "./mailbox-state.ts";
import { newestRange, type SequenceSetInput } from "./sequence-set.ts";

export type ImapAuth =
  | { user: string; password: string; method?: "LOGIN" | "PLAIN" }
  | { user: string; accessToken: string }
  | { mechanism: SaslMechanism };

export interface ImapClientOptions {
  host: string;
  port: number;
  /**
   * "tls": implicit TLS (port 993). "starttls": plain, then STARTTLS, refusing to go on if the
   * server does not offer it or the upgrade fails. "plain": never TLS — only for a server on
   * the same machine; credentials travel in the clear.
   */
  security: "tls" | "starttls" | "plain";
  tlsPolicy?: TlsPolicy;
  /** Log in during connect; without it, call login() later. */
  auth?: ImapAuth;
  /** Extensions to ENABLE when offered; default CONDSTORE, QRESYNC, UTF8=ACCEPT. */
  enable?: string[] | false;
  /** Send ID (RFC 2971) with these fields when the server offers ID. */
  clientId?: Record<string, string>;
  limits?: Partial<ImapLimits>;
  timeouts?: Partial<ImapTimeouts>;
  /** The conversation, both directions, credentials redacted. */
  transcript?: TranscriptSink;
  /** Which addresses the server's name may lead to (refused: ADDRESS_REFUSED); default any. */
  addressCheck?: AddressCheck;
}

export interface IdleHandle {
  /** Resolves once the server has confirmed the first IDLE (or polling has begun). */
  started: Promise<void>;
  /** Rejects if the connection fails while idling; resolves after stop(). */
  finished: Promise<void>;
  /** End IDLE (DONE) and stop re-issuing it. */
  stop(): Promise<void>;
}

const DEFAULT_ENABLE = ["CONDSTORE", "QRESYNC", "UTF8=ACCEPT"];

export class ImapClient {
  /** What the server said about itself (ID), when clientId was given. */
  serverId: Record<string, string | null> | null = null;

  private constructor(
    readonly connection: ImapConnection,
    private readonly options: ImapClientOptions,
    private readonly timeouts: ImapTimeouts,
  ) {}

  static async connect(options: ImapClientOptions): Promise<ImapClient> {
    const limits = { ...DEFAULT_LIMITS, ...options.limits };
    const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    const socket = await MailSocket.connect({
      host: options.host,
      port: options.port,
      tls: options.security === "tls",
      tlsPolicy: options.tlsPolicy,
      connectTimeoutMs: timeouts.connectMs,
      readTimeoutMs: timeouts.commandMs,
      maxLineLength: limits.maxLineLength,
      transcript: options.transcript,
      addressCheck: options.addressCheck,
    });
    const conn = new ImapConnection(socket, {
      limits,
      timeouts,
      transcript: options.transcript !== undefined,
    });
    const client = new ImapClient(conn, options, timeouts);
    try {
      await client.open();
    } catch (error) {
      conn.destroy();
      throw error;
    }
    return client;
  }

  private async open(): Promise<void> {
    const conn = this.connection;
    const greeting = await conn.start();
    if (this.options.security === "starttls") {
      if (greeting.status === "PREAUTH") {
        throw new ImapError(
          "PLAINTEXT_REFUSED",
          "The server pre-authenticated a plaintext connection, so STARTTLS is impossible",
        );
      }
      if (conn.capabilities.size === 0) await session.capability(conn);
      if (!conn.has("STARTTLS")) {
        throw new ImapError(
          "PLAINTEXT_REFUSED",
          "The server does not offer STARTTLS; refusing to continue in plaintext",
        );
      }
      await session.starttls(conn, this.options.tlsPolicy, this.timeouts.connectMs);
    } else if (conn.capabilities.size === 0) {
      await session.capability(conn);
    }
    if (this.options.auth && conn.state === "not-authenticated")
      await this.login(this.options.auth);
    if (conn.state === "authenticated" && this.options.enable !== false) {
      await session.enable(conn, this.options.enable ?? DEFAULT_ENABLE);
    }
    if (this.options.clientId && conn.has("ID")) {
      this.serverId = await session.id(conn, this.options.clientId);
    }
  }

  // ---- state ----
  get capabilities(): ReadonlySet<string> {
    return this.connection.capabilities;
  }
  get enabled(): ReadonlySet<string> {
    return this.connection.enabled;
  }
  get state(): SessionState {
    return this.connection.state;
  }
  /** The selected mailbox, kept current by unsolicited EXISTS/EXPUNGE/FLAGS. */
  get mailbox(): SelectedMailbox | null {
    return this.connection.mailbox;
  }
  /** Whether this connection can still take commands (for a pool). */
  get usable(): boolean {
    return this.connection.usable;
  }
  get secure(): boolean {
    return this.connection.secure;
  }
  on<K extends keyof ImapEvents>(event: K, listener: (payload: ImapEvents[K]) => void): () => void {
    return this.connection.on(event, listener);
  }

  // ---- session ----
  async login(auth: ImapAuth): Promise<void> {
    const conn = this.connection;
    if (!conn.secure && this.options.security !== "plain") {
      throw new ImapError("PLAINTEXT_REFUSED", "Refusing to send credentials without TLS");
    }
    if ("mechanism" in auth) return session.authenticate(conn, auth.mechanism);
    if ("accessToken" in auth) {
      return session.authenticate(conn, xoauth2Mechanism(auth.user, auth.accessToken));
    }
    const method = auth.method ?? (conn.has("AUTH=PLAIN") ? "PLAIN" : "LOGIN");
    if (method === "PLAIN") {
      return session.authenticate(conn, plainMechanism(auth.user, auth.password));
    }
    return session.login(conn, auth.user, auth.password);
  }
  capability(): Promise<Set<string>> {
    return session.capability(this.connection);
  }
  noop(): Promise<void> {
    return session.noop(this.connection);
  }
  id(params: Record<string, string> | null): Promise<Record<string, string | null> | null> {
    return session.id(this.connection, params);
  }
  enable(capabilities: string[]): Promise<string[]> {
    return session.enable(this.connection, capabilities);
  }
  /** LOGOUT and close; safe to call on a connection that already failed. */
  async logout(): Promise<void> {
    if (!this.connection.usable) {
      this.connection.destroy();
      return;
    }
    await session.logout(this.connection);
  }
  /** Drop the connection without LOGOUT. */
  close(): void {
    this.connection.destroy();
  }

  // ---- mailboxes ----
  list(options?: mailboxList.ListOptions): Promise<mailboxList.MailboxListEntry[]> {
    return mailboxList.list(this.connection, options);
  }
  listSubscribed(options?: { reference?: string; pattern?: string }) {
    return mailboxList.listSubscribed(this.connection, options);
  }
  namespace(): Promise<mailboxList.Namespaces> {
    return mailboxList.namespace(this.connection);
  }
  status(mailbox: string, items?: mailboxList.StatusItem[]): Promise<mailboxList.MailboxStatus> {
    return mailboxList.status(this.connection, mailbox, items);
  }
  createMailbox(name: string): Promise<void> {
    return manage.create(this.connection, name);
  }
  renameMailbox(from: string, to: string): Promise<void> {
    return manage.rename(this.connection, from, to);
  }
  deleteMailbox(name: string): Promise<void> {
    return manage.remove(this.connection, name);
  }
  subscribe(name: string): Promise<void> {
    return manage.subscribe(this.connection, name);
  }
  unsubscribe(name: string): Promise<void> {
    return manage.unsubscribe(this.connection, name);
  }
  select(name: string, options?: selectCmd.SelectOptions): Promise<selectCmd.SelectResult> {
    return selectCmd.select(this.connection, name, options);
  }
  examine(name: string, options?: Omit<selectCmd.SelectOptions, "readOnly">) {
    return selectCmd.select(this.connection, name, { ...options, readOnly: true });
  }
  unselect(): Promise<void> {
    return selectCmd.unselect(this.connection);
  }
  closeMailbox(): Promise<void> {
    return selectCmd.close(this.connection);
  }

  // ---- messages ----
  fetch(range: SequenceSetInput, query: fetchCmd.FetchQuery, options?: fetchCmd.FetchOptions) {
    return fetchCmd.fetch(this.connection, range, query, options);
  }
  /** Like fetch(), but each message goes to `onMessage` as it arrives and none is kept. */
  fetchEach(
    range: SequenceSetInput,
    query: fetchCmd.FetchQuery,
    onMessage: (message: FetchResult) => void,
    options?: fetchCmd.FetchOptions,
  ): Promise<{ vanished: string[] }> {
    return fetchCmd.fetchEach(this.connection, range, { query, options, onMessage });
  }
  fetchMessageList(range: SequenceSetInput, options?: messageList.MessageListOptions) {
    return messageList.fetchMessageList(this.connection, range, options);
  }
  /**
   * One page of the selected mailbox, newest first, by sequence numbers (page 0 is the newest
   * `pageSize` messages): never asks for every UID, however large the mailbox.
   */
  async fetchNewestPage(
    page = 0,
    pageSize = 50,
    options?: Omit<messageList.MessageListOptions, "byUid">,
  ): Promise<messageList.MessageSummary[]> {
    const mailbox = this.connection.mailbox;
    if (!mailbox) throw new ImapError("INVALID_INPUT", "No mailbox is selected");
    const range = newestRange(mailbox.exists, pageSize, page);
    return range ? messageList.fetchMessageList(this.connection, range, options) : [];
  }
  /** Stream a message (section "") or one part of it to `sink`; UIDs unless byUid is false. */
  download(
    id: number,
    request: fetchCmd.BodyRequest,
    sink: LiteralSink,
    options?: { byUid?: boolean },
  ): Promise<fetchStream.DownloadResult> {
    return fetchStream.download(this.connection, id, request, sink, options);
  }
  /** A whole message in memory (bounded by limits.maxLiteralSize); prefer download() for big ones. */
  async fetchSource(uid: number): Promise<Buffer> {
    const chunks: Buffer[] = [];
    await this.download(uid, { section: "" }, (chunk) => {
      chunks.push(chunk);
    });
    return Buffer.concat(chunks);
  }
  store(
    range: SequenceSetInput,
    operation: storeCmd.StoreOperation,
    flags: string[],
    options?: storeCmd.StoreOptions,
  ): Promise<storeCmd.StoreResult> {
    return storeCmd.store(this.connection, range, operation, flags, options);
  }
  addFlags(range: SequenceSetInput, flags: string[], options?: storeCmd.StoreOptions) {
    return this.store(range, "add", flags, options);
  }
  removeFlags(range: SequenceSetInput, flags: string[], options?: storeCmd.StoreOptions) {
    return this.store(range, "remove", flags, options);
  }
  setFlags(range: SequenceSetInput, flags: string[], options?: storeCmd.StoreOptions) {
    return this.store(range, "set", flags, options);
  }
  copy(range: SequenceSetInput, destination: string, options?: { byUid?: boolean }) {
    return copyMove.copy(this.connection, range, destination, options);
  }
  move(range: SequenceSetInput, destination: string, options?: { byUid?: boolean }) {
    return copyMove.move(this.connection, range, destination, options);
  }
  expunge(): Promise<copyMove.ExpungeResult> {
    return copyMove.expunge(this.connection);
  }
  uidExpunge(uids: SequenceSetInput): Promise<copyMove.ExpungeResult> {
    return copyMove.uidExpunge(this.connection, uids);
  }
  append(mailbox: string, message: Uint8Array, options?: appendCmd.AppendOptions) {
    return appendCmd.append(this.connection, mailbox, message, options);
  }
  search(criteria: searchSort.SearchCriteria, options?: { byUid?: boolean }) {
    return searchSort.search(this.connection, criteria, options);
  }
  sort(criteria: searchSort.SearchCriteria, options: searchSort.SortOptions): Promise<number[]> {
    return searchSort.sort(this.connection, criteria, options);
  }

  /**
   * Keep IDLE running until stop(): re-issued every `restartMs`, and ended (DONE) whenever
   * another command is queued, then resumed after it. Without IDLE, NOOP every `pollMs`.
   * New mail, expunges and flag changes arrive as events (on("exists"), ...).
   */
  idle(options: { restartMs?: number; pollMs?: number } = {}): IdleHandle {
    const conn = this.connection;
    const restartMs = options.restartMs ?? this.timeouts.idleRestartMs;
    let stopped = false;
    let current: ReturnType<typeof idleOnce> | null = null;
    let wake = () => {};
    let markStarted = () => {};
    const started = new Promise<void>((resolve) => {
      markStarted = resolve;
    });
    const loop = async () => {
      while (!stopped && conn.usable) {
        if (conn.has("IDLE")) {
          current = idleOnce(conn, restartMs);
          void current.started.then(markStarted);
          await current.finished;
        } else {
          markStarted();
          await session.noop(conn);
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, options.pollMs ?? 30_000);
          });
        }
      }
      markStarted();
    };
    const finished = loop();
    // The failure is delivered through `finished` and the "close" event; this handler only
    // keeps an unobserved rejection from being reported twice.
    finished.catch(() => undefined);
    return {
      started,
      finished,
      stop: async () => {
        stopped = true;
        current?.done();
        wake();
        await finished.catch(() => undefined);
      },
    };
  }
}
