/**
 * The parser's core: a state machine over bytes that arrive in chunks (or all at once), which
 * finds header blocks and boundaries, builds the part tree with byte offsets and IMAP section
 * numbers, and hands each leaf's raw body bytes to a hook. `parser.ts` (whole message) and
 * `stream-parser.ts` both drive this one machine, so they cannot disagree about structure.
 *
 * Linear time: each byte is looked at a bounded number of times (memchr-style `indexOf` for
 * `-` finds boundary candidates; base64 bodies contain none). Memory: only the unfinished line
 * at a chunk's end is kept between chunks, plus the header block being collected (capped).
 *
 * RFC 2046 section 5.1: a multipart's body is a preamble, parts separated by `--boundary`
 * lines, the close delimiter `--boundary--`, and an epilogue. Damage handled as clients do:
 * a missing close delimiter ends the parts at the end of the enclosing entity; a boundary of an
 * enclosing multipart ends the inner ones; a multipart in which no boundary is found at all
 * becomes a leaf holding its body (Python does the same; Thunderbird shows it as text).
 */
import { BoundaryMatcher } from "./boundary-scanner.ts";
import { bytesOfBinaryString } from "./bytes.ts";
import { ChunkWindow } from "./chunk-window.ts";
import { decideEntity } from "./entity-kind.ts";
import { buildHeaderList } from "./header-block.ts";
import { HeaderCollector, headerWarnings } from "./header-collector.ts";
import type { MimeLimits, MimeWarningCode } from "./limits.ts";
import { LineCounter } from "./line-counter.ts";
import { createPart, type ParsedPart } from "./part.ts";
import {
  createFrame,
  type Frame,
  holdBack,
  Phase,
  type ScannerContext,
  type ScannerHooks,
  type ScannerOptions,
} from "./scanner-frame.ts";
import { createTransferDecoder } from "./transfer-encoding.ts";

// Byte values as local constants: hot loops compare against them per byte, and an
// imported binding can cost a property lookup per use under some module loaders.
const CR = 0x0d;
const DASH = 0x2d;
const LF = 0x0a;
/** BoundaryMatcher.match results (see boundary-scanner.ts), local for the same reason. */
const NO_MATCH = -1;
const NEED_MORE = -2;

export class MimeScanner {
  private readonly frames: Frame[] = [];
  private readonly matcher = new BoundaryMatcher();
  private readonly lines = new LineCounter();
  private readonly input = new ChunkWindow();
  /** Absolute position that starts a line with no line end before it in the current body. */
  private lineStartAbs = 0;
  /** Where the line end before `lineStartAbs` starts (equal to it after a header block). */
  private lineStartNlAbs = 0;
  private root: ParsedPart | null = null;
  private finished = false;
  private readonly warned = new Set<string>();
  unixFrom: string | null = null;

  constructor(
    private readonly hooks: ScannerHooks,
    private readonly limits: MimeLimits,
    private readonly context: ScannerContext,
    private readonly options: ScannerOptions = {},
  ) {
    const base = options.baseSection ?? null;
    context.parts.count++;
    this.frames.push(
      this.newFrame(
        null,
        0,
        options.baseDepth ?? 0,
        "text/plain",
        base ?? "",
        base === null ? "1" : `${base}.1`,
      ),
    );
  }

  private newFrame(
    parent: Frame | null,
    headerStart: number,
    depth: number,
    defaultType: string,
    sectionIfMultipart: string,
    sectionIfLeaf: string,
  ): Frame {
    const envelope = parent === null && (this.options.envelope ?? false);
    const collector = new HeaderCollector(this.limits, envelope);
    return createFrame(
      parent,
      collector,
      headerStart,
      depth,
      defaultType,
      sectionIfMultipart,
      sectionIfLeaf,
    );
  }

  private warn(code: MimeWarningCode, section: string, message: string): void {
    const key = `${code}:${section}`;
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.context.warnings.push({ code, section, message });
  }

  write(chunk: Uint8Array): void {
    if (this.finished || chunk.length === 0) return;
    const data = this.input.push(plainBytes(chunk));
    if (data === null) return;
    const dataAbs = this.input.start;
    const pos = this.process(data, dataAbs, false);
    this.lines.at(data, dataAbs, dataAbs + pos);
    this.input.consumed(data, pos);
  }

