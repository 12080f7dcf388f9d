/**
 * Every size and count limit of the MIME parser, in one place, each with the attack it stops.
 * Mail is hostile input: a message is attacker-controlled bytes, and one that costs more than
 * linear time or unbounded memory can take the server down for every user. Hitting a limit never
 * throws: the parser keeps what it has, stops descending or collecting, and records a warning
 * (see `MimeWarning`), so the message still opens.
 */
export interface MimeLimits {
  /**
   * Multiparts and embedded messages inside one another. Deep nesting is the classic stack/CPU
   * attack on recursive parsers (1,000 nested multiparts: hostile p11; postal-mime caps at 256).
   * Real mail rarely nests past 10 (forward of a forward of a bounce...). Deeper entities are
   * kept as opaque leaves.
   */
  maxDepth: number;
  /**
   * Entities in the whole tree. 200,000 empty sibling parts (hostile p13) cost little to send and
   * a lot to represent and render. Parts past the cap are skipped (their bytes stay in the
   * parent's body).
   */
  maxParts: number;
  /**
   * Bytes kept of one header field (unfolded). RFC 5322 section 2.1.1 caps a line at 998
   * octets; real References or DKIM fields reach a few kilobytes. A 4 MB single-line header
   * (hostile p12) is truncated here rather than buffered.
   */
  maxHeaderLineBytes: number;
  /** Bytes kept of one header block (all fields of one entity, after truncation of long fields). */
  maxHeaderBlockBytes: number;
  /** Header fields kept per entity: many tiny fields cost per-field work and memory. */
  maxHeaders: number;
  /**
   * RFC 2047 encoded words decoded in one header value. Each word is a separate base64/Q decode
   * plus charset lookup; past the cap the rest of the value stays as written.
   */
  maxEncodedWords: number;
}

export const DEFAULT_MIME_LIMITS: Readonly<MimeLimits> = Object.freeze({
  maxDepth: 64,
  maxParts: 10_000,
  maxHeaderLineBytes: 64 * 1024,
  maxHeaderBlockBytes: 1024 * 1024,
  maxHeaders: 1_000,
  maxEncodedWords: 500,
});

/** Defaults with the caller's overrides; a non-positive or non-numeric override is ignored. */
export function resolveLimits(overrides?: Partial<MimeLimits>): MimeLimits {
  const limits: MimeLimits = { ...DEFAULT_MIME_LIMITS };
  if (!overrides) return limits;
  for (const key of Object.keys(limits) as (keyof MimeLimits)[]) {
    const value = overrides[key];
    if (typeof value === "number" && Number.isFinite(value) && value > 0) {
      limits[key] = Math.floor(value);
    }
  }
  return limits;
}

/*
 * Fixed bounds: how far the parser looks ahead or holds bytes between chunks. Not options,
 * because they follow from the formats (a line is at most 998 octets, RFC 5322 2.1.1), but
 * listed here with the options so every bound is in one place.
 */

/** Transport padding (spaces/tabs) accepted after a boundary: a line's worth (RFC 2046 5.1.1). */
export const MAX_BOUNDARY_PADDING = 998;
/** Bytes scanned for the colon of the line after a suspect header line (broken-fold test). */
export const MAX_FIELD_NAME_SCAN = 1000;
/**
 * Quoted-printable white space held back between chunks to learn whether a line end follows
 * (RFC 2045 6.7 rule 3); a longer run is passed on, so holding it cannot go quadratic.
 */
export const MAX_QP_HELD_WHITESPACE = 1024;
/** Decoded bytes remembered per part in stream parses, for type sniffing (sniff.ts). */
export const STREAM_HEAD_BYTES = 64;
/**
 * A multipart's preamble kept in stream parses until its first boundary: if none comes, the
 * preamble is the content. Real preambles are one line; a huge one is not kept.
 */
export const STREAM_MAX_PREAMBLE_KEPT = 1024 * 1024;
/**
 * Ids listed from one Message-ID, In-Reply-To or References field (message-ids.ts). A hostile
 * References of 100,000 ids would otherwise cost memory and threading work per message; real
 * ones stay under a hundred, since clients trim long chains (RFC 5322 section 3.6.4 lets them).
 */
export const MAX_MESSAGE_IDS = 500;

/** Which limit a warning is about, or another non-fatal problem worth showing. */
export type MimeWarningCode =
  | "depth-limit"
  | "part-limit"
  | "header-line-limit"
  | "header-block-limit"
  | "header-count-limit"
  | "encoded-word-limit";

export interface MimeWarning {
  code: MimeWarningCode;
  /** Section of the entity where it happened ("" for a multipart root). */
  section: string;
  message: string;
}
