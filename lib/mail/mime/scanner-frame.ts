/**
 * The scanner's bookkeeping types: one `Frame` per open entity (the top-level message, each
 * multipart and part, each embedded message), and the hooks through which parsed parts leave.
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

export interface Frame {
  phase: Phase;
  /** Null while the header block is still being collected. */
  part: ParsedPart | null;
  collector: HeaderCollector | null;
  parent: Frame | null;
  headerStart: number;
  depth: number;
  /** Content-Type when the header is missing (message/rfc822 inside multipart/digest). */
  defaultType: string;
  /** IMAP section if the entity is a multipart / if it is anything else (RFC 3501 6.4.5). */
  sectionIfMultipart: string;
  sectionIfLeaf: string;
  linesStart: number;
  countsLines: boolean;
  embedded: EmbeddedScan | null;
}

/** A frame for an entity whose header block starts at `headerStart`. */
export function createFrame(
  parent: Frame | null,
  collector: HeaderCollector,
  headerStart: number,
  depth: number,
  defaultType: string,
  sectionIfMultipart: string,
  sectionIfLeaf: string,
): Frame {
  return {
    phase: Phase.Headers,
    part: null,
    collector,
    parent,
    headerStart,
    depth,
    defaultType,
    sectionIfMultipart,
    sectionIfLeaf,
    linesStart: 0,
    countsLines: false,
    embedded: null,
  };
}

/**
 * Where to stop passing bytes on when the data ends mid-body: before a trailing line end (it
 * belongs to the next line if that turns out to be a boundary).
 */
export function holdBack(data: Uint8Array, pos: number, end: number): number {
  let stop = end;
  if (stop > pos && data[stop - 1] === 0x0d) stop--;
  else if (stop > pos && data[stop - 1] === 0x0a) {
    stop--;
    if (stop > pos && data[stop - 1] === 0x0d) stop--;
  }
  return stop;
}
