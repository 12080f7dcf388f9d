/**
 * Message-ID, In-Reply-To and References (RFC 5322 section 3.6.4) as lists of ids without angle
 * brackets. Real headers carry comments (nested ones too, section 3.2.2), missing brackets,
 * commas and junk between ids; an id is whatever sits between `<` and `>`, and without any
 * brackets each white-space separated word that contains `@` counts (old mailers wrote bare
 * ids). Each id is listed once (clients that merge References repeat ids), and at most
 * `MAX_MESSAGE_IDS`: past it the first id (the thread's root) and the last ones (the nearest
 * ancestors) are kept, which is what threading needs (RFC 5256 section 2.2, REFERENCES).
 */
import { withoutComments } from "./lexical.ts";
import { MAX_MESSAGE_IDS } from "./limits.ts";

export function parseMessageIds(value: string | null | undefined): string[] {
  if (!value) return [];
  const text = withoutComments(value);
  const ids = new Set<string>();
  const bracketed = /<([^<>]*)>/g;
  for (let m = bracketed.exec(text); m !== null; m = bracketed.exec(text)) {
    const id = m[1]!.replace(/\s+/g, "");
    if (id) ids.add(id);
  }
  if (ids.size === 0) {
    for (const word of text.split(/[\s,]+/))
      if (word.includes("@")) ids.add(word.replace(/^<|>$/g, ""));
  }
  const list = [...ids];
  if (list.length <= MAX_MESSAGE_IDS) return list;
  return [list[0]!, ...list.slice(list.length - (MAX_MESSAGE_IDS - 1))];
}

/** The first id, or null. */
export function parseMessageId(value: string | null | undefined): string | null {
  return parseMessageIds(value)[0] ?? null;
}
