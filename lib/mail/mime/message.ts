/**
 * The result of parsing: the part tree plus access to each part's bytes. Whole-message parses
 * keep the source and decode a part only when asked (listing a 45 MB attachment costs nothing);
 * stream parses answer from what the caller chose to keep.
 */
import { cleanCharsetLabel, decodeCharset, htmlMetaCharset } from "./charsets.ts";
import type { HeaderList } from "./header-block.ts";
import type { MimeWarning } from "./limits.ts";
import type { ParsedPart } from "./part.ts";
import { type MimeNode, walkMime } from "./structure.ts";

/**
 * A part's decoded body (transfer encoding removed) read as text in the part's charset; for HTML
 * without one, the charset its `<meta>` declares (what a browser would use). Fallbacks never
 * throw. For a parsed message and for bytes fetched by section (IMAP) alike.
 */
export function bodyText(node: MimeNode, decoded: Uint8Array): string {
  let charset: string | null = cleanCharsetLabel(node.params.charset);
  if (!charset && node.contentType === "text/html") charset = htmlMetaCharset(decoded);
  return decodeCharset(decoded, charset).text;
}

/** Where a message's part bytes come from (the whole source, or what a stream kept). */
export interface ContentStore {
  /** Body bytes as they stand in the source (still transfer-encoded); null when not kept. */
  raw(part: ParsedPart): Uint8Array | null;
  /** Body bytes with the transfer encoding removed; null when not kept. */
  content(part: ParsedPart): Uint8Array | null;
  /** Size of the decoded body, when known. */
  decodedSize(part: ParsedPart): number | null;
  /** The first `n` decoded bytes (for type sniffing), when known. */
  head(part: ParsedPart, n: number): Uint8Array | null;
}

export class ParsedMessage {
  constructor(
    readonly root: ParsedPart,
    readonly warnings: readonly MimeWarning[],
    /** The mbox `From ` envelope line the message started with, if any. */
    readonly unixFrom: string | null,
    private readonly store: ContentStore,
  ) {}

  /** The top-level header fields. */
  get headers(): HeaderList {
    return this.root.headers;
  }

  /** Every entity, depth first, parents before children (embedded messages included). */
  parts(): ParsedPart[] {
    return [...walkMime(this.root)] as ParsedPart[];
  }

  /** Raw body bytes of a part, as in the source (still transfer-encoded). */
  rawBody(part: ParsedPart): Uint8Array | null {
    return this.store.raw(part);
  }

  /**
   * Decoded body bytes: transfer encoding removed. For a message/rfc822 part, the embedded
   * message's bytes. Null when a stream parse did not keep them.
   */
  content(part: ParsedPart): Uint8Array | null {
    return this.store.content(part);
  }

  /**
   * The decoded body read as text in the part's charset; for HTML without one, the charset its
   * `<meta>` declares (what a browser would use). Fallbacks never throw.
   */
  text(part: ParsedPart): string | null {
    const bytes = this.store.content(part);
    return bytes === null ? null : bodyText(part, bytes);
  }

  decodedSize(part: ParsedPart): number | null {
    return this.store.decodedSize(part);
  }

  head(part: ParsedPart, n = 64): Uint8Array | null {
    return this.store.head(part, n);
  }
}
