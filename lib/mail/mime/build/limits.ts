/**
 * Every size limit of the MIME builder, each with its reason (DEVELOPERS.md: one module per
 * component). The builder refuses input past these with MailError("INVALID_INPUT") rather than
 * writing a message some hop would truncate or reject.
 */

/** RFC 5322 section 2.1.1 / RFC 5321 section 4.5.3.1.6: a line is at most 998 octets + CRLF. */
export const MAX_LINE_OCTETS = 998;

/** RFC 5322 section 2.1.1: lines SHOULD be at most 78 octets; we fold headers to this. */
export const SOFT_LINE_OCTETS = 78;

/** RFC 2047 section 2: an encoded-word is at most 75 characters. */
export const MAX_ENCODED_WORD = 75;

/** RFC 2045 section 6.7 (quoted-printable) and 6.8 (base64): encoded lines at most 76 characters. */
export const MAX_ENCODED_LINE = 76;

/**
 * RFC 5321 section 4.5.3.1: local-part 64 octets, domain 255 octets, and a path of 256 octets
 * including the angle brackets (so an address of at most 254).
 */
export const MAX_LOCAL_PART_OCTETS = 64;
export const MAX_DOMAIN_OCTETS = 255;
export const MAX_ADDRESS_OCTETS = 254;
/** RFC 1035 section 2.3.4: a DNS label is at most 63 octets. */
export const MAX_LABEL_OCTETS = 63;

/**
 * A reply's References grows by one id per generation; hostile mail can carry thousands. Like
 * common clients we keep the first id (the thread root) and the most recent ones, so threading
 * still works and the header stays a sane size (RFC 5322 section 3.6.4 allows trimming).
 */
export const MAX_REFERENCES = 20;

/** Header text (subject, display names, extra header values) past this is refused: no person types it. */
export const MAX_HEADER_TEXT_CHARS = 16_384;

/** Filenames past this are refused: no file system keeps them, and they bloat every header. */
export const MAX_FILENAME_CHARS = 1_024;

/** A new random boundary is drawn when one occurs in content; more failures mean a broken RNG. */
export const MAX_BOUNDARY_ATTEMPTS = 8;
