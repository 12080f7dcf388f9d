/**
 * The one input shape of the header analysers in this folder. It is deliberately plain, so the
 * analysers do not depend on the MIME parser's own types: any parser (ours, an IMAP
 * `BODY[HEADER]` split, a test helper) can feed them.
 */
export interface HeaderFieldInput {
  /** Field name as written (any case). */
  name: string;
  /** The field as it stands in the message: folded, not decoded. Kept for display only. */
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

/** Unfolds a folded header value (RFC 5322 section 2.2.3): CRLF followed by WSP is removed. */
export function unfold(text: string): string {
  return text.replace(/\r?\n(?=[ \t])/g, "").replace(/\r?\n$/, "");
}