  /** Ends the input (optionally with a last chunk) and returns the root entity. */
  finish(last?: Uint8Array): ParsedPart {
    if (!this.finished) {
      const dataAbs = this.input.start;
      const data = this.input.drain(last && plainBytes(last));
      this.process(data, dataAbs, true);
      const end = this.input.received;
      // Input ending inside a multipart is a missing close delimiter: the final line end would
      // have belonged to it, so the parts inside end before it (as Python reads it too).
      const innermost = this.innermostMultipart();
      if (innermost !== -1) {
        const { last: b1, beforeLast: b2 } = this.input;
        const cut = end - (b1 === LF ? (b2 === CR ? 2 : 1) : 0);
        this.endAbove(innermost, data, dataAbs, cut, end);
      }
      this.endAbove(-1, data, dataAbs, end, end);
      this.finished = true;
    }
    return this.root!;
  }

  /**
   * Where body bytes stop at the end of input: a leaf inside a multipart whose close delimiter
   * never came ends before the final line end (see `finish`).
   */
  private finalStop(data: Uint8Array, pos: number, end: number): number {
    const phase = this.top().phase;
    if ((phase === Phase.Leaf || phase === Phase.Encoded) && this.innermostMultipart() !== -1) {
      return holdBack(data, pos, end);
    }
    return end;
  }

  private top(): Frame {
    return this.frames[this.frames.length - 1]!;
  }

