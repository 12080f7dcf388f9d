/**
 * The parser's core: a state machine over bytes that arrive in chunks (or all at once), which
 * finds header blocks and boundaries, builds the part tree with byte offsets and IMAP section
 * numbers, and hands each leaf's raw body bytes to a hook. `parser.ts` (whole message) and
 * `stream-parser.ts` both drive this one machine, so they cannot disagree about structure.
 *
 * This module feeds the input through it: header blocks to their collector, body bytes to the
 * body splitter (body-splitter.ts), which finds the boundary lines; the part tree (part-tree.ts)
 * keeps the open entities and counts them against the limits (limit-ledger.ts).
 *
 * Linear time: each byte is looked at a bounded number of times. Memory: only the unfinished
 * line at a chunk's end is kept between chunks, plus the header block being collected (capped).
 */
import { BodySplitter } from "./body-splitter.ts";
import type { BoundaryMatcher } from "./boundary-matcher.ts";
import { ChunkWindow } from "./chunk-window.ts";
import type { MimeLimits } from "./limits.ts";
import type { ParsedPart } from "./part.ts";
import { PartTree } from "./part-tree.ts";
import {
  Phase,
  type ScannerContext,
  type ScannerHooks,
  type ScannerOptions,
} from "./scanner-frame.ts";

const CR = 0x0d;
const LF = 0x0a;

export class MimeScanner {
  private readonly input = new ChunkWindow();
  private readonly tree: PartTree;
  private readonly matcher: BoundaryMatcher;
  private readonly body: BodySplitter;
  private finished = false;

  constructor(
    private readonly hooks: ScannerHooks,
    limits: MimeLimits,
    context: ScannerContext,
    private readonly options: ScannerOptions = {},
  ) {
    const embed = (nested: ScannerOptions) => new MimeScanner(hooks, limits, context, nested);
    this.tree = new PartTree(hooks, limits, context, options, embed);
    this.matcher = this.tree.matcher;
    this.body = new BodySplitter(this.matcher, this.tree);
  }

  /** The mbox `From ` line before the top-level header block, when there was one. */
  get unixFrom(): string | null {
    return this.tree.unixFrom;
  }

  write(chunk: Uint8Array): void {
    if (this.finished || chunk.length === 0) return;
    const data = this.input.push(plainBytes(chunk));
    if (data === null) return;
    const dataAbs = this.input.start;
    const pos = this.process(data, dataAbs, false);
    this.tree.lines.at(data, dataAbs, dataAbs + pos);
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
      const innermost = this.tree.innermostMultipart();
      if (innermost !== -1) {
        const { last: b1, beforeLast: b2 } = this.input;
        const cut = end - (b1 === LF ? (b2 === CR ? 2 : 1) : 0);
        this.tree.endAbove(innermost, data, dataAbs, cut, end);
      }
      this.tree.endAbove(-1, data, dataAbs, end, end);
      this.finished = true;
    }
    return this.tree.root!;
  }

  /** Runs the machine over `data`; returns how many bytes were consumed. */
  private process(data: Uint8Array, dataAbs: number, final: boolean): number {
    this.hooks.window?.(data, dataAbs, this.options.decodedFrom ?? null);
    let pos = 0;
    const end = data.length;
    for (let top = this.tree.top(); top !== undefined; top = this.tree.top()) {
      if (top.phase === Phase.Headers) {
        const r = top.collector!.collect(data, pos, end, dataAbs, final, this.matcher.probe);
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
          this.tree.dropEmptyPart();
          continue;
        }
        this.tree.headersDone(top, data, dataAbs, dataAbs + pos);
        this.body.bodyStarts(dataAbs + pos);
        if (r.status === "eof") return pos;
        continue;
      }
      const next = this.body.scan(data, dataAbs, pos, end, final);
      if (next < 0) return -next - 1;
      pos = next;
    }
    return end;
  }
}

/** A plain Uint8Array view of the same memory (Node Buffers' subarray() is costlier). */
export function plainBytes(bytes: Uint8Array): Uint8Array {
  return Object.getPrototypeOf(bytes) === Uint8Array.prototype
    ? bytes
    : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
