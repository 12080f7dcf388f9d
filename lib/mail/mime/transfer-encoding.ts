/**
 * Content-Transfer-Encoding (RFC 2045 section 6): the label as written is normalised, and each
 * encoding gets a decoder with the same `update`/`finalize` shape. Unknown labels are identity
 * (section 6.4: an unrecognised encoding must be treated as application/octet-stream; showing
 * the bytes unchanged is what clients do, and what Python does).
 */
import { Base64Decoder, decodeBase64, decodedBase64Length } from "./base64.ts";
import { decodeQuotedPrintable, QuotedPrintableDecoder } from "./quoted-printable.ts";
import { decodeUuencodeBody } from "./uuencode.ts";

export type TransferEncoding =
  | "7bit"
  | "8bit"
  | "binary"
  | "base64"
  | "quoted-printable"
  | "x-uuencode"
  | string;

/**
 * Lower-cased, with the misspellings seen in real mail mapped to the encoding they mean
 * ("quoted printable", "quoted-printable;", "8 bit", "7-bit", "8bits").
 */
export function normalizeTransferEncoding(raw: string | null | undefined): string {
  if (!raw) return "7bit";
  const value = raw
    .trim()
    .toLowerCase()
    .replace(/[;\s]+$/, "")
    .replace(/^"(.*)"$/, "$1");
  if (value === "") return "7bit";
  const compact = value.replace(/[\s_-]+/g, "");
  if (compact === "quotedprintable") return "quoted-printable";
  if (compact === "base64") return "base64";
  if (compact === "7bit" || compact === "7bits") return "7bit";
  if (compact === "8bit" || compact === "8bits") return "8bit";
  if (compact === "binary") return "binary";
  if (
    compact === "xuuencode" ||
    compact === "xuue" ||
    compact === "uuencode" ||
    compact === "uue"
  ) {
    return "x-uuencode";
  }
  return value;
}

export interface TransferDecoder {
  update(chunk: Uint8Array): Uint8Array;
  finalize(): Uint8Array;
  /** Decoded bytes produced so far. */
  readonly total: number;
}

class IdentityDecoder implements TransferDecoder {
  total = 0;
  update(chunk: Uint8Array): Uint8Array {
    this.total += chunk.length;
    return chunk;
  }
  finalize(): Uint8Array {
    return new Uint8Array(0);
  }
}

/** True for the encodings whose bytes need decoding. */
export function isDecodingEncoding(encoding: string): boolean {
  return encoding === "base64" || encoding === "quoted-printable" || encoding === "x-uuencode";
}

/** uuencode needs its `begin` line and whole lines: collect, decode at the end. */
class UuencodeDecoder implements TransferDecoder {
  total = 0;
  private readonly chunks: Uint8Array[] = [];
  update(chunk: Uint8Array): Uint8Array {
    this.chunks.push(chunk.slice());
    return new Uint8Array(0);
  }
  finalize(): Uint8Array {
    let length = 0;
    for (const c of this.chunks) length += c.length;
    const all = new Uint8Array(length);
    let o = 0;
    for (const c of this.chunks) {
      all.set(c, o);
      o += c.length;
    }
    const out = decodeUuencodeBody(all);
    this.total = out.length;
    return out;
  }
}

/**
 * An incremental decoder. With `reuseOutput`, each `update` result is a view that the next call
 * overwrites (identity encodings return views of their input anyway): copy what you keep.
 */
export function createTransferDecoder(
  encoding: string,
  options: { reuseOutput?: boolean } = {},
): TransferDecoder {
  if (encoding === "base64") return new Base64Decoder(options);
  if (encoding === "quoted-printable") return new QuotedPrintableDecoder(options);
  if (encoding === "x-uuencode") return new UuencodeDecoder();
  return new IdentityDecoder();
}

/** Whole-body form: a view of the input for identity encodings, a new array otherwise. */
export function decodeTransfer(bytes: Uint8Array, encoding: string): Uint8Array {
  if (encoding === "base64") return decodeBase64(bytes);
  if (encoding === "quoted-printable") return decodeQuotedPrintable(bytes);
  if (encoding === "x-uuencode") return decodeUuencodeBody(bytes);
  return bytes;
}

/** Decoded size without keeping the decoded bytes. */
export function decodedTransferLength(bytes: Uint8Array, encoding: string): number {
  if (encoding === "base64") return decodedBase64Length(bytes);
  if (encoding === "quoted-printable" || encoding === "x-uuencode")
    return decodeTransfer(bytes, encoding).length;
  return bytes.length;
}
