/**
 * MIME parameters (RFC 2045 section 5.1): `type/subtype; name=value; ...` for Content-Type and
 * Content-Disposition. A value is a token when it can be, a quoted-string when it is other short
 * printable ASCII, and otherwise RFC 2231 (charset, percent-encoding and continuations), which
 * carries any Unicode filename of any length on lines of at most 78 octets.
 *
 * Old clients (Outlook before 2007, some webmail) ignore RFC 2231; for them `fallbackName`
 * also writes Content-Type's `name=` as RFC 2047 encoded-words inside quotes, which is not
 * standard (RFC 2047 section 5 forbids encoded-words in quoted strings) but what they decode.
 */
import { chooseEncoding, toEncodableChars } from "./encoded-word.ts";
import { assertHeaderText, type HeaderPiece } from "./header-writer.ts";
import { SOFT_LINE_OCTETS } from "./limits.ts";
import { utf8Bytes } from "./utf8.ts";

export interface Parameter {
  name: string;
  value: string;
}

/**
 * Written unquoted: a subset of the RFC 2045 token. "'", "%" and "*" are token characters too,
 * but parsers that look for RFC 2231 forms misread them (Python reads filename='$ as
 * charset'language'value), so values holding them are quoted.
 */
const TOKEN = /^[A-Za-z0-9!#$&+\-.^_`{|}~]+$/;
/** RFC 2231 section 7 / RFC 5987 attr-char: left as is in an extended value. */
const ATTR_CHAR = /[A-Za-z0-9!#$&+\-.^_`|~]/;
/** Room for one parameter on a continuation line: leading SP and trailing ";". */
const PARAM_ROOM = SOFT_LINE_OCTETS - 2;

/**
 * Printable ASCII that needs no quoted-pair (quoted-pairs are where parsers disagree most) and
 * holds no "=?": many parsers decode RFC 2047 inside quoted parameters (the Outlook fallback),
 * which would turn a file really named "a=?utf-8?q?x?=.pdf" into "ax.pdf".
 */
function isSimple(value: string): boolean {
  return /^[\x20-\x7e]*$/.test(value) && !/["\\]/.test(value) && !value.includes("=?");
}

function percentEncode(char: string): string {
  if (ATTR_CHAR.test(char)) return char;
  let out = "";
  for (const byte of utf8Bytes(char)) out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  return out;
}

/**
 * RFC 2231 sections 3 and 4: `name*=utf-8''...`, or numbered sections `name*0*=utf-8''...`,
 * `name*1*=...` when it does not fit one line. Sections are cut between characters, never
 * inside one, for parsers that decode each section on its own.
 */
function extendedPieces(name: string, value: string): string[] {
  const encoded = Array.from(value, percentEncode);
  const whole = `${name}*=utf-8''${encoded.join("")}`;
  if (whole.length <= PARAM_ROOM) return [whole];
  const pieces: string[] = [];
  let index = 0;
  let i = 0;
  while (i < encoded.length) {
    let section = `${name}*${index}*=${index === 0 ? "utf-8''" : ""}`;
    const start = i;
    while (
      i < encoded.length &&
      (i === start || section.length + encoded[i]!.length <= PARAM_ROOM)
    ) {
      section += encoded[i];
      i++;
    }
    pieces.push(section);
    index++;
  }
  return pieces;
}

/** One parameter as header pieces (without the separating ";"). */
function parameterPieces(param: Parameter, field: string): HeaderPiece[] {
  assertHeaderText(param.value, field);
  const { name, value } = param;
  if (TOKEN.test(value) && name.length + 1 + value.length <= PARAM_ROOM)
    return [`${name}=${value}`];
  if (isSimple(value) && name.length + 3 + value.length <= PARAM_ROOM)
    return [`${name}="${value}"`];
  return extendedPieces(name, value);
}

/** The RFC 2047 `name=` fallback: needed only when the plain form was not possible. */
export function fallbackNamePieces(filename: string, field: string): HeaderPiece[] {
  assertHeaderText(filename, field);
  if (filename === "") return [];
  if (isSimple(filename) && filename.length + 7 <= PARAM_ROOM) return [];
  const encoding = chooseEncoding(toEncodableChars(filename));
  return [{ encode: filename, encoding, prefix: 'name="', suffix: '"' }];
}

/**
 * `value; p1=...; p2=...` as header pieces, e.g. for `Content-Type: text/plain; charset=utf-8`.
 * `extra` pieces (already formatted parameters) go last.
 */
export function valueWithParameters(
  value: string,
  params: readonly Parameter[],
  field: string,
  extra: readonly HeaderPiece[] = [],
): HeaderPiece[] {
  const groups: HeaderPiece[][] = [[value]];
  for (const param of params) groups.push(parameterPieces(param, field));
  if (extra.length > 0) groups.push([...extra]);
  const pieces: HeaderPiece[] = [];
  groups.forEach((group, g) => {
    group.forEach((piece, p) => {
      const last = p === group.length - 1 && g === groups.length - 1;
      if (last) pieces.push(piece);
      else if (typeof piece === "string") pieces.push(`${piece};`);
      else pieces.push({ ...piece, suffix: `${piece.suffix ?? ""};` });
    });
  });
  return pieces;
}
