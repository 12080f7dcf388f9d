/**
 * POP3 client (RFC 1939, 2449, 2595, 5034): `Pop3Client.connect(options)`, then STAT, LIST,
 * UIDL, TOP (one, or many pipelined), RETR (streamed), DELE, RSET, NOOP and QUIT. Deletions
 * happen only on quit().
 */
export type { Pop3Capabilities } from "./capabilities.ts";
export { Pop3Client } from "./client.ts";
export { DotUnstuffer } from "./dot-unstuffer.ts";
export { POP3_LIMITS, POP3_TIMEOUTS, type Pop3Timeouts } from "./limits.ts";
export type { MailboxStat, MessageSize, MessageUid } from "./mailbox.ts";
export type { Pop3AuthMethod, Pop3ClientOptions, Pop3Security } from "./options.ts";
export { Pop3Error } from "./pop3-error.ts";
export type { TopResult } from "./tops-in-order.ts";
