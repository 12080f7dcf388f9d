/**
 * Collects one entity's header block from bytes that arrive in pieces, line by line, within the
 * limits. Where the block ends:
 * - at the first empty line (RFC 5322 section 2.1), or at a boundary line of an enclosing
 *   multipart (a part with headers and no body), or at the end of input;
 * - at the first line that is not a header when no header has been seen (a part without
 *   headers: its body starts right there);
 * - at a later line that is not a header (`name:`) nor a continuation, unless it is evidently a
 *   broken fold: the line after it is a header again, or it continues a parameter list that
 *   ended in `;`. Python's email package ends the block at any such line (the corpus README,
 *   item 1); Thunderbird and most parsers read on. Reading on with this test keeps both the
 *   "no blank line before the body" messages and the "unindented continuation" ones right.
 * Obsolete syntax (RFC 5322 section 4.5) is accepted: white space before the colon, and 8-bit
 * bytes in names are tolerated. An mbox `From ` line first in the block is the envelope line;
 * elsewhere it is dropped.
 */
import type { RawField } from "./header-block.ts";
import { MAX_FIELD_NAME_SCAN, type MimeLimits, type MimeWarningCode } from "./limits.ts";

// Byte values as local constants: hot loops compare against them per byte, and an
// imported binding can cost a property lookup per use under some module loaders.
const COLON = 0x3a;
const CR = 0x0d;
const DASH = 0x2d;
const HT = 0x09;
const LF = 0x0a;
const SP = 0x20;

export type CollectStatus = "more" | "blank" | "body" | "boundary" | "eof";

export interface CollectResult {
  status: CollectStatus;
  /** Position (in `data`) up to which bytes were used; for "blank" the body starts here, for
   * "body" and "boundary" the line at `pos` is not part of the header block. */
  pos: number;
}

/** Answers whether a boundary line starts at `pos`: 1 yes, 0 no, -1 need more data. */
export type BoundaryProbe = (data: Uint8Array, pos: number, end: number, final: boolean) => number;

export type HeaderLimitHit = "line" | "block" | "count";

function isNameByte(b: number): boolean {
  return b > 0x20 && b !== COLON && b !== 0x7f;
}

function isFromLine(data: Uint8Array, pos: number, end: number): boolean {
  return (
    end - pos >= 5 &&
    data[pos] === 0x46 &&
    data[pos + 1] === 0x72 &&
    data[pos + 2] === 0x6f &&
    data[pos + 3] === 0x6d &&
    data[pos + 4] === SP
  );
}

/** Index of the colon ending a field name at `pos`, -1 when the line is not `name *WSP :`. */
function nameEnd(data: Uint8Array, pos: number, end: number): number {
  let i = pos;
  while (i < end && isNameByte(data[i]!)) i++;
  if (i === pos) return -1;
  while (i < end && (data[i] === SP || data[i] === HT)) i++;
  return i < end && data[i] === COLON ? i : -1;
}

const AHEAD_HEADER = 1;
const AHEAD_OTHER = 0;
const AHEAD_NEED = -1;

export class HeaderCollector {
  readonly fields: RawField[] = [];
  /** The mbox envelope line, when the block started with one. */
  unixFrom: string | null = null;
  /** Problems met, for the part's `defects`. */
  readonly defects: string[] = [];
  readonly limitsHit = new Set<HeaderLimitHit>();

  private current: {
    name: Uint8Array;
    chunks: Uint8Array[];
    length: number;
    offset: number;
    truncated: boolean;
  } | null = null;
  /** The current field was dropped by a limit: its continuations go too. */
  private dropping = false;
  private retained = 0;
  private lines = 0;
  private skipping = false;

  constructor(
    private readonly limits: MimeLimits,
    /** Whether an initial `From ` line is the envelope (top-level message only). */
    private readonly envelopeAllowed: boolean,
  ) {}

