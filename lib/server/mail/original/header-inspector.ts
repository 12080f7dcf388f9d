/**
 * The header inspector's data: every field in RFC 5322 section 3.6's groups (see
 * lib/mail/headers/header-groups.ts), each with its unfolded, decoded value beside the exact
 * text it has in the message, folding and encoded words kept. That text is cut from the header
 * bytes at the parser's field offsets, so the inspector's "raw" is what the source view shows at
 * that place (except 8-bit bytes that are not UTF-8, read here as windows-1252).
 */
import { groupHeaderFields } from "../../../mail/headers/index.ts";
import { decodeText } from "../../../mail/mime/charsets.ts";
import type { HeaderField } from "../../../mail/mime/index.ts";
import type { HeaderGroupView } from "./original-view.ts";

/** The line ends that close a field (and the empty line that ends the header block). */
const TRAILING_LINE_ENDS = /[\r\n]+$/;

/**
 * The text of each field as written, from its first byte to the next field's (or the header
 * block's end). Bytes that are not UTF-8 are read as windows-1252, as the parser reads them.
 */
export function foldedTexts(headerBytes: Uint8Array, fields: readonly HeaderField[]): string[] {
  const starts = fields.map((field) => field.offset);
  return fields.map((field, i) => {
    // The next field that starts after this one: offsets ascend, but never trust that blindly.
    let end = headerBytes.length;
    for (let j = i + 1; j < starts.length; j++) {
      if (starts[j]! > field.offset) {
        end = starts[j]!;
        break;
      }
    }
    const slice = headerBytes.subarray(Math.min(field.offset, end), end);
    return decodeText(slice, null).replace(TRAILING_LINE_ENDS, "").replace(/\r\n?/g, "\n");
  });
}

export function inspectHeaders(
  headerBytes: Uint8Array,
  fields: readonly HeaderField[],
): HeaderGroupView[] {
  const folded = foldedTexts(headerBytes, fields);
  const foldedOf = new Map(fields.map((field, i) => [field, folded[i]!]));
  return groupHeaderFields(fields).map((group) => ({
    id: group.id,
    label: group.label,
    fields: group.fields.map(({ field, index, duplicate }) => ({
      index,
      name: field.name,
      value: field.value,
      folded: foldedOf.get(field) ?? `${field.name}: ${field.raw}`,
      duplicate,
      truncated: field.truncated,
    })),
  }));
}
