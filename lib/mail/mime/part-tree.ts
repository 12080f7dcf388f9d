/**
 * The scanner's part bookkeeping: one frame per open entity, innermost on top, and the tree of
 * parts they build. It decides what an entity becomes once its header block is parsed
 * (entity-kind.ts), opens a part at each boundary, routes body bytes to whoever wants them, and
 * ends entities with their offsets, size, line count, kind and IMAP section final.
 *
 * RFC 2046 section 5.1 damage is read as clients read it: a missing close delimiter ends the
 * parts at the end of the enclosing entity; a boundary of an enclosing multipart ends the inner
 * ones; a multipart in which no boundary is found at all becomes a leaf holding its body (Python
 * does the same; Thunderbird shows it as text).
 */
import { BoundaryMatcher } from "./boundary-matcher.ts";
import { bytesOfBinaryString } from "./bytes.ts";
import { decideEntity } from "./entity-kind.ts";
import { buildHeaderList } from "./header-block.ts";
import { HeaderCollector, headerWarnings } from "./header-collector.ts";
import { LimitLedger } from "./limit-ledger.ts";
import type { MimeLimits } from "./limits.ts";
import { LineCounter } from "./line-counter.ts";
import { createPart, type ParsedPart } from "./part.ts";
import {
  createFrame,
  type EmbeddedScan,
  type Frame,
  type FrameStart,
  Phase,
  type ScannerContext,
  type ScannerHooks,
  type ScannerOptions,
  settleContent,
} from "./scanner-frame.ts";
import { createTransferDecoder } from "./transfer-encoding.ts";

export class PartTree {
  private readonly frames: Frame[] = [];
  /** The boundary of each open multipart, by frame level. */
  readonly matcher = new BoundaryMatcher();
  /** Advanced by the scanner over each chunk while its bytes are in hand. */
  readonly lines = new LineCounter();
  private readonly ledger: LimitLedger;
  root: ParsedPart | null = null;
  /** The mbox `From ` line of the top-level header block, when there was one. */
  unixFrom: string | null = null;

  constructor(
    private readonly hooks: ScannerHooks,
    private readonly limits: MimeLimits,
    context: ScannerContext,
    private readonly options: ScannerOptions,
    /** A scanner for the decoded body of a base64/QP message/rfc822 part. */
    private readonly embed: (options: ScannerOptions) => EmbeddedScan["scanner"],
  ) {
    this.ledger = new LimitLedger(limits, context);
    const base = options.baseSection ?? null;
    this.ledger.countPart();
    this.open({
      parent: null,
      headerStart: 0,
      depth: options.baseDepth ?? 0,
      defaultType: "text/plain",
      sectionIfMultipart: base ?? "",
      sectionIfLeaf: base === null ? "1" : `${base}.1`,
    });
  }

  /** The innermost open entity; undefined once every entity has ended. */
  top(): Frame | undefined {
    return this.frames[this.frames.length - 1];
  }

  /** The level of the innermost open multipart, or -1. */
  innermostMultipart(): number {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const phase = this.frames[i]!.phase;
      if (phase === Phase.Parts || phase === Phase.Overflow) return i;
    }
    return -1;
  }

  private open(start: FrameStart): void {
    const envelope = start.parent === null && (this.options.envelope ?? false);
    this.frames.push(createFrame(start, new HeaderCollector(this.limits, envelope)));
  }

  /** The top frame is a part that a second boundary line closed before it had a header. */
  dropEmptyPart(): void {
    const frame = this.frames.pop()!;
    frame.parent!.part!.children.pop();
    this.ledger.uncountPart();
  }

  /** Hands body bytes [from, to) of the top frame to whoever wants them. */
  emit(data: Uint8Array, from: number, to: number): void {
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
  boundary(
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
    if (!this.ledger.admitPart(part.section)) {
      frame.phase = Phase.Overflow;
      return;
    }
    frame.phase = Phase.Parts;
    const index = part.children.length + 1;
    const section = part.section ? `${part.section}.${index}` : String(index);
    const defaultType = part.contentType === "multipart/digest" ? "message/rfc822" : "text/plain";
    this.open({
      parent: frame,
      headerStart: nextAbs,
      depth: frame.depth + 1,
      defaultType,
      sectionIfMultipart: section,
      sectionIfLeaf: section,
    });
    // The placeholder keeps sibling numbering right while this child's headers arrive.
    part.children.push(null as unknown as ParsedPart);
  }

  /** Ends every frame above `level` at `endAbs` (see endFrame for `lineAbs`). */
  endAbove(
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
  headersDone(frame: Frame, data: Uint8Array, dataAbs: number, bodyAbs: number): void {
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
      this.ledger.warn(w.code, frame.sectionIfLeaf, w.message);
    }
    if (frame.parent) {
      const siblings = frame.parent.part!.children;
      if (frame.parent.phase === Phase.Message || frame.parent.phase === Phase.Encoded)
        siblings[0] = part;
      else siblings[siblings.length - 1] = part;
    } else {
      this.root = part;
    }

    const decision = decideEntity(part, frame.depth, this.ledger.parts, this.limits);
    part.defects.push(...decision.defects);
    if (decision.warning) {
      this.ledger.warn(decision.warning.code, part.section, decision.warning.message);
    }
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
        const scanner = this.embed({
          baseSection: part.section,
          baseDepth: frame.depth + 1,
          decodedFrom: part.section,
        });
        frame.embedded = { decoder: createTransferDecoder(part.transferEncoding), scanner };
      } else {
        frame.phase = Phase.Message;
        this.ledger.countPart();
        this.open({
          parent: frame,
          headerStart: bodyAbs,
          depth: frame.depth + 1,
          defaultType: "text/plain",
          sectionIfMultipart: part.section,
          sectionIfLeaf: `${part.section}.1`,
        });
      }
    }
    this.hooks.start?.(part);
  }

  private startLines(frame: Frame, data: Uint8Array, dataAbs: number, abs: number): void {
    frame.countsLines = true;
    frame.linesStart = this.lines.begin(data, dataAbs, abs);
  }

  /** Ends the top frame at absolute position `endAbs` (see settleContent for `lineAbs`). */
  private endFrame(data: Uint8Array, dataAbs: number, endAbs: number, lineAbs: number): void {
    const frame = this.frames.pop()!;
    const part = frame.part!;
    this.matcher.truncate(this.frames.length);
    part.offsets.bodyEnd = Math.max(endAbs, part.offsets.bodyStart);
    part.size = part.offsets.bodyEnd - part.offsets.bodyStart;
    if (frame.countsLines)
      part.lines = this.lines.end(data, dataAbs, part.offsets.bodyEnd, frame.linesStart);
    settleContent(frame, lineAbs);
    this.hooks.end?.(part);
  }
}
