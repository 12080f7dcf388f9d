/**
 * Content-Type and Content-Disposition values with their parameters (RFC 2045 section 5.1,
 * RFC 2183), including RFC 2231 extended parameters: `name*=charset'lang'percent%20encoded`,
 * continuations `name*0=`, `name*1*=` joined in order, only `*` segments percent-decoded, the
 * charset taken from the first segment.
 *
 * What the wild sends and this accepts: unquoted values with spaces (`name=My File.pdf`), a
 * missing closing quote, a missing `;` between parameters, white space around `=`, RFC 2047
 * words inside quoted values (`name="=?utf-8?B?...?="`, decoded for name/filename only, as
 * every client does), and duplicate parameters (the first one wins, like Thunderbird).
 */
import { decodeCharset } from "./charsets.ts";
import { readQuoted } from "./lexical.ts";

export interface StructuredValue {
  /** Lower-cased value before the first `;` ("text/plain", "attachment"), trimmed. */
  value: string;
  /** Lower-case names; RFC 2231 continuations joined and decoded. */
  params: Record<string, string>;
  /**
   * Names of the parameters whose value came from RFC 2231's charset form
   * (`name*=charset'lang'percent-encoded`): final text, on which no RFC 2047 decoding applies.
   */
  extended: string[];
}

interface RawParam {
  name: string;
  value: string;
  quoted: boolean;
}

const NAME_END = /[=;\s"]/;
const WS = /\s/;
/** ` name=` ahead: the start of a parameter whose `;` is missing. */
const NEXT_PARAM = /\s+[^\s=;"]+\s*=/y;

function paramAhead(input: string, pos: number): boolean {
  const c = input[pos];
  if (c !== " " && c !== "\t" && c !== "\r" && c !== "\n") return false;
  NEXT_PARAM.lastIndex = pos;
  return NEXT_PARAM.test(input);
}

/** Splits `value; a=b; c="d"` into the leading value and raw parameters. */
function tokenize(input: string): { head: string; params: RawParam[] } {
  const n = input.length;
  let pos = 0;
  while (pos < n && input[pos] !== ";" && !paramAhead(input, pos)) pos++;
  const head = input.slice(0, pos).trim();
  const params: RawParam[] = [];
  while (pos < n) {
    while (pos < n && (input[pos] === ";" || WS.test(input[pos]!))) pos++;
    if (pos >= n) break;
    const nameStart = pos;
    while (pos < n && !NAME_END.test(input[pos]!)) pos++;
    const name = input.slice(nameStart, pos).toLowerCase();
    while (pos < n && WS.test(input[pos]!)) pos++;
    if (input[pos] !== "=" || name === "") {
      // A bare word (or stray quote) without `=`: skip to the next `;`.
      pos++;
      while (pos < n && input[pos] !== ";") pos++;
      continue;
    }
    pos++;
    while (pos < n && WS.test(input[pos]!)) pos++;
    if (input[pos] === '"') {
      const close = readQuoted(input, pos);
      if (close.closed) {
        params.push({ name, value: close.text, quoted: true });
        pos = close.end;
        // Junk after the closing quote, up to the next `;` or parameter, belongs to nothing.
        while (pos < n && input[pos] !== ";" && !paramAhead(input, pos)) pos++;
      } else {
        // Ill-quoted: the value runs to the next `;` or the end.
        let end = input.indexOf(";", pos + 1);
        if (end === -1) end = n;
        params.push({ name, value: input.slice(pos + 1, end).trim(), quoted: true });
        pos = end;
      }
      continue;
    }
    const start = pos;
    while (pos < n && input[pos] !== ";" && !paramAhead(input, pos)) pos++;
    params.push({ name, value: input.slice(start, pos).trim(), quoted: false });
  }
  return { head, params };
}

function percentDecode(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x25 && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      out.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c < 0x100) {
      out.push(c);
    } else {
      // A raw non-Latin-1 character (8-bit header already read as UTF-8): keep its UTF-8 bytes.
      for (const b of new TextEncoder().encode(text[i])) out.push(b);
    }
  }
  return Uint8Array.from(out);
}

