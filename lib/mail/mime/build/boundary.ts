/**
 * Multipart boundaries (RFC 2046 section 5.1.1). Random, and they start with "=_", which can
 * never appear in base64 (no "_") nor in quoted-printable (every "=" is followed by a hex digit
 * or a line end). So only identity-encoded content (7bit/8bit text, a forwarded message's raw
 * bytes, part headers) can contain one, and that is checked by the builder, with a fresh
 * boundary drawn on a match.
 */

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/** 24 random characters: about 143 bits. */
const RANDOM_CHARS = 24;
/** "=_lbx_" + 24 characters; the length is fixed so size estimates are exact. */
export const BOUNDARY_LENGTH = 6 + RANDOM_CHARS;

export function randomBytes(length: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(length));
}

/** Random characters from [A-Za-z0-9]; rejection sampling keeps them uniform. */
export function randomAlphanumeric(length: number, random = randomBytes): string {
  let out = "";
  while (out.length < length) {
    for (const byte of random(length)) {
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

export function makeBoundary(random = randomBytes): string {
  return `=_lbx_${randomAlphanumeric(RANDOM_CHARS, random)}`;
}

/** Whether "--boundary" occurs anywhere in `bytes` (stricter than "at a line start"). */
export function boundaryOccursIn(boundary: string, bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(`--${boundary}`);
}
