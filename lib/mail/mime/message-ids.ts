/**
 * Message-ID, In-Reply-To and References (RFC 5322 section 3.6.4) as lists of ids without angle
 * brackets. Real headers carry comments, missing brackets, commas and junk between ids; an id
 * is whatever sits between `<` and `>`, and without any brackets each white-space separated
 * word that contains `@` counts (old mailers wrote bare ids).
 */

export function parseMessageIds(value: string | null | undefined): string[] {
  if (!value) return [];
  const text = value.replace(/\([^()]*\)/g, " ");
  const ids: string[] = [];
  const bracketed = /<([^<>]*)>/g;
  for (let m = bracketed.exec(text); m !== null; m = bracketed.exec(text)) {
    const id = m[1]!.replace(/\s+/g, "");
    if (id) ids.push(id);
  }
  if (ids.length > 0) return ids;
  for (const word of text.split(/[\s,]+/))
    if (word.includes("@")) ids.push(word.replace(/^<|>$/g, ""));
  return ids;
}

/** The first id, or null. */
export function parseMessageId(value: string | null | undefined): string | null {
  return parseMessageIds(value)[0] ?? null;
}
