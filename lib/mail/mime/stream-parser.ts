/**
 * Streaming parse: feed chunks as they arrive (socket, file stream, IMAP literal), get events as
 * parts start and end, and decoded body bytes if you ask for them. Only the parts you choose are
 * kept in memory; by default that is the readable ones (non-attachment text/*, and message/*
 * reports), so a 50 MB message with a 45 MB attachment is parsed in constant memory while the
 * attachment's decoded size and first bytes (for type sniffing) are still known.
 *
 * The structure comes from the same scanner as `parseMessage`, so both give the same tree.
 */
import { MailError } from "../errors.ts";
import { concatBytes } from "./bytes.ts";
import {
  type MimeLimits,
  type MimeWarning,
  resolveLimits,
  STREAM_HEAD_BYTES,
  STREAM_MAX_PREAMBLE_KEPT,
} from "./limits.ts";
import { type ContentStore, ParsedMessage } from "./message.ts";
import { MimeScanner } from "./mime-scanner.ts";
import type { ParseOptions } from "./parser.ts";
import type { ParsedPart } from "./part.ts";
import {
  createTransferDecoder,
  decodeTransfer,
  type TransferDecoder,
} from "./transfer-encoding.ts";

export type MimeStreamEvent =
  /** An entity's headers are parsed (a multipart's section may still change, see "end"). */
  | { type: "part"; part: ParsedPart }
  /** Decoded body bytes of a leaf, in order (only when `data` asks for them). */
  | { type: "data"; part: ParsedPart; data: Uint8Array }
  /** The entity is complete: offsets, sizes and section are final. */
  | { type: "end"; part: ParsedPart };

export interface StreamParseOptions extends ParseOptions {
  /** Whose decoded content the resulting message keeps. Default: `keepReadable`. */
  keep?: (part: ParsedPart) => boolean;
  /** Whose decoded bytes are emitted as `data` events. Default: none. */
  data?: (part: ParsedPart) => boolean;
}

/**
 * Default `keep`: what a reading pane shows. Text/* that is not an attachment, message/* reports
 * (bounces), and a multipart that turned out to have no parts (it is shown as text). Not an
 * embedded message's whole bytes: its readable parts are kept one by one, and a forwarded
 * message's 45 MB attachment would otherwise be held.
 */
export function keepReadable(part: ParsedPart): boolean {
  if (part.disposition === "attachment" || part.kind === "message") return false;
  const type = part.contentType;
  return type.startsWith("text/") || type.startsWith("message/") || type.startsWith("multipart/");
}

interface PartState {
  decoder: TransferDecoder | null;
  keep: boolean;
  data: boolean;
  chunks: Uint8Array[];
  head: Uint8Array;
  /** Raw preamble of a multipart, while it may still turn out to be a leaf. */
  preamble: Uint8Array[] | null;
  preambleSize: number;
  /**
   * A kept message/rfc822 part's raw body, from its first byte on, and the offset (in its
   * source, see `ScannerHooks.window`) up to which it is recorded.
   */
  message: { chunks: Uint8Array[]; upTo: number } | null;
}

class StreamStore implements ContentStore {
  readonly kept = new Map<ParsedPart, Uint8Array>();
  readonly sizes = new Map<ParsedPart, number>();
  readonly heads = new Map<ParsedPart, Uint8Array>();
  raw(): null {
    return null;
  }
  content(part: ParsedPart): Uint8Array | null {
    return this.kept.get(part) ?? null;
  }
  decodedSize(part: ParsedPart): number | null {
    return this.sizes.get(part) ?? null;
  }
  head(part: ParsedPart, n: number): Uint8Array | null {
    return this.heads.get(part)?.subarray(0, n) ?? null;
  }
}

export class MimeStreamParser {
  private readonly scanner: MimeScanner;
  private readonly store = new StreamStore();
  private readonly states = new Map<ParsedPart, PartState>();
  private readonly warnings: MimeWarning[] = [];
  private readonly limits: MimeLimits;
  /** The window each source (message, decoded embedded body) is being read in. */
  private readonly windows = new Map<string | null, { data: Uint8Array; offset: number }>();
  /** Kept message/rfc822 parts whose body is still being read. */
  private readonly recording = new Set<ParsedPart>();
  private events: MimeStreamEvent[] = [];
  private message: ParsedMessage | null = null;

  constructor(private readonly options: StreamParseOptions = {}) {
    this.limits = resolveLimits(options.limits);
    this.scanner = new MimeScanner(
      {
        start: (part) => this.onStart(part),
        body: (part, bytes) => this.onBody(part, bytes),
        end: (part) => this.onEnd(part),
        window: (data, offset, source) => this.onWindow(data, offset, source),
      },
      this.limits,
      { parts: { count: 0 }, warnings: this.warnings },
      { envelope: options.envelope ?? true },
    );
  }

