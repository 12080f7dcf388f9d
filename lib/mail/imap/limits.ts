/**
 * Every size and depth limit of the IMAP client, each with its reason. A hostile or broken
 * server meets one of these (a LIMIT_EXCEEDED error) long before it meets the heap ceiling.
 * All can be changed per connection through `ImapClientOptions.limits`.
 */
export interface ImapLimits {
  /**
   * Longest response line (the text between literals), in bytes. A SEARCH answer for a
   * 1,000,000-message mailbox is about 7 MB on one line, and a BODYSTRUCTURE of Dovecot's
   * maximum of 10,000 MIME parts is a few MB; anything longer is a server that never ends a line.
   */
  maxLineLength: number;
  /**
   * Largest literal held in memory. Message bodies are read into memory only when the caller
   * asked for a Buffer (the stack's messageSizeLimit is 30 MiB); bigger content must be
   * streamed to a sink, which has no such limit.
   */
  maxLiteralSize: number;
  /**
   * Largest literal streamed to a sink: a server that declares 4 GB for a 25 MB message is
   * lying, and a bound keeps a runaway download from filling a disk.
   */
  maxStreamedLiteralSize: number;
  /**
   * Total bytes of one response held in memory (every line and literal of it). Per-line and
   * per-literal caps alone would let a server send one FETCH with thousands of maximum-size
   * literals.
   */
  maxResponseSize: number;
  /**
   * Deepest list nesting. Dovecot caps MIME nesting at 100 levels and each level costs at most
   * three list levels in a BODYSTRUCTURE (message/rfc822 → body → multipart); the bound keeps
   * the recursive parsers far from the JavaScript stack limit.
   */
  maxListDepth: number;
  /** Most literals in one response: each costs a line and an allocation. */
  maxLiteralsPerResponse: number;
  /**
   * Most commands waiting in one connection's queue. A caller that enqueues without awaiting
   * (a loop over 100,000 UIDs) gets an error instead of an ever-growing queue.
   */
  maxQueuedCommands: number;
  /**
   * Most UIDs a compact set from the server (ESEARCH ALL, COPYUID) is expanded into: the
   * 17 bytes "1:4294967295" would otherwise become four billion numbers.
   */
  maxSearchResults: number;
}

export const DEFAULT_LIMITS: ImapLimits = {
  maxLineLength: 16 * 1024 * 1024,
  maxLiteralSize: 64 * 1024 * 1024,
  maxStreamedLiteralSize: 2 * 1024 * 1024 * 1024,
  maxResponseSize: 128 * 1024 * 1024,
  maxListDepth: 400,
  maxLiteralsPerResponse: 100_000,
  maxQueuedCommands: 10_000,
  maxSearchResults: 10_000_000,
};

/** Timeouts, in milliseconds, with why each has its default. */
export interface ImapTimeouts {
  /** TCP + TLS handshake. */
  connectMs: number;
  /** The greeting, which a server under load may delay. */
  greetingMs: number;
  /**
   * Longest silence while a command is in flight: a FETCH of 10,000 messages takes long but
   * keeps sending; a server that says nothing for this long is gone.
   */
  commandMs: number;
  /**
   * IDLE is re-issued after this long: RFC 2177 section 3 lets servers drop an idle client
   * after 30 minutes of inactivity, so a client must re-issue before 29 minutes; NAT boxes
   * often forget a silent connection much sooner, hence a shorter default.
   */
  idleRestartMs: number;
}

export const DEFAULT_TIMEOUTS: ImapTimeouts = {
  connectMs: 15_000,
  greetingMs: 15_000,
  commandMs: 60_000,
  idleRestartMs: 10 * 60_000,
};

/** Literals up to this size go non-synchronizing under LITERAL- (RFC 7888 section 4). */
export const LITERAL_MINUS_MAX = 4096;