/** RFC 2231: joins `name*N[*]` segments and decodes `charset'lang'...` values. */
function combine(raw: RawParam[]): { params: Record<string, string>; extended: string[] } {
  const params: Record<string, string> = {};
  const extended: string[] = [];
  const continued = new Map<string, { segments: Map<number, RawParam & { encoded: boolean }> }>();
  for (const p of raw) {
    const m = /^([^*]+)\*(?:(\d+)\*?)?$/.exec(p.name) ?? /^([^*]+)\*(\d+)(\*)?$/.exec(p.name);
    if (!m) {
      if (!(p.name in params)) params[p.name] = p.value;
      continue;
    }
    const base = m[1]!;
    const index = m[2] === undefined ? 0 : Number(m[2]);
    const encoded = p.name.endsWith("*");
    let entry = continued.get(base);
    if (!entry) {
      entry = { segments: new Map() };
      continued.set(base, entry);
    }
    if (!entry.segments.has(index) && index < 10_000) entry.segments.set(index, { ...p, encoded });
  }
  for (const [base, { segments }] of continued) {
    let charset = "";
    let encoded = false;
    const bytes: number[] = [];
    let text = "";
    const indexes = [...segments.keys()].sort((a, b) => a - b);
    for (const index of indexes) {
      const seg = segments.get(index)!;
      let value = seg.value;
      if (seg.encoded && index === indexes[0]) {
        const parts = /^([^']*)'([^']*)'(.*)$/s.exec(value);
        if (parts) {
          charset = parts[1]!;
          value = parts[3]!;
        }
      }
      if (seg.encoded) {
        encoded = true;
        for (const b of percentDecode(value)) bytes.push(b);
      } else {
        // Flush the encoded bytes so far, then plain text.
        if (bytes.length) {
          text += decodeCharset(Uint8Array.from(bytes), charset).text;
          bytes.length = 0;
        }
        text += value;
      }
    }
    if (bytes.length) text += decodeCharset(Uint8Array.from(bytes), charset).text;
    // The RFC 2231 form wins over a plain one of the same name (RFC 2231 section 4.1 intent).
    params[base] = text;
    // Plain continuations (`name*0="..."`, no charset) are still plain text: Outlook splits its
    // RFC 2047 fallback name across them, so only the percent-encoded form counts as final.
    if (encoded) extended.push(base);
  }
  return { params, extended };
}

export function parseStructuredValue(input: string): StructuredValue {
  const { head, params } = tokenize(input);
  return { value: head.toLowerCase(), ...combine(params) };
}

export interface ContentType {
  type: string;
  subtype: string;
  /** "type/subtype", lower-case. */
  mime: string;
  params: Record<string, string>;
  /** See `StructuredValue.extended`. */
  extended: string[];
  /** False when the header was missing or unparseable and the default applies. */
  valid: boolean;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Content-Type with RFC 2045 defaults: missing or invalid is `defaultType` (text/plain, or
 * message/rfc822 inside multipart/digest, RFC 2046 section 5.1.5); parameters are kept even
 * when the type itself is invalid.
 */
function defaultContentType(
  mime: string,
  params: Record<string, string>,
  extended: string[],
): ContentType {
  const [type, subtype] = mime.split("/") as [string, string];
  return { type, subtype, mime, params, extended, valid: false };
}

export function parseContentType(
  raw: string | null | undefined,
  defaultType = "text/plain",
): ContentType {
  if (raw == null) return defaultContentType(defaultType, {}, []);
  const { value, params, extended } = parseStructuredValue(raw);
  const slash = value.indexOf("/");
  if (slash === -1) return defaultContentType(defaultType, params, extended);
  const type = value.slice(0, slash).trim();
  const subtype = value.slice(slash + 1).trim();
  if (!TOKEN.test(type) || !TOKEN.test(subtype))
    return defaultContentType(defaultType, params, extended);
  return { type, subtype, mime: `${type}/${subtype}`, params, extended, valid: true };
}
