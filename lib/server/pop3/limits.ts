/**
 * Every number of the POP3 store and sync, each with its reason.
 */
export const POP3_STORE_LIMITS = {
  /**
   * Body lines TOP asks for besides the header (RFC 1939 section 7). A multipart message spends
   * about ten lines on its preamble, boundaries and part headers before the first text line;
   * thirty leave enough text for a preview without fetching the message.
   */
  topPreviewLines: 30,
  /** Characters of preview kept per message, as IMAP servers' PREVIEW (RFC 8970 section 3). */
  previewChars: 200,
  /** Largest message RETR keeps (the client's own ceiling is 256 MB). */
  maxMessageBytes: 64 * 1024 * 1024,
  /**
   * New messages inserted per transaction during a check: the list shows the first ones while
   * the rest of a large first sync is still arriving, and a dropped session keeps what it got.
   * The first batch is one page; later ones are larger, as each commit costs a flush to disk.
   */
  firstInsertBatch: 50,
  insertBatch: 250,
  /** At most one "new" event per this many milliseconds while a long check inserts batches. */
  progressEventMs: 1000,
  /** Page sizes a caller may ask for. */
  maxPageSize: 500,
  /** Local folder names: shown in one line of the folder pane. */
  maxFolderNameLength: 100,
  /** Local folders per account: a person's filing, not a generated tree. */
  maxFolders: 500,
  /** Ids per bulk action (flag, move, delete): one screenful selection or "select all". */
  maxIdsPerAction: 10_000,
  /** Words in a search: each becomes one condition on the stored search text. */
  maxSearchWords: 8,
  /** Characters of body text added to the search text once a message is downloaded. */
  searchBodyChars: 4000,
} as const;

export const POP3_SCHEDULE = {
  /** Default interval between scheduled checks of an account. */
  defaultIntervalMs: 5 * 60 * 1000,
  /** No account is checked more often than this, whatever the caller asks. */
  minIntervalMs: 60 * 1000,
  /**
   * After [IN-USE] (RFC 2449 section 8.1.2: another session holds the maildrop lock), try
   * again this soon: that session usually ends within a minute.
   */
  inUseRetryMs: 60 * 1000,
  /** After a transient failure (network, [SYS/TEMP]), the next try. */
  transientRetryMs: 2 * 60 * 1000,
  /**
   * After [LOGIN-DELAY] when the server never said how long (no LOGIN-DELAY capability,
   * RFC 2449 section 6.5), wait this long.
   */
  loginDelayFallbackMs: 15 * 60 * 1000,
  /**
   * After a failure that will not pass by itself (a refused password, a wrong server name):
   * retrying every few minutes only fills the server's logs and may get the account locked.
   */
  failureRetryMs: 30 * 60 * 1000,
  /** The first scheduled checks after start are spread over this much time. */
  startSpreadMs: 30 * 1000,
  /** A deletion for good asks for a check this soon, so DELE is not left for the next interval. */
  deletionCheckDelayMs: 2000,
} as const;

/** The built-in local folders, in the order the folder pane shows them. */
export const BUILTIN_FOLDERS = ["INBOX", "Drafts", "Sent", "Trash"] as const;
export type BuiltinFolder = (typeof BUILTIN_FOLDERS)[number];
export const TRASH = "Trash";
export const INBOX = "INBOX";
