/**
 * Every size, count and time limit of the POP3 client, each with its reason. A hostile server
 * that sends without end meets one of these (LIMIT_EXCEEDED), never the heap ceiling.
 */
export const POP3_LIMITS = {
  /**
   * Longest line, status or message. RFC 2449 section 4 caps responses at 512 octets, but
   * message lines (RETR, TOP) are whatever the sender wrote: RFC 5322 says 998, real mail has
   * longer (unwrapped HTML, base64 without breaks). Bounded all the same.
   */
  maxLineLength: 1024 * 1024,
  /** One LIST or UIDL line: "n size" / "n unique-id" (RFC 1939: unique-id is 1 to 70 chars). */
  maxListingLineLength: 1024,
  /** Entries in a LIST or UIDL answer: a mailbox of 1,000,000 messages is already absurd. */
  maxListingEntries: 1_000_000,
  /** CAPA lines (RFC 2449 section 5): a real server sends about ten. */
  maxCapabilityLines: 256,
  /** A TOP answer, held in memory: headers plus a few preview lines. */
  maxTopBytes: 4 * 1024 * 1024,
  /** A message from RETR, streamed or held; callers may lower it. */
  maxMessageBytes: 256 * 1024 * 1024,
  /** RETR data is handed on in chunks of about this size, not line by line. */
  deliveryChunkBytes: 64 * 1024,
  /**
   * Commands sent ahead of their answers when the server offers PIPELINING (RFC 2449 section
   * 6.6). Each one more in flight is one more answer a person's RETR waits behind, one more
   * lost to a dropped connection, and one more the client may hold before it is taken (up to
   * maxTopBytes from a hostile server). Sixteen TOP answers (a header and 30 lines, 2 to 4 KB
   * each) per round trip keep about 10 Mbit/s busy over a 30 ms path; against Dovecot on
   * loopback, windows of 8, 16 and 64 list 2,000 headers in about the same time.
   */
  pipelineCommands: 16,
  /**
   * Bytes of command lines in flight. The commands go out before any answer is read, so they
   * must fit the TCP window, "usually 4K" (RFC 2920 section 3.1, the same rule for SMTP's
   * PIPELINING): more, and the write can wait on a server that is itself waiting for us to
   * read its answers. Sixteen TOP lines are about 250 bytes; this binds only on longer lines.
   */
  pipelineCommandBytes: 4096,
  /** RFC 2449 section 4: a command line is at most 255 octets including CRLF. */
  maxCommandLength: 255,
  /** SASL rounds before we decide the server is looping. */
  maxSaslRounds: 8,
} as const;

/** Default waits, in milliseconds. */
export const POP3_TIMEOUTS = {
  connectMs: 15_000,
  /** RFC 1939 section 3: a server's inactivity timer is at least 10 minutes; ours need not be. */
  commandMs: 60_000,
} as const;

export interface Pop3Timeouts {
  connectMs?: number;
  commandMs?: number;
}