  private onStart(part: ParsedPart): void {
    const keep = this.options.keep ?? keepReadable;
    // An embedded message's bytes are read as its own parts: a kept one records them as they
    // pass, so content() gives what the whole-message parse gives (parser.ts SourceStore).
    const message = part.kind === "message" && keep(part) ? this.startRecording(part) : null;
    this.states.set(part, {
      // Decoded chunks are copied when kept or emitted: one reused buffer per part, no garbage.
      decoder:
        part.kind === "leaf"
          ? createTransferDecoder(part.transferEncoding, { reuseOutput: true })
          : null,
      keep: part.kind === "leaf" ? keep(part) : message !== null,
      data: part.kind === "leaf" && (this.options.data?.(part) ?? false),
      chunks: [],
      head: new Uint8Array(0),
      preamble: part.kind === "multipart" ? [] : null,
      preambleSize: 0,
      message,
    });
    this.events.push({ type: "part", part });
  }

  private onWindow(data: Uint8Array, offset: number, source: string | null): void {
    this.windows.set(source, { data, offset });
    for (const part of this.recording) {
      const message = this.states.get(part)?.message;
      if (part.decodedFrom === source && message) this.record(message, data, offset);
    }
  }

  private startRecording(part: ParsedPart): PartState["message"] {
    const message = { chunks: [], upTo: part.offsets.bodyStart };
    const window = this.windows.get(part.decodedFrom);
    if (window) this.record(message, window.data, window.offset);
    this.recording.add(part);
    return message;
  }

  /** Appends the bytes of the window past what is recorded (copied: the caller's chunk). */
  private record(
    message: NonNullable<PartState["message"]>,
    data: Uint8Array,
    offset: number,
  ): void {
    const from = message.upTo - offset;
    if (from >= data.length) return;
    message.chunks.push(data.slice(Math.max(0, from)));
    message.upTo = offset + data.length;
  }

  private onBody(part: ParsedPart, bytes: Uint8Array): void {
    const state = this.states.get(part);
    if (!state) return;
    if (state.preamble) {
      if (state.preambleSize + bytes.length <= STREAM_MAX_PREAMBLE_KEPT)
        state.preamble.push(bytes.slice());
      state.preambleSize += bytes.length;
      return;
    }
    if (state.decoder) this.take(part, state, state.decoder.update(bytes));
  }

  /** Handles decoded bytes: head for sniffing, kept content, data events. */
  private take(part: ParsedPart, state: PartState, decoded: Uint8Array): void {
    if (decoded.length === 0) return;
    if (state.head.length < STREAM_HEAD_BYTES) {
      state.head = concatBytes([
        state.head,
        decoded.subarray(0, STREAM_HEAD_BYTES - state.head.length),
      ]).slice();
    }
    // Copy: the bytes may be a view of the caller's chunk, which it is free to reuse.
    if (state.keep) state.chunks.push(decoded.slice());
    if (state.data) this.events.push({ type: "data", part, data: decoded.slice() });
  }

  private onEnd(part: ParsedPart): void {
    const state = this.states.get(part);
    this.states.delete(part);
    if (state) {
      if (state.preamble && part.kind === "leaf") {
        // A multipart without parts: its preamble is its content.
        const decoded = decodeTransfer(concatBytes(state.preamble), part.transferEncoding);
        state.keep =
          (this.options.keep ?? keepReadable)(part) &&
          state.preambleSize <= STREAM_MAX_PREAMBLE_KEPT;
        state.data = this.options.data?.(part) ?? false;
        this.take(part, state, decoded);
        this.store.sizes.set(part, decoded.length);
      } else if (state.decoder) {
        this.take(part, state, state.decoder.finalize());
        this.store.sizes.set(part, state.decoder.total);
      } else if (state.message) {
        this.recording.delete(part);
        const raw = concatBytes(state.message.chunks).subarray(
          0,
          part.contentEnd - part.offsets.bodyStart,
        );
        const decoded = decodeTransfer(raw, part.transferEncoding);
        state.chunks = [];
        this.take(part, state, decoded);
        this.store.sizes.set(part, decoded.length);
      }
      if (state.keep) this.store.kept.set(part, concatBytes(state.chunks));
      if (state.head.length > 0) this.store.heads.set(part, state.head);
    }
    this.events.push({ type: "end", part });
  }

  private drain(): MimeStreamEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  /** Feeds the next chunk; returns the events it completed. */
  write(chunk: Uint8Array): MimeStreamEvent[] {
    if (this.message) throw new MailError("INVALID_INPUT", "write after end of the MIME stream");
    this.scanner.write(chunk);
    return this.drain();
  }

  /** Ends the input: the last events and the parsed message. */
  end(): { events: MimeStreamEvent[]; message: ParsedMessage } {
    if (!this.message) {
      const root = this.scanner.finish();
      this.message = new ParsedMessage(root, this.warnings, this.scanner.unixFrom, this.store);
    }
    return { events: this.drain(), message: this.message };
  }
}

/** Parses a stream of chunks (a Node stream, a web ReadableStream, any async iterable). */
export async function parseMessageStream(
  source: AsyncIterable<Uint8Array>,
  options: StreamParseOptions = {},
): Promise<ParsedMessage> {
  const parser = new MimeStreamParser(options);
  for await (const chunk of source) parser.write(chunk);
  return parser.end().message;
}
