/**
 * Every size, count and time limit of the SMTP client, each with its reason. A hostile or
 * broken server hits one of these and gets a LIMIT_EXCEEDED or TIMEOUT error; it never grows
 * our memory or holds a request forever.
 */
export const SMTP_LIMITS = {
  /**
   * Longest reply line we accept. RFC 5321 section 4.5.3.1.5 says 512 octets; real servers
   * exceed it in EHLO lists and long rejection texts, so we allow more, but not without bound.
   */
  maxReplyLineLength: 8 * 1024,
  /** Lines in one multi-line reply. An EHLO reply has ~20; a server sending more is broken. */
  maxReplyLines: 200,
  /** Bytes in one multi-line reply, all lines together. */
  maxReplyBytes: 64 * 1024,
  /**
   * RFC 5321 section 4.5.3.1.4: a command line is at most 512 octets including CRLF. AUTH
   * with an initial response may be longer (RFC 4954 section 4 allows 12288); past that the
   * response goes in its own line after an empty challenge.
   */
  maxCommandLength: 512,
  maxAuthCommandLength: 12_288,
  /** RFC 5321 section 4.5.3.1: path 256, local part 64, domain 255 octets. */
  maxPathLength: 256,
  maxLocalPartLength: 64,
  maxDomainLength: 255,
  /**
   * BDAT chunk size (RFC 3030). Large enough that the per-chunk reply costs nothing, small
   * enough that at most this much normalised message is held at once.
   */
  bdatChunkBytes: 1024 * 1024,
  /** BDAT chunks sent ahead of their replies when PIPELINING is offered (RFC 3030 section 4.2). */
  bdatWindow: 4,
  /** Recipients in one transaction; RFC 5321 section 4.5.3.1.8 requires servers to take 100. */
  maxRecipients: 1000,
} as const;

/**
 * Default waits, in milliseconds. RFC 5321 section 4.5.3.2 asks a relay to wait up to 5
 * minutes per command and 10 for the reply to the final dot; a person waiting on "Send"
 * needs an answer sooner, except for the final reply, where the server may be scanning
 * the message.
 */
export const SMTP_TIMEOUTS = {
  connectMs: 15_000,
  greetingMs: 60_000,
  commandMs: 60_000,
  /** RFC 5321 section 4.5.3.2.6: the reply to the end of data may take long. */
  dataEndMs: 10 * 60_000,
} as const;

export interface SmtpTimeouts {
  connectMs?: number;
  greetingMs?: number;
  commandMs?: number;
  dataEndMs?: number;
}
