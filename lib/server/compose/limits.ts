/**
 * Every limit of composing and sending, each with its reason (DEVELOPERS.md: one module per
 * component). Used by the server and, for the numbers it shows, by the composer in the browser.
 */

/**
 * The app's own ceiling on a message, whatever the SMTP server's SIZE allows: the sent message
 * is held in memory once, to be sent and then appended to Sent byte for byte (IMAP APPEND
 * needs its length up front), so an unbounded SIZE must not mean unbounded memory.
 */
export const APP_MAX_MESSAGE_BYTES = 40 * 1024 * 1024;

/**
 * Room kept in the size budget for the header block, the text and HTML bodies and the MIME
 * part headers, beyond what the body itself measures: a reply's header with a long References
 * list and a dozen part headers stay well under this.
 */
export const MESSAGE_RESERVE_BYTES = 32 * 1024;

/** Per attachment: its part header (Content-Type, -Disposition with RFC 2231 name, boundary). */
export const PART_OVERHEAD_BYTES = 512;

/** RFC 5322 section 2.1.1 allows 998 octets a line; no person writes a longer subject. */
export const MAX_SUBJECT_CHARS = 998;

/** A display name or an address as typed; RFC 5321 section 4.5.3.1 caps addresses at 254. */
export const MAX_NAME_CHARS = 300;
export const MAX_ADDRESS_CHARS = 320;

/** Recipients in one message: Postfix's smtpd_recipient_limit default is 1000; people need far fewer. */
export const MAX_RECIPIENTS = 500;

/**
 * The body as sent to a server action: Next's server actions accept 2 MB (next.config.js), and
 * the body travels as UTF-16-ish JSON with the rest of the form.
 */
export const MAX_BODY_CHARS = 1_500_000;

/** A quoted original is cut here (with a note) so a reply to a huge newsletter stays sendable. */
export const MAX_QUOTE_CHARS = 400_000;

/** Files in one message. */
export const MAX_ATTACHMENTS = 100;

/** Signatures are a few lines; this keeps a pasted novel out of every message. */
export const MAX_SIGNATURE_CHARS = 10_000;

/**
 * Uploads not sent after this long are deleted with their files: the same as the session's
 * idle limit, so a composer left open as long as a session lives keeps its files.
 */
export const UPLOAD_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * All files one session keeps waiting in unsent messages: several full composers' worth, but
 * a bound, so one sign-in cannot fill the server's disk.
 */
export const SESSION_UPLOAD_BYTES = 200 * 1024 * 1024;

/** An upload still arriving after this long is cut off (a 40 MB file at 25 kB/s fits). */
export const UPLOAD_DEADLINE_MS = 30 * 60 * 1000;

/** File names: what file systems keep (255); longer names bloat every MIME header. */
export const MAX_FILENAME_CHARS = 255;

/** A stored file without a database row is left alone this long: it may still be streaming in. */
export const ORPHAN_GRACE_MS = 60 * 60 * 1000;

/** Autosave waits this long after the last keystroke (the issue: "a few seconds"). */
export const AUTOSAVE_DELAY_MS = 2500;

/** The SMTP server's SIZE is asked once in a while, not for every composer opened. */
export const SMTP_FACTS_TTL_MS = 10 * 60 * 1000;

/** Autocomplete: suggestions shown, and how many of the account's contacts are searched. */
export const MAX_SUGGESTIONS = 8;
export const CONTACT_SCAN_LIMIT = 5000;
