/**
 * POP3 client (RFC 1939, 2449, 2595, 5034): `Pop3Client.connect(options)`, then STAT, LIST,
 * UIDL, TOP, RETR (streamed), DELE, RSET, NOOP and QUIT. Deletions happen only on quit().
 */
export type { Pop3Capabilities } from "./capabilities.js";
export { Pop3Client } from "./client.js";
export { DotUnstuffer } from "./dot-unstuffer.js";
export { POP3_LIMITS, POP3_TIMEOUTS, type Pop3Timeouts } from "./limits.js";
export type { MailboxStat, MessageSize, MessageUid } from "./mailbox.js";
export type { Pop3AuthMethod, Pop3ClientOptions, Pop3Security } from "./options.js";
export { Pop3Error } from "./pop3-error.js";
