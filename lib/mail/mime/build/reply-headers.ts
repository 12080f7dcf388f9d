/**
 * In-Reply-To and References for a reply, from the parent's headers, by RFC 5322 section
 * 3.6.4:
 * - In-Reply-To is the parent's Message-ID (none when the parent has none);
 * - References is the parent's References followed by its Message-ID; when the parent has no
 *   References but its In-Reply-To holds exactly one id, that id takes their place.
 *
 * The parent is received mail, so its header values are hostile: only well-formed "<...>" ids
 * are taken (message-id.ts), and References is trimmed to the root and the newest ids.
 */
import { MAX_REFERENCES } from "./limits.ts";
import { extractMessageIds, isWritableId } from "./message-id.ts";

export interface ParentHeaders {
  /**
   * The raw header values as received, or ids already parsed (with or without angle
   * brackets, as the parser's `envelopeOf` gives them).
   */
  messageId?: string | null;
  inReplyTo?: string | readonly string[] | null;
  references?: string | readonly string[] | null;
}

export interface ReplyHeaders {
  inReplyTo?: string;
  references: string[];
}

/**
 * Ids from a raw value: every "<...>"; without any brackets, each word holding "@" (old
 * mailers wrote bare ids). From a list of parsed ids: each item, bracketed or bare. Anything
 * that could not be written back safely is dropped.
 */
function ids(value: string | readonly string[] | null | undefined): string[] {
  if (value == null) return [];
  const found =
    typeof value !== "string"
      ? value.map((id) => (id.trim().startsWith("<") ? id.trim() : `<${id.trim()}>`))
      : value.includes("<")
        ? extractMessageIds(value)
        : value
            .split(/[\s,]+/)
            .filter((word) => word.includes("@"))
            .map((word) => `<${word}>`);
  const out: string[] = [];
  for (const id of found) if (isWritableId(id) && !out.includes(id)) out.push(id);
  return out;
}

/** Keeps the thread root and the newest ids (RFC 5322 section 3.6.4 lets us trim). */
export function trimReferences(references: readonly string[]): string[] {
  if (references.length <= MAX_REFERENCES) return [...references];
  return [references[0]!, ...references.slice(references.length - (MAX_REFERENCES - 1))];
}

export function replyHeaders(parent: ParentHeaders): ReplyHeaders {
  const messageId = ids(parent.messageId)[0];
  let references = ids(parent.references);
  if (references.length === 0) {
    const inReplyTo = ids(parent.inReplyTo);
    if (inReplyTo.length === 1) references = inReplyTo;
  }
  if (messageId) references = [...references.filter((id) => id !== messageId), messageId];
  return {
    ...(messageId ? { inReplyTo: messageId } : {}),
    references: trimReferences(references),
  };
}
