/**
 * Letterbox's IMAP client. Start with `ImapClient.connect(options)`; everything it returns
 * and throws is typed here. Errors are ImapError (a MailError) with a stable `code`.
 */
export type { IdleHandle, ImapAuth, ImapClientOptions } from "./client.ts";
export { ImapClient } from "./client.ts";
export type { AppendOptions, AppendResult } from "./commands/append.ts";
export type { CopyResult, ExpungeResult } from "./commands/copy-move.ts";
export type { BodyRequest, FetchOptions, FetchQuery } from "./commands/fetch.ts";
export type { DownloadResult } from "./commands/fetch-stream.ts";
export type {
  ListOptions,
  MailboxListEntry,
  MailboxStatus,
  Namespaces,
  StatusItem,
} from "./commands/mailbox-list.ts";
export type { MessageListOptions, MessageSummary } from "./commands/message-list.ts";
export type { SearchCriteria, SearchResult, SortKey, SortOptions } from "./commands/search-sort.ts";
export type { SelectOptions, SelectResult } from "./commands/select.ts";
export type { StoreOperation, StoreOptions, StoreResult } from "./commands/store.ts";
export type { ImapConnection, ImapEvents, SessionState } from "./connection.ts";
export type { Envelope, EnvelopeAddress } from "./envelope.ts";
export type { ImapErrorDetails, ImapStatus } from "./errors.ts";
export { ImapError } from "./errors.ts";
export type { FetchedSection, FetchResult } from "./fetch-parser.ts";
export type { LiteralSink } from "./framer.ts";
export { StreamedLiteral } from "./framer.ts";
export type { ImapLimits, ImapTimeouts } from "./limits.ts";
export { DEFAULT_LIMITS, DEFAULT_TIMEOUTS } from "./limits.ts";
export type { SelectedMailbox } from "./mailbox-state.ts";
export { decodeMutf7, encodeMutf7 } from "./mutf7.ts";
export type { SequenceSetInput } from "./sequence-set.ts";
export { newestRange, sequenceSet } from "./sequence-set.ts";
