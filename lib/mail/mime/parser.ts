/**
 * Whole-message parsing: the bytes are all here, so the scanner runs once over them and part
 * bodies are decoded lazily from the source when asked for.
 */
import { MailError } from "../errors.ts";
import { type MimeLimits, type MimeWarning, resolveLimits } from "./limits.ts";
import { type ContentStore, ParsedMessage } from "./message.ts";
import { MimeScanner, plainBytes } from "./mime-scanner.ts";
import type { ParsedPart } from "./part.ts";
import { walkMime } from "./structure.ts";
import { decodedTransferLength, decodeTransfer } from "./transfer-encoding.ts";

export interface ParseOptions {
  limits?: Partial<MimeLimits>;
  /** Read an initial mbox `From ` line as the envelope (default true). */
  envelope?: boolean;
}

/** Content access over the source bytes, decoding on demand. */
class SourceStore implements ContentStore {
  /** Decoded bodies of base64/QP message/rfc822 parts, by section: their children's source. */
  private readonly decodedSources = new Map<string, Uint8Array>();

  constructor(
    private readonly source: Uint8Array,
    private readonly root: ParsedPart,
  ) {}

  private sourceOf(part: ParsedPart): Uint8Array {
    if (part.decodedFrom === null) return this.source;
    let buffer = this.decodedSources.get(part.decodedFrom);
    if (!buffer) {
      const owner = [...walkMime(this.root)].find(
        (node) => node.section === part.decodedFrom && node.kind === "message",
      ) as ParsedPart | undefined;
      buffer = owner ? this.content(owner) : new Uint8Array(0);
      this.decodedSources.set(part.decodedFrom, buffer);
    }
    return buffer;
  }

  raw(part: ParsedPart): Uint8Array {
    return this.sourceOf(part).subarray(part.offsets.bodyStart, part.contentEnd);
  }

  content(part: ParsedPart): Uint8Array {
    return decodeTransfer(this.raw(part), part.transferEncoding);
  }

  decodedSize(part: ParsedPart): number {
    return decodedTransferLength(this.raw(part), part.transferEncoding);
  }

  head(part: ParsedPart, n: number): Uint8Array {
    const raw = this.raw(part);
    // Decoding a prefix is enough: 4 base64 characters make 3 bytes, QP at most 3 per byte.
    const prefix = raw.subarray(0, Math.min(raw.length, n * 3 + 256));
    return decodeTransfer(prefix, part.transferEncoding).subarray(0, n);
  }
}

function toBytes(input: Uint8Array | ArrayBuffer | string): Uint8Array {
  if (typeof input === "string") return new TextEncoder().encode(input);
  // A Node Buffer is a Uint8Array whose subarray() is slower and allocates more: view its
  // memory as a plain Uint8Array (no copy).
  if (input instanceof Uint8Array) return plainBytes(input);
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  throw new MailError(
    "INVALID_INPUT",
    "parseMessage expects bytes (Uint8Array or ArrayBuffer) or a string",
  );
}

/**
 * Parses a whole message. Never throws on message content: damage becomes `defects` on parts,
 * limits become `warnings`.
 */
export function parseMessage(
  input: Uint8Array | ArrayBuffer | string,
  options: ParseOptions = {},
): ParsedMessage {
  const bytes = toBytes(input);
  const limits = resolveLimits(options.limits);
  const warnings: MimeWarning[] = [];
  const scanner = new MimeScanner(
    {},
    limits,
    { parts: { count: 0 }, warnings },
    { envelope: options.envelope ?? true },
  );
  const root = scanner.finish(bytes);
  return new ParsedMessage(root, warnings, scanner.unixFrom, new SourceStore(bytes, root));
}
