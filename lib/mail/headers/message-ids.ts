/**
 * Message-ID, In-Reply-To and References as lists of ids (RFC 5322 section 3.6.4), read as
 * threading code must read real mail:
 *
 * - ids are returned without their angle brackets ("abc@example.com"), which is how they
 *   compare: `<abc@example.com>` and `abc@example.com` name the same message;
 * - comments are dropped, and so is white space inside brackets (obs-id-left allows CFWS, and
 *   folding can split a long id);
 * - RFC 822 allowed a phrase in In-Reply-To ("Your message of Mon, 1 Jan <id@host>"): only the
 *   bracketed ids count when there are any;
 * - without brackets (a common bug: "Message-ID: 1234.5678@host"), words containing "@" are
 *   taken, or the value itself when it is one word;
 * - an id whose ">" never comes (a field cut short) is dropped;
 * - duplicates are dropped, keeping the first; at most `maxMessageIds` ids are kept.
 */
import { boundedValue, HEADER_ANALYSIS_LIMITS } from "./limits";
import { tokenize } from "./structured-tokens";

function clean(id: string): string {
  return id.replace(/\([^)]*\)/g, "").replace(/\s+/g, "");
}

export function parseMessageIds(value: string): string[] {
  const { maxMessageIds, maxMessageIdChars } = HEADER_ANALYSIS_LIMITS;
  const text = boundedValue(value);
  const tokens = tokenize(text, { angle: true });
  // An unterminated "<" (a field cut short) is not an id: the rest of the value is its "content".
  const bracketed = tokens
    .filter((t) => t.kind === "angle" && text[t.end - 1] === ">")
    .map((t) => clean(t.text));
  let ids: string[];
  if (bracketed.length > 0) {
    ids = bracketed;
  } else {
    const words = tokens
      .filter((t) => t.kind === "word")
      .map((t) => t.text.replace(/^,+|,+$/g, ""));
    const withAt = words.filter((w) => w.includes("@"));
    ids = withAt.length > 0 ? withAt : words.length === 1 ? words : [];
  }
  const seen = new Set<string>();
  const result: string[] = [];
  for (const id of ids) {
    if (id === "" || id.length > maxMessageIdChars || seen.has(id)) continue;
    seen.add(id);
    result.push(id);
    if (result.length >= maxMessageIds) break;
  }
  return result;
}

/** The id of a Message-ID field: the first one, or null when there is none. */
export function parseMessageId(value: string): string | null {
  return parseMessageIds(value)[0] ?? null;
}