  private innermostMultipart(): number {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const phase = this.frames[i]!.phase;
      if (phase === Phase.Parts || phase === Phase.Overflow) return i;
    }
    return -1;
  }

  private probe = (data: Uint8Array, pos: number, end: number, final: boolean): number => {
    const level = this.matcher.match(data, pos, end, final);
    return level === NEED_MORE ? -1 : level === NO_MATCH ? 0 : 1;
  };

  /** Runs the machine over `data`; returns how many bytes were consumed. */
  private process(data: Uint8Array, dataAbs: number, final: boolean): number {
    this.hooks.window?.(data, dataAbs, this.options.decodedFrom ?? null);
    let pos = 0;
    const end = data.length;
    while (this.frames.length > 0) {
      const top = this.frames[this.frames.length - 1]!;
      if (top.phase === Phase.Headers) {
        const r = top.collector!.collect(data, pos, end, dataAbs, final, this.probe);
        if (r.status === "more") return r.pos;
        pos = r.pos;
        if (
          r.status === "boundary" &&
          top.headerStart === dataAbs + pos &&
          top.parent?.phase === Phase.Parts &&
          this.matcher.match(data, pos, end, final) >= 0 &&
          !this.matcher.close
        ) {
          // Two boundary lines in a row: no empty part between them (Python reads RFC 2046's
          // grammar so too, and an empty part only clutters the attachment list).
          this.frames.pop();
          top.parent.part!.children.pop();
          this.context.parts.count--;
          continue;
        }
        this.headersDone(top, data, dataAbs, dataAbs + pos);
        this.lineStartAbs = this.lineStartNlAbs = dataAbs + pos;
        if (r.status === "eof") return pos;
        continue;
      }
      const next = this.scanBody(data, dataAbs, pos, end, final);
      if (next < 0) return -next - 1;
      pos = next;
    }
    return end;
  }

  /**
   * Passes body bytes on until a boundary line. Returns the position after the boundary line
   * (phase changed), or `-(pos + 1)` when the data is used up (`pos` = bytes consumed).
   */
  private scanBody(
    data: Uint8Array,
    dataAbs: number,
    pos: number,
    end: number,
    final: boolean,
  ): number {
    if (!this.matcher.active) {
      const stop = final ? this.finalStop(data, pos, end) : holdBack(data, pos, end);
      this.emit(data, pos, stop);
      return -(stop + 1);
    }
    let from = pos;
    let atLineStart = this.lineStartAbs === dataAbs + pos;
    for (;;) {
      let c: number;
      if (atLineStart) {
        c = from;
        atLineStart = false;
      } else {
        // A candidate is a `-` right after LF; `data[0]` is never one (a line end before it
        // would have been held back with it, and a body start is `atLineStart`).
        c = data.indexOf(DASH, from);
        while (c !== -1 && (c === 0 || data[c - 1] !== LF)) c = data.indexOf(DASH, c + 1);
        if (c === -1) {
          const stop = final ? this.finalStop(data, pos, end) : holdBack(data, pos, end);
          this.emit(data, pos, stop);
          return -(stop + 1);
        }
      }
      // Where the line end before this line starts. The first line of a body has none, unless
      // the line before was a boundary line, whose line end then serves both: in
      // "--inner--" CRLF "--outer", that CRLF belongs to the outer delimiter too.
      const nl =
        dataAbs + c === this.lineStartAbs
          ? Math.min(c, this.lineStartNlAbs - dataAbs)
          : c >= 2 && data[c - 2] === CR
            ? c - 2
            : c - 1;
      const level = this.matcher.match(data, c, end, final);
      if (level === NO_MATCH) {
        from = c + 1;
        continue;
      }
      if (level === NEED_MORE) {
        this.emit(data, pos, nl);
        return -(Math.max(pos, nl) + 1);
      }
      // A preamble keeps its last line end: it is the content if no part ever starts.
      this.emit(data, pos, this.top().phase === Phase.Preamble ? c : nl);
      const next = this.matcher.next;
      this.boundary(
        level,
        this.matcher.close,
        data,
        dataAbs,
        dataAbs + nl,
        dataAbs + c,
        dataAbs + next,
      );
      let lineEnd = next;
      if (lineEnd > c && data[lineEnd - 1] === LF) lineEnd--;
      if (lineEnd > c && data[lineEnd - 1] === CR) lineEnd--;
      this.lineStartAbs = dataAbs + next;
      this.lineStartNlAbs = dataAbs + lineEnd;
      return next;
    }
  }

  /** Hands body bytes [from, to) of the top frame to whoever wants them. */
  private emit(data: Uint8Array, from: number, to: number): void {
    if (to <= from) return;
    const top = this.frames[this.frames.length - 1]!;
    if (top.phase === Phase.Leaf || top.phase === Phase.Preamble) {
      this.hooks.body?.(top.part!, data.subarray(from, to));
    } else if (top.phase === Phase.Encoded) {
      const decoded = top.embedded!.decoder.update(data.subarray(from, to));
      if (decoded.length > 0) top.embedded!.scanner.write(decoded);
    }
  }

  /** A boundary of the frame at `level`: ends everything above it, then opens or closes. */
  private boundary(
    level: number,
    close: boolean,
    data: Uint8Array,
    dataAbs: number,
    nlAbs: number,
    lineAbs: number,
    nextAbs: number,
  ): void {
    this.endAbove(level, data, dataAbs, nlAbs, lineAbs);
    const frame = this.frames[level]!;
    const part = frame.part!;
    if (frame.phase === Phase.Preamble) part.contentEnd = lineAbs;
    if (close) {
      frame.phase = Phase.Epilogue;
      this.matcher.set(level, null);
      return;
    }
    if (frame.phase === Phase.Overflow) return;
    if (this.context.parts.count >= this.limits.maxParts) {
      frame.phase = Phase.Overflow;
      this.warn(
        "part-limit",
        part.section,
        `more than ${this.limits.maxParts} parts: the rest are not parsed`,
      );
      return;
    }
    frame.phase = Phase.Parts;
    this.context.parts.count++;
    const index = part.children.length + 1;
    const section = part.section ? `${part.section}.${index}` : String(index);
    const defaultType = part.contentType === "multipart/digest" ? "message/rfc822" : "text/plain";
    this.frames.push(this.newFrame(frame, nextAbs, frame.depth + 1, defaultType, section, section));
    // The placeholder keeps sibling numbering right while this child's headers arrive.
    part.children.push(null as unknown as ParsedPart);
  }

  /** Ends every frame above `level` at `endAbs` (see endFrame for `lineAbs`). */
  private endAbove(
    level: number,
    data: Uint8Array,
    dataAbs: number,
    endAbs: number,
    lineAbs: number,
  ): void {
    while (this.frames.length - 1 > level) {
      const top = this.frames[this.frames.length - 1]!;
      if (top.phase === Phase.Headers) this.headersDone(top, data, dataAbs, endAbs);
      else this.endFrame(data, dataAbs, endAbs, lineAbs);
    }
  }

  /** The header block of `frame` is complete; `bodyAbs` is where its body starts. */
  private headersDone(frame: Frame, data: Uint8Array, dataAbs: number, bodyAbs: number): void {
    const collector = frame.collector!;
    frame.collector = null;
    const built = buildHeaderList(collector.finish(), this.limits.maxEncodedWords);
    const { part } = createPart(built.headers, {
      section: frame.sectionIfLeaf,
      defaultType: frame.defaultType,
      headerStart: frame.headerStart,
      bodyStart: bodyAbs,
      depth: frame.depth,
      decodedFrom: this.options.decodedFrom ?? null,
    });
    frame.part = part;
    part.defects.push(...collector.defects);
    if (collector.unixFrom !== null) this.unixFrom = collector.unixFrom;
    for (const w of headerWarnings(collector.limitsHit, built.encodedWordLimited)) {
      this.warn(w.code, frame.sectionIfLeaf, w.message);
    }
    if (frame.parent) {
      const siblings = frame.parent.part!.children;
      if (frame.parent.phase === Phase.Message || frame.parent.phase === Phase.Encoded)
        siblings[0] = part;
      else siblings[siblings.length - 1] = part;
    } else {
      this.root = part;
    }

    const decision = decideEntity(part, frame.depth, this.context.parts.count, this.limits);
    part.defects.push(...decision.defects);
    if (decision.warning) this.warn(decision.warning.code, part.section, decision.warning.message);
    if (decision.kind === "multipart") {
      part.kind = "multipart";
      part.section = frame.sectionIfMultipart;
      frame.phase = Phase.Preamble;
      this.matcher.set(this.frames.indexOf(frame), bytesOfBinaryString(decision.boundary!));
    } else if (decision.kind === "leaf") {
      frame.phase = Phase.Leaf;
      if (part.contentType.startsWith("text/")) this.startLines(frame, data, dataAbs, bodyAbs);
    } else {
      part.kind = "message";
      this.startLines(frame, data, dataAbs, bodyAbs);
      part.children.push(null as unknown as ParsedPart);
      if (decision.kind === "encoded-message") {
        frame.phase = Phase.Encoded;
        // The nested scanner counts its root itself.
        const scanner = new MimeScanner(this.hooks, this.limits, this.context, {
          baseSection: part.section,
          baseDepth: frame.depth + 1,
          decodedFrom: part.section,
        });
        frame.embedded = { decoder: createTransferDecoder(part.transferEncoding), scanner };
      } else {
        frame.phase = Phase.Message;
        this.context.parts.count++;
        this.frames.push(
          this.newFrame(
            frame,
            bodyAbs,
            frame.depth + 1,
            "text/plain",
            part.section,
            `${part.section}.1`,
          ),
        );
      }
    }
    this.hooks.start?.(part);
  }

  private startLines(frame: Frame, data: Uint8Array, dataAbs: number, abs: number): void {
    frame.countsLines = true;
    frame.linesStart = this.lines.begin(data, dataAbs, abs);
  }

  /**
   * Ends the top frame at absolute position `endAbs`. `lineAbs` is where the line that ended it
   * starts: a multipart without parts keeps its preamble up to there, line end included (what
   * Python keeps; the line end only belongs to a boundary that separates parts).
   */
  private endFrame(data: Uint8Array, dataAbs: number, endAbs: number, lineAbs: number): void {
    const frame = this.frames.pop()!;
    const part = frame.part!;
    this.matcher.truncate(this.frames.length);
    part.offsets.bodyEnd = Math.max(endAbs, part.offsets.bodyStart);
    part.size = part.offsets.bodyEnd - part.offsets.bodyStart;
    if (frame.countsLines)
      part.lines = this.lines.end(data, dataAbs, part.offsets.bodyEnd, frame.linesStart);
    switch (frame.phase) {
      case Phase.Preamble:
      case Phase.Epilogue:
      case Phase.Parts:
      case Phase.Overflow:
        if (frame.phase === Phase.Preamble)
          part.contentEnd = Math.max(lineAbs, part.offsets.bodyStart);
        if (part.children.length === 0) {
          // No boundary line at all: the body is all there is (RFC 2046 gives no better reading).
          part.kind = "leaf";
          part.section = frame.sectionIfLeaf;
          part.defects.push("missing-start-boundary");
        } else {
          part.contentEnd = part.offsets.bodyEnd;
          if (frame.phase !== Phase.Epilogue) part.defects.push("missing-close-boundary");
        }
        break;
      case Phase.Encoded: {
        const { decoder, scanner } = frame.embedded!;
        const rest = decoder.finalize();
        part.children[0] = scanner.finish(rest.length > 0 ? rest : undefined);
        part.contentEnd = part.offsets.bodyEnd;
        break;
      }
      default:
        part.contentEnd = part.offsets.bodyEnd;
    }
    this.hooks.end?.(part);
  }
}

/** A plain Uint8Array view of the same memory (Node Buffers' subarray() is costlier). */
export function plainBytes(bytes: Uint8Array): Uint8Array {
  return Object.getPrototypeOf(bytes) === Uint8Array.prototype
    ? bytes
    : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