  /**
   * Consumes complete lines of `data[pos, end)`; `abs` is the absolute offset of `data[0]`.
   */
  collect(
    data: Uint8Array,
    pos: number,
    end: number,
    abs: number,
    final: boolean,
    probe: BoundaryProbe,
  ): CollectResult {
    const maxLine = this.limits.maxHeaderLineBytes;
    for (;;) {
      if (this.skipping) {
        // The rest of an over-long line: discard without buffering.
        const lf = data.indexOf(LF, pos);
        if (lf === -1 || lf >= end) return { status: final ? "eof" : "more", pos: end };
        pos = lf + 1;
        this.skipping = false;
        continue;
      }
      if (pos >= end) return { status: final ? "eof" : "more", pos };
      if (data[pos] === DASH) {
        const b = probe(data, pos, end, final);
        if (b < 0) return { status: "more", pos };
        if (b > 0) return { status: "boundary", pos };
      }
      let lf = data.indexOf(LF, pos);
      if (lf >= end) lf = -1;
      let next: number;
      let contentEnd: number;
      if (lf === -1) {
        if (!final && end - pos <= maxLine) return { status: "more", pos };
        contentEnd = end;
        next = final ? end : pos + maxLine;
      } else {
        contentEnd = lf;
        next = lf + 1;
      }
      if (contentEnd > pos && data[contentEnd - 1] === CR) contentEnd--;
      if (contentEnd === pos) return { status: "blank", pos: next };
      // A line longer than the limit is judged and kept by its first `maxLine` bytes only, the
      // same whether or not its end has arrived yet (stream and whole parses must agree).
      const overlong = contentEnd - pos > maxLine;
      const stop = overlong ? pos + maxLine : contentEnd;

      const first = data[pos]!;
      const firstLine = this.lines === 0;
      if (first === SP || first === HT) {
        if (this.current || this.dropping) this.append(data, pos, stop, false, overlong);
        else this.defects.push("first-line-continuation");
      } else if (isFromLine(data, pos, stop) && nameEnd(data, pos, stop) === -1) {
        if (firstLine && this.envelopeAllowed) {
          this.unixFrom = new TextDecoder().decode(data.subarray(pos, stop));
        } else {
          this.defects.push("misplaced-envelope-line");
        }
      } else if (first === COLON) {
        this.defects.push("missing-header-name"); // `: value` - nothing to file it under
      } else {
        const colon = nameEnd(data, pos, stop);
        if (colon !== -1) {
          this.startField(data, pos, colon, stop, abs, overlong);
        } else {
          if (this.fields.length === 0 && !this.current && !this.dropping)
            return { status: "body", pos };
          if (overlong || first === DASH) return this.endWithoutBlank(pos);
          if (!this.continuesParameters(data, pos, stop)) {
            const ahead = lookAhead(data, next, end, final);
            if (ahead === AHEAD_NEED) return { status: "more", pos };
            if (ahead !== AHEAD_HEADER) return this.endWithoutBlank(pos);
          }
          this.append(data, pos, stop, true, false);
          this.noteOnce("unindented-continuation");
        }
      }
      this.lines++;
      // The rest of an over-long line that has not fully arrived is skipped, not buffered.
      if (lf === -1 && !final) this.skipping = true;
      pos = next;
    }
  }

  private noteOnce(defect: string): void {
    if (!this.defects.includes(defect)) this.defects.push(defect);
  }

  private endWithoutBlank(pos: number): CollectResult {
    this.defects.push("missing-header-body-separator");
    return { status: "body", pos };
  }

  /** `Content-Type: multipart/mixed;` + newline + `boundary="x"`: a parameter list goes on. */
  private continuesParameters(data: Uint8Array, pos: number, end: number): boolean {
    const cur = this.current;
    if (!cur || cur.length === 0) return false;
    const last = cur.chunks[cur.chunks.length - 1]!;
    let k = last.length - 1;
    while (k >= 0 && (last[k] === SP || last[k] === HT)) k--;
    if (k < 0 || last[k] !== 0x3b) return false;
    let i = pos;
    while (i < end && /[A-Za-z0-9_.*-]/.test(String.fromCharCode(data[i]!))) i++;
    while (i < end && (data[i] === SP || data[i] === HT)) i++;
    return i > pos && data[i] === 0x3d;
  }

  private startField(
    data: Uint8Array,
    pos: number,
    colon: number,
    end: number,
    abs: number,
    cut: boolean,
  ): void {
    this.finishField();
    let nameStop = colon;
    while (nameStop > pos && (data[nameStop - 1] === SP || data[nameStop - 1] === HT)) nameStop--;
    if (nameStop !== colon) this.noteOnce("obsolete-header-syntax"); // `Name :` (RFC 5322 4.5)
    for (let i = pos; i < nameStop; i++) {
      if (data[i]! >= 0x80) {
        this.noteOnce("8bit-header-name");
        break;
      }
    }
    if (this.fields.length >= this.limits.maxHeaders) {
      this.limitsHit.add("count");
      this.dropping = true;
      return;
    }
    const length = end - pos;
    if (
      this.retained + Math.min(length, this.limits.maxHeaderLineBytes) >
      this.limits.maxHeaderBlockBytes
    ) {
      this.limitsHit.add("block");
      this.dropping = true;
      return;
    }
    this.dropping = false;
    this.current = {
      name: data.slice(pos, nameStop),
      chunks: [],
      length: 0,
      offset: abs + pos,
      truncated: false,
    };
    this.retained += nameStop - pos;
    this.pushValue(data, colon + 1, end);
    if (cut) this.markCut();
  }

