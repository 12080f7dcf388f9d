/**
 * Letterbox's IMAP client. Start with `ImapClient.connect(options)`; everything it returns
 * and throws is typed here. Errors are ImapError (a MailError) with a stable `code`.
 */
export type { ImapAuth, ImapClientOptions, IdleHandle } from "./client.js";
export { ImapClient } from "./client.js";
export type { AppendOptions, AppendResult } from "./commands/append.js";
export type { CopyResult, ExpungeResult } from "./commands/copy-move.js";
export type { BodyRequest, FetchOptions, FetchQuery } from "./commands/fetch.js";
export type { DownloadResult } from "./commands/fetch-stream.js";
export type {
  ListOptions,
  MailboxListEntry,
  MailboxStatus,
  Namespaces,
  StatusItem,
} from "./commands/mailbox-list.js";
export type { MessageListOptions, MessageSummary } from "./commands/message-list.js";
export type { SearchCriteria, SearchResult, SortKey, SortOptions } from "./commands/search-sort.js";
export type { SelectOptions, SelectResult } from "./commands/select.js";
export type { StoreOperation, StoreOptions, StoreResult } from "./commands/store.js";
export type { ImapEvents, SessionState } from "./connection.js";
export type { Envelope, EnvelopeAddress } from "./envelope.js";
export type { ImapErrorDetails, ImapStatus } from "./errors.js";
export { ImapError } from "./errors.js";
export type { FetchedSection, FetchResult } from "./fetch-parser.js";
export type { LiteralSink } from "./framer.js";
export { StreamedLiteral } from "./framer.js";
export type { ImapLimits, ImapTimeouts } from "./limits.js";
export { DEFAULT_LIMITS, DEFAULT_TIMEOUTS } from "./limits.js";
export type { SelectedMailbox } from "./mailbox-state.js";
export { decodeMutf7, encodeMutf7 } from "./mutf7.js";
export type { SequenceSetInput } from "./sequence-set.js";
export { newestRange, sequenceSet } from "./sequence-set.js";
