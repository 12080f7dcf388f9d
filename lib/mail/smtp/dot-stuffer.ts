/**
 * The message on its way to the wire, one chunk at a time: line ends normalised to CRLF and,
 * for DATA, dot-stuffed (RFC 5321 section 4.5.2) and terminated with CRLF "." CRLF.
 *
 * Why normalise: a bare LF or CR that reaches the server is read differently by different
 * servers. "\n.\n" or "\r\n.\n" inside a message ends DATA early on some and not on others,
 * so one message becomes two: SMTP smuggling (CVE-2023-51764, Postfix; CVE-2023-51765,
 * Sendmail; CVE-2023-51766, Exim). Here every CR and LF leaves as part of a CRLF pair, so the
 * only CRLF "." CRLF the server ever sees is ours.
 *
 * Streaming: state carries across chunk boundaries (a CR at the end of one chunk, a line start
 * at the beginning of the next), and a chunk that needs no change goes out as it came, without
 * a copy. Nothing holds more than the chunk in hand.
 */

import { isAscii } from "node:buffer";

const CR = 0x0d;
const LF = 0x0a;
const DOT = 0x2e;
const CR_BYTES = Buffer.from([CR]);
const LF_BYTES = Buffer.from([LF]);
const DOT_BYTES = Buffer.from([DOT]);
const CRLF_BYTES = Buffer.from([CR, LF]);
const EMPTY = Buffer.alloc(0);

export interface MessageEncoderOptions {
  /** DATA needs dot-stuffing and the terminating "." line; BDAT (RFC 3030) needs neither. */
  dotStuff: boolean;
}

export class MessageEncoder {
  private readonly dotStuff: boolean;
  private atLineStart = true;
  /** The previous chunk ended in a CR, already sent; its LF is still owed. */
  private pendingCr = false;
  private ended = false;
  /** Bytes of message given to push(). */
  bytesIn = 0;
  /** Bytes produced, terminator included: what the server receives. */
  bytesOut = 0;
  /** A byte above 0x7f went by: the message is not 7-bit (RFC 6152). */
  eightBit = false;

  constructor(options: MessageEncoderOptions) {
    this.dotStuff = options.dotStuff;
  }

  /** Encode one chunk. Returns the chunk itself when nothing in it needed changing. */
  push(input: Uint8Array): Buffer {
    if (this.ended) throw new Error("MessageEncoder.push after end");
    const chunk = Buffer.isBuffer(input)
      ? input
      : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    const n = chunk.length;
    this.bytesIn += n;
    if (n === 0) return EMPTY;
    if (!this.eightBit && !isAscii(chunk)) this.eightBit = true;
    // Line ends are found with indexOf (native, several GB/s) rather than a byte loop: mail is
    // almost all CRLF already, so the common case is a jump from one CRLF to the next.
    const out: Uint8Array[] = [];
    let spanStart = 0;
    let i = 0;
    if (this.pendingCr) {
      this.pendingCr = false;
      this.atLineStart = true;
      if (chunk[0] === LF) i = 1;
      else out.push(LF_BYTES);
    }
    const dotStuff = this.dotStuff;
    let atLineStart = this.atLineStart;
    if (atLineStart && i < n) {
      atLineStart = false;
      // RFC 5321 section 4.5.2: a line starting with "." gets one more.
      if (dotStuff && chunk[i] === DOT) {
        out.push(chunk.subarray(spanStart, i), DOT_BYTES);
        spanStart = i;
      }
    }
    let cr = chunk.indexOf(CR, i);
    let lf = chunk.indexOf(LF, i);
    while (cr !== -1 || lf !== -1) {
      let next: number;
      if (cr !== -1 && (lf === -1 || cr < lf)) {
        if (cr + 1 === n) {
          // The LF may be the next chunk's first byte.
          this.pendingCr = true;
          atLineStart = true;
          break;
        }
        if (lf === cr + 1) {
          next = lf + 1;
          lf = chunk.indexOf(LF, next);
        } else {
          // A bare CR: give it its LF.
          next = cr + 1;
          out.push(chunk.subarray(spanStart, next), LF_BYTES);
          spanStart = next;
        }
        cr = chunk.indexOf(CR, next);
      } else {
        // A bare LF: give it its CR.
        out.push(chunk.subarray(spanStart, lf), CR_BYTES);
        spanStart = lf;
        next = lf + 1;
        lf = chunk.indexOf(LF, next);
      }
      if (next === n) {
        atLineStart = true;
        break;
      }
      if (dotStuff && chunk[next] === DOT) {
        out.push(chunk.subarray(spanStart, next), DOT_BYTES);
        spanStart = next;
      }
    }
    this.atLineStart = atLineStart;
    let result: Buffer;
    if (out.length === 0) {
      result = chunk;
    } else {
      out.push(chunk.subarray(spanStart));
      result = Buffer.concat(out);
    }
    this.bytesOut += result.length;
    return result;
  }

  /**
   * The bytes that close the message: the CRLF a last line lacks (a message always ends with a
   * line end, RFC 5321 section 4.1.1.4) and, for DATA, the "." line.
   */
  end(): Buffer {
    if (this.ended) throw new Error("MessageEncoder.end twice");
    this.ended = true;
    const parts: Buffer[] = [];
    if (this.pendingCr) parts.push(LF_BYTES);
    else if (!this.atLineStart) parts.push(CRLF_BYTES);
    if (this.dotStuff) parts.push(DOT_BYTES, CRLF_BYTES);
    const result = Buffer.concat(parts);
    this.bytesOut += result.length;
    return result;
  }
}

/** Encode a whole message held in memory: for tests and for sizing a message before MAIL. */
export function encodeMessage(message: Uint8Array, options: MessageEncoderOptions): Buffer {
  const encoder = new MessageEncoder(options);
  const body = encoder.push(message);
  return Buffer.concat([body, encoder.end()]);
}

/**
 * What MAIL FROM needs to know about a message held in memory, in one pass: its size as the
 * server counts it for SIZE= (RFC 1870 section 3: CRLF line ends, before dot-stuffing) and
 * whether it has 8-bit bytes (RFC 6152: BODY=8BITMIME).
 */
export function inspectMessage(message: Uint8Array): { size: number; eightBit: boolean } {
  const bytes = Buffer.isBuffer(message)
    ? message
    : Buffer.from(message.buffer, message.byteOffset, message.byteLength);
  let size = bytes.length;
  let cr = bytes.indexOf(CR);
  let lf = bytes.indexOf(LF);
  while (cr !== -1 || lf !== -1) {
    if (cr !== -1 && (lf === -1 || cr < lf)) {
      let next = cr + 1;
      if (lf === next) {
        next = lf + 1;
        lf = bytes.indexOf(LF, next);
      } else {
        size++; // a bare CR, sent as CRLF
      }
      cr = bytes.indexOf(CR, next);
    } else {
      size++; // a bare LF, sent as CRLF
      lf = bytes.indexOf(LF, lf + 1);
    }
  }
  const last = bytes[bytes.length - 1];
  if (last !== undefined && last !== LF && last !== CR) size += 2;
  return { size, eightBit: !isAscii(bytes) };
}
