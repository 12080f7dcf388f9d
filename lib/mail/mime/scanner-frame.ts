/**
 * The scanner's bookkeeping types: one `Frame` per open entity (the top-level message, each
 * multipart and part, each embedded message), how a frame starts and how its content is settled
 * when it ends, and the hooks through which parsed parts leave.
 */
import type { HeaderCollector } from "./header-collector.ts";
import type { MimeWarning } from "./limits.ts";
import type { ParsedPart } from "./part.ts";
import type { TransferDecoder } from "./transfer-encoding.ts";

export interface ScannerHooks {
  /** An entity's headers are parsed. Its section is final unless it is a multipart that turns
   * out to have no parts (it then becomes a leaf, see `end`). */
  start?(part: ParsedPart): void;
  /** Raw (still transfer-encoded) body bytes of a leaf, in order; also a multipart's preamble. */
  body?(part: ParsedPart, bytes: Uint8Array): void;
  /** The entity is complete: offsets, size, lines, kind and section are final. */
  end?(part: ParsedPart): void;
  /**
   * The bytes about to be read, at their offset in this scanner's source: the message, or the
   * decoded body of the message/rfc822 part `decodedFrom`. Windows are contiguous and may
   * overlap (bytes held back at a chunk's end come again). An embedded message's bytes are
   * read as its parts, so this is how a stream parse keeps a message/rfc822 part's body.
   */
  window?(data: Uint8Array, offset: number, decodedFrom: string | null): void;
}

export interface ScannerContext {
  /** Shared across nested scanners so `maxParts` counts the whole tree. */
  parts: { count: number };
  warnings: MimeWarning[];
}

export interface ScannerOptions {
  /** Section of the message/rfc822 part whose body this scanner reads (null: top level). */
  baseSection?: string | null;
  baseDepth?: number;
  decodedFrom?: string | null;
  /** Treat an initial `From ` line as the mbox envelope (top-level messages). */
  envelope?: boolean;
}

/** What the bytes at the current position of an open entity are. */
export enum Phase {
  /** Its header block. */
  Headers,
  /** A leaf's body. */
  Leaf,
  /** A multipart's preamble (before its first boundary). */
  Preamble,
  /** A multipart with a part open (the part is the frame above it). */
  Parts,
  /** A multipart after its close delimiter. */
  Epilogue,
  /** A multipart past `maxParts`: boundaries still tracked, no parts made. */
  Overflow,
  /** A message/rfc822 whose embedded message is the frame above it. */
  Message,
  /** A base64/QP message/rfc822: body decoded into a nested scanner. */
  Encoded,
}

/** A nested scanner for an encoded message/rfc822 body, and the decoder that feeds it. */
export interface EmbeddedScan {
  decoder: TransferDecoder;
  scanner: { write(chunk: Uint8Array): void; finish(last?: Uint8Array): ParsedPart };
}

/** Where and how an entity begins: known before its header block is read. */
export interface FrameStart {
  parent: Frame | null;
  headerStart: number;
  depth: number;
  /** Content-Type when the header is missing (message/rfc822 inside multipart/digest). */
  defaultType: string;
  /** IMAP section if the entity is a multipart / if it is anything else (RFC 3501 6.4.5). */
  sectionIfMultipart: string;
  sectionIfLeaf: string;
}

export interface Frame extends FrameStart {
  phase: Phase;
  /** Null while the header block is still being collected. */
  part: ParsedPart | null;
  collector: HeaderCollector | null;
  linesStart: number;
  countsLines: boolean;
  embedded: EmbeddedScan | null;
}

/** A frame for an entity whose header block is about to be collected. */
export function createFrame(start: FrameStart, collector: HeaderCollector): Frame {
  return {
    ...start,
    phase: Phase.Headers,
    part: null,
    collector,
    linesStart: 0,
    countsLines: false,
    embedded: null,
  };
}

/**
 * Where an ended entity's content stops, and what it turned out to be, by the phase it ended
 * in. `lineAbs` is where the line that ended it starts: a multipart without parts keeps its
 * preamble up to there, line end included (what Python keeps; the line end only belongs to a
 * boundary that separates parts). Its body end must be set already.
 */
export function settleContent(frame: Frame, lineAbs: number): void {
  const part = frame.part!;
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
}
