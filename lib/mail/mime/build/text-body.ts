/**
 * Text bodies (text/plain, text/html): canonical line ends, then the transfer encoding the
 * content and the server allow.
 *
 * Every line end becomes CRLF first (RFC 2045 section 2.10, RFC 5321 section 2.3.8): a bare CR
 * or LF must never reach the wire, where some relays take it for a line end and others do not
 * (SMTP smuggling, CVE-2023-51764), and "a\r\n.\r\nb" must stay a body, not end the DATA.
 */
import { MAX_LINE_OCTETS, SOFT_LINE_OCTETS } from "./limits.ts";
import { encodeQuotedPrintable } from "./quoted-printable-encode.ts";
import { utf8Bytes } from "./utf8.ts";

export type TextTransferEncoding = "7bit" | "8bit" | "quoted-printable";

export interface EncodedText {
  encoding: TextTransferEncoding;
  /** The encoded body, CRLF line ends, not ending with a line break of its own. */
  body: Uint8Array;
}

export function normalizeLineEnds(text: string): string {
  return text.replace(/\r\n|\r|\n/g, "\r\n");
}

interface TextShape {
  eightBit: boolean;
  /** C0 controls other than TAB, CR, LF: not allowed in 7bit/8bit (RFC 2045 section 2.7). */
  controls: boolean;
  longestLine: number;
}

function shape(bytes: Uint8Array): TextShape {
  let eightBit = false;
  let controls = false;
  let longestLine = 0;
  let lineStart = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b >= 0x80) eightBit = true;
    else if (b === 0x0d && bytes[i + 1] === 0x0a) {
      longestLine = Math.max(longestLine, i - lineStart);
      lineStart = i + 2;
      i++;
    } else if ((b < 0x20 && b !== 0x09) || b === 0x7f) controls = true;
  }
  longestLine = Math.max(longestLine, bytes.length - lineStart);
  return { eightBit, controls, longestLine };
}

/**
 * 7bit when the text is ASCII with lines of at most 78 octets; 8bit when it is not ASCII, the
 * server has 8BITMIME (RFC 6152) and lines are within the 998-octet limit; quoted-printable
 * otherwise (it also folds long ASCII lines to 76, RFC 5322 section 2.1.1's "where practical").
 */
export function encodeText(text: string, eightBitMime: boolean): EncodedText {
  const bytes = utf8Bytes(normalizeLineEnds(text));
  const s = shape(bytes);
  if (!s.controls && !s.eightBit && s.longestLine <= SOFT_LINE_OCTETS) {
    return { encoding: "7bit", body: bytes };
  }
  if (!s.controls && s.eightBit && eightBitMime && s.longestLine <= MAX_LINE_OCTETS) {
    return { encoding: "8bit", body: bytes };
  }
  return { encoding: "quoted-printable", body: utf8Bytes(encodeQuotedPrintable(bytes)) };
}
