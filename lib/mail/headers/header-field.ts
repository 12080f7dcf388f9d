/**
 * The one input shape of the header analysers in this folder. It is deliberately plain, so the
 * analysers do not depend on the MIME parser's own types: its `HeaderField` fits as it is, and
 * so does any other source (an IMAP `BODY[HEADER]` split).
 */
export interface HeaderFieldInput {
  /** Field name as written (any case). */
  name: string;
  /**
   * The value as written, not RFC 2047-decoded (the MIME parser's `raw`: unfolded, encoded words
   * kept). For display next to `value`; the analysers never read it.
   */
  raw: string;
  /**
   * Unfolded value (RFC 5322 section 2.2.3), RFC 2047-decoded. The analysers read this one:
   * trace and authentication fields never carry encoded words, so decoding changes nothing
   * there, and it lets callers pass one shape for every field.
   */
  value: string;
}

/** Case-insensitive field-name comparison (RFC 5322 section 1.2.2: names are case-insensitive). */
export function isField(field: HeaderFieldInput, name: string): boolean {
  return field.name.trim().toLowerCase() === name.toLowerCase();
}

/** Fields of one name, in header order. */
export function fieldsNamed<F extends HeaderFieldInput>(fields: readonly F[], name: string): F[] {
  return fields.filter((field) => isField(field, name));
}
