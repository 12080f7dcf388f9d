/** The builder's input and output types. */

/** A mailbox: an address with an optional display name. A bare string is an address only. */
export interface Mailbox {
  name?: string;
  address: string;
}
export type AddressInput = string | Mailbox;

/**
 * Content read lazily: `stream()` is called each time the message is written (a retry writes it
 * again) and must yield exactly `size` bytes; a mismatch is refused, because the size budget
 * and the SMTP SIZE declaration were computed from `size`.
 */
export interface StreamSource {
  size: number;
  stream: () => AsyncIterable<Uint8Array>;
}
export type ByteSource = Uint8Array | StreamSource;

/** A file, sent as base64. */
export interface FileAttachment {
  filename: string;
  /** "type/subtype" without parameters; application/octet-stream when absent. */
  contentType?: string;
  content: ByteSource;
}

/** An image the HTML body shows with `<img src="cid:...">` (RFC 2392), in multipart/related. */
export interface InlineImage {
  /** The Content-ID without angle brackets, as the HTML references it. */
  contentId: string;
  /** "image/png", "image/jpeg", ... */
  contentType: string;
  filename?: string;
  content: ByteSource;
}

/** A message forwarded as an attachment (message/rfc822), its bytes kept exactly. */
export interface ForwardedMessage {
  /** The original message as fetched (IMAP BODY.PEEK[]), headers and body. */
  message: Uint8Array;
  /** Optional filename, e.g. the subject + ".eml". */
  filename?: string;
}

export type Attachment = FileAttachment | ForwardedMessage;

export interface MessageSpec {
  from: AddressInput;
  /** RFC 5322 section 3.6.2: who actually sent it, when not the author. */
  sender?: AddressInput;
  to?: AddressInput[];
  cc?: AddressInput[];
  /** Never written into the message; only added to the envelope recipients. */
  bcc?: AddressInput[];
  replyTo?: AddressInput[];
  subject?: string;
  text?: string;
  html?: string;
  inlineImages?: InlineImage[];
  attachments?: Attachment[];
  /** The parent's Message-ID, e.g. from `replyHeaders()`. */
  inReplyTo?: string;
  references?: string[];
  /** Extra header fields in order; names the builder writes itself are refused. */
  headers?: ReadonlyArray<readonly [name: string, value: string]>;
  /** Defaults to now. */
  date?: Date;
  /** "<id@domain>" or "id@domain"; generated when absent. */
  messageId?: string;
}

/** What the receiving server announced in EHLO (RFC 6152, RFC 6531, RFC 3030). */
export interface TransportCapabilities {
  eightBitMime?: boolean;
  smtpUtf8?: boolean;
  /** BINARYMIME: lets a forwarded message with bare line ends or NUL go as "binary" (via BDAT). */
  binaryMime?: boolean;
}

export interface BuildOptions {
  /** Defaults to none of them: the message is then 7-bit clean. */
  transport?: TransportCapabilities;
  /** MAIL FROM, when not the From (or Sender) address. */
  envelopeFrom?: string;
  /** Minutes east of UTC for the Date header; 0 (UTC) when absent. */
  timeZoneOffsetMinutes?: number;
  /** Domain for a generated Message-ID; the From address's domain when absent. */
  messageIdDomain?: string;
  /** Source of randomness (boundaries, Message-ID); crypto.getRandomValues when absent. */
  random?: (length: number) => Uint8Array;
}

/** The SMTP envelope (RFC 5321 section 3.3): MAIL FROM and every RCPT TO. */
export interface Envelope {
  from: string;
  /** To, Cc and Bcc, each once (domains compared case-insensitively). */
  to: string[];
}

export interface BuiltMessage {
  /** As written in the header, with angle brackets. */
  messageId: string;
  envelope: Envelope;
  /** Exact size in octets of what `stream` yields. */
  size: number;
  /** Some part is 8bit: send with BODY=8BITMIME (RFC 6152). */
  needs8BitMime: boolean;
  /** Some header has UTF-8 addresses: send with SMTPUTF8 (RFC 6531). */
  needsSmtpUtf8: boolean;
  /** Some part is binary: send with BODY=BINARYMIME over BDAT (RFC 3030). */
  needsBinaryMime: boolean;
  /** The message; each iteration writes it afresh from the sources. */
  stream: AsyncIterable<Uint8Array>;
}
