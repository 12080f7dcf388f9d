/**
 * A parsed entity: the shared `MimeNode` shape (structure.ts) plus what only the parser knows:
 * the header fields, byte offsets in the source and the defects met. Built once the entity's
 * header block is complete; offsets, size and kind are settled when its body ends.
 */
import { cleanCharsetLabel } from "./charsets.ts";
import { decodeEncodedWords } from "./encoded-words.ts";
import type { HeaderList } from "./header-block.ts";
import {
  type ContentType,
  parseContentType,
  parseStructuredValue,
  type StructuredValue,
} from "./parameters.ts";
import type { MimeNode } from "./structure.ts";
import { normalizeTransferEncoding } from "./transfer-encoding.ts";

export interface PartOffsets {
  /** First byte of the entity's header block. */
  headerStart: number;
  /** First byte of the body (after the empty line). */
  bodyStart: number;
  /** End of the body (exclusive): before the line end that precedes the next boundary. */
  bodyEnd: number;
}

export interface ParsedPart extends MimeNode {
  children: ParsedPart[];
  headers: HeaderList;
  /**
   * Byte offsets in the source. For parts inside a message/rfc822 body that was itself base64
   * or quoted-printable encoded, they are offsets in that decoded body (see `decodedFrom`).
   */
  offsets: PartOffsets;
  /** Section of the encoded message/rfc822 part whose decoded body holds this part, or null. */
  decodedFrom: string | null;
  /** Declared charset parameter, cleaned (lower-case, unquoted), or null. */
  charset: string | null;
  /** Structural problems met in this entity ("missing-close-boundary", ...). */
  defects: string[];
  /** Nesting depth: 0 for the top-level entity. */
  depth: number;
  /**
   * For a multipart that turned out to have no parts (no boundary line found): where its
   * preamble, which becomes its content, ends. Otherwise equal to `offsets.bodyEnd`.
   */
  contentEnd: number;
}

/** Content-Type types whose body is an encapsulated message (RFC 2046 5.2.1, RFC 6532 3.7). */
export function isEncapsulating(contentType: string): boolean {
  return contentType === "message/rfc822" || contentType === "message/global";
}

function stripAngle(value: string | null): string | null {
  if (value === null) return null;
  const trimmed = value.trim();
  const m = /^<(.*)>$/s.exec(trimmed);
  return (m ? m[1]! : trimmed).trim();
}

/**
 * Content-Disposition filename, else Content-Type name. RFC 2047 section 5 forbids encoded
 * words in parameters, but Outlook and others write `name="=?utf-8?B?...?="` and every client
 * decodes it, so a plain value is decoded. A value from RFC 2231's charset form
 * (`filename*=utf-8''...`) is final text: a file named "a=?utf-8?q?x?=.pdf" stays so.
 */
function partFilename(cd: StructuredValue | null, ct: ContentType): string | null {
  const [value, extended] =
    cd?.params.filename !== undefined
      ? [cd.params.filename, cd.extended.includes("filename")]
      : ct.params.name !== undefined
        ? [ct.params.name, ct.extended.includes("name")]
        : [null, false];
  if (value === null || extended) return value;
  return decodeEncodedWords(value).text;
}

export interface PartContext {
  section: string;
  defaultType: string;
  headerStart: number;
  bodyStart: number;
  depth: number;
  decodedFrom: string | null;
}

export function createPart(
  headers: HeaderList,
  ctx: PartContext,
): { part: ParsedPart; ct: ContentType } {
  const ct = parseContentType(headers.getRaw("content-type"), ctx.defaultType);
  const cdRaw = headers.getRaw("content-disposition");
  const cd = cdRaw === null ? null : parseStructuredValue(cdRaw);
  const dispositionParams = cd?.params ?? {};
  const filename = partFilename(cd, ct);
  const description = headers.get("content-description");
  const location = headers.getRaw("content-location");
  const part: ParsedPart = {
    section: ctx.section,
    contentType: ct.mime,
    params: ct.params,
    disposition: cd ? cd.value : null,
    dispositionParams,
    filename,
    contentId: stripAngle(headers.getRaw("content-id")),
    contentDescription: description === null ? null : description.trim(),
    // RFC 2557 section 4.4.1: a folded Content-Location has its white space removed.
    contentLocation: location === null ? null : location.replace(/\s+/g, ""),
    transferEncoding: normalizeTransferEncoding(headers.getRaw("content-transfer-encoding")),
    size: 0,
    lines: null,
    kind: "leaf",
    children: [],
    headers,
    offsets: { headerStart: ctx.headerStart, bodyStart: ctx.bodyStart, bodyEnd: ctx.bodyStart },
    decodedFrom: ctx.decodedFrom,
    charset: ct.params.charset ? cleanCharsetLabel(ct.params.charset) : null,
    defects: [],
    depth: ctx.depth,
    contentEnd: ctx.bodyStart,
  };
  return { part, ct };
}
