/**
 * One entity's header fields (RFC 5322 section 2.2), each kept two ways side by side: `raw`,
 * the unfolded value as written, and `value`, with RFC 2047 words decoded for display.
 *
 * Raw 8-bit bytes in a header (RFC 6532 allows UTF-8; older mailers wrote their local charset)
 * are read as UTF-8 when they are valid UTF-8, else in the entity's declared charset, else as
 * windows-1252, so a raw ISO-8859-1 or KOI8-R subject still reads right.
 */
import { binaryString, isAscii } from "./bytes.ts";
import { decodeCharset, isMostlyUtf8 } from "./charsets.ts";
import { decodeEncodedWords } from "./encoded-words.ts";
import { DEFAULT_MIME_LIMITS } from "./limits.ts";

export interface HeaderField {
  /** The name as written. */
  name: string;
  /** Lower-case name, for lookups. */
  key: string;
  /** Unfolded value (CRLF before white space removed, RFC 5322 section 2.2.3), leading white
   * space dropped, 8-bit bytes read as described above; RFC 2047 words still encoded. */
  raw: string;
  /** `raw` with RFC 2047 words decoded. */
  value: string;
  /** Byte offset of the field's first byte in its source. */
  offset: number;
  /** True when the field held raw 8-bit bytes. */
  has8bit: boolean;
  /** True when the field was cut at `maxHeaderLineBytes`. */
  truncated: boolean;
}

/** A field as collected from the bytes, before text decoding. */
export interface RawField {
  name: Uint8Array;
  value: Uint8Array;
  offset: number;
  truncated: boolean;
}

export class HeaderList {
  constructor(readonly fields: readonly HeaderField[]) {}

  /** First field of that name. */
  first(name: string): HeaderField | undefined {
    const key = name.toLowerCase();
    for (const field of this.fields) if (field.key === key) return field;
    return undefined;
  }

  getAll(name: string): HeaderField[] {
    const key = name.toLowerCase();
    return this.fields.filter((field) => field.key === key);
  }

  /** Decoded value of the first field of that name, or null. */
  get(name: string): string | null {
    return this.first(name)?.value ?? null;
  }

  /** Raw (undecoded, unfolded) value of the first field of that name, or null. */
  getRaw(name: string): string | null {
    return this.first(name)?.raw ?? null;
  }

  has(name: string): boolean {
    return this.first(name) !== undefined;
  }

  get size(): number {
    return this.fields.length;
  }
}

/** Reads one value's bytes as text: ASCII as is, else UTF-8 if it is, else `charset`. */
function headerBytesToText(bytes: Uint8Array, charset: string | null): string {
  if (isAscii(bytes)) return binaryString(bytes);
  if (isMostlyUtf8(bytes)) return new TextDecoder().decode(bytes);
  return decodeCharset(bytes, charset && !/^utf-?8$/i.test(charset) ? charset : "windows-1252")
    .text;
}

function trimLeadingWsp(text: string): string {
  let i = 0;
  while (i < text.length && (text[i] === " " || text[i] === "\t")) i++;
  return i === 0 ? text : text.slice(i);
}

/** The charset parameter of a raw Content-Type value, found cheaply (no full parse). */
function charsetOf(fields: readonly RawField[]): string | null {
  for (const field of fields) {
    if (field.name.length !== 12 || binaryString(field.name).toLowerCase() !== "content-type")
      continue;
    const m = /charset\s*=\s*"?([^";\s]+)/i.exec(binaryString(field.value));
    return m ? m[1]! : null;
  }
  return null;
}

export interface BuildHeadersResult {
  headers: HeaderList;
  /** True when some value had more encoded words than the limit allowed decoding. */
  encodedWordLimited: boolean;
}

export function buildHeaderList(
  raws: readonly RawField[],
  maxEncodedWords: number = DEFAULT_MIME_LIMITS.maxEncodedWords,
): BuildHeadersResult {
  let charset: string | null | undefined;
  let limited = false;
  const fields: HeaderField[] = raws.map((rawField) => {
    const name = binaryString(rawField.name).trim();
    const has8bit = !isAscii(rawField.value);
    let raw: string;
    if (has8bit) {
      if (charset === undefined) charset = charsetOf(raws);
      raw = headerBytesToText(rawField.value, charset);
    } else {
      raw = binaryString(rawField.value);
    }
    raw = trimLeadingWsp(raw);
    let value = raw;
    if (raw.includes("=?")) {
      const decoded = decodeEncodedWords(raw, maxEncodedWords);
      value = decoded.text;
      limited ||= decoded.limited;
    }
    return {
      name,
      key: name.toLowerCase(),
      raw,
      value,
      offset: rawField.offset,
      has8bit,
      truncated: rawField.truncated,
    };
  });
  return { headers: new HeaderList(fields), encodedWordLimited: limited };
}