  private append(
    data: Uint8Array,
    pos: number,
    end: number,
    unindented: boolean,
    cut: boolean,
  ): void {
    if (this.dropping || !this.current) return;
    if (unindented) this.pushValue(new Uint8Array([SP]), 0, 1);
    this.pushValue(data, pos, end);
    if (cut) this.markCut();
  }

  private markCut(): void {
    if (this.current) this.current.truncated = true;
    this.limitsHit.add("line");
  }

  private pushValue(data: Uint8Array, pos: number, end: number): void {
    const cur = this.current!;
    const room = this.limits.maxHeaderLineBytes - cur.name.length - cur.length;
    let stop = end;
    if (end - pos > room) {
      stop = pos + Math.max(0, room);
      cur.truncated = true;
      this.limitsHit.add("line");
    }
    const blockRoom = this.limits.maxHeaderBlockBytes - this.retained;
    if (stop - pos > blockRoom) {
      stop = pos + Math.max(0, blockRoom);
      this.limitsHit.add("block");
    }
    if (stop > pos) {
      cur.chunks.push(data.slice(pos, stop));
      cur.length += stop - pos;
      this.retained += stop - pos;
    }
  }

  private finishField(): void {
    const cur = this.current;
    if (!cur) return;
    let value: Uint8Array;
    if (cur.chunks.length === 1) value = cur.chunks[0]!;
    else {
      value = new Uint8Array(cur.length);
      let o = 0;
      for (const chunk of cur.chunks) {
        value.set(chunk, o);
        o += chunk.length;
      }
    }
    this.fields.push({ name: cur.name, value, offset: cur.offset, truncated: cur.truncated });
    this.current = null;
  }

  /** Completes the block: the collected fields. */
  finish(): RawField[] {
    this.finishField();
    return this.fields;
  }
}

/** Classifies the line starting at `pos` for the broken-fold test. */
function lookAhead(data: Uint8Array, pos: number, end: number, final: boolean): number {
  if (pos >= end) return final ? AHEAD_OTHER : AHEAD_NEED;
  const first = data[pos]!;
  if (first === SP || first === HT) {
    // A continuation, unless the line is blank (white space only ends nothing here, but a
    // fold right after junk is no evidence of headers either).
    let i = pos;
    while (i < end && (data[i] === SP || data[i] === HT)) i++;
    if (i >= end) return final ? AHEAD_OTHER : AHEAD_NEED;
    return data[i] === CR || data[i] === LF ? AHEAD_OTHER : AHEAD_HEADER;
  }
  if (first === CR || first === LF || first === DASH) return AHEAD_OTHER;
  const limit = Math.min(end, pos + MAX_FIELD_NAME_SCAN);
  let i = pos;
  while (i < limit && isNameByte(data[i]!)) i++;
  while (i < limit && (data[i] === SP || data[i] === HT)) i++;
  if (i < limit) return data[i] === COLON && i > pos ? AHEAD_HEADER : AHEAD_OTHER;
  return final || limit < end ? AHEAD_OTHER : AHEAD_NEED;
}

/** The warnings for the limits a header block hit. */
export function headerWarnings(
  hits: ReadonlySet<HeaderLimitHit>,
  encodedWordLimited: boolean,
): { code: MimeWarningCode; message: string }[] {
  const out: { code: MimeWarningCode; message: string }[] = [];
  if (hits.has("line"))
    out.push({
      code: "header-line-limit",
      message: "a header field was cut at maxHeaderLineBytes",
    });
  if (hits.has("block"))
    out.push({
      code: "header-block-limit",
      message: "header fields past maxHeaderBlockBytes were dropped",
    });
  if (hits.has("count"))
    out.push({ code: "header-count-limit", message: "header fields past maxHeaders were dropped" });
  if (encodedWordLimited)
    out.push({
      code: "encoded-word-limit",
      message: "encoded words past maxEncodedWords were left undecoded",
    });
  return out;
}
