/**
 * Which part is "the body". Two questions, two answers:
 * - `displayBody(msg)`: what the reading pane renders. multipart/alternative offers the same
 *   content in several forms, in increasing order of preference (RFC 2046 section 5.1.4), so
 *   the last one we can render wins (text/html or text/plain, or a multipart/related or mixed
 *   that contains one); multipart/related shows its root (RFC 2387 `start`, else the first
 *   part) with the other parts as resources; multipart/mixed shows its first renderable part.
 * - `textBody(msg)` / `htmlBody(msg)`: the plain-text (or HTML) alternative, for quoting in a
 *   reply, previews and search: the first text/plain (text/html) part, depth first, that is not
 *   an attachment, not inside an attached message, and inside multipart/related only the root.
 *   This is also what Python's `get_body()` answers, so the corpus oracle can check it.
 */
import type { ParsedMessage } from "../message.ts";
import type { ParsedPart } from "../part.ts";

export type BodyFormat = "html" | "plain";

function isAttachment(part: ParsedPart): boolean {
  return part.disposition === "attachment";
}

/** The root of a multipart/related: the `start` Content-ID, else the first part. */
export function relatedRoot(part: ParsedPart): ParsedPart | null {
  const start = part.params.start?.trim().replace(/^<|>$/g, "");
  if (start) {
    const found = part.children.find((child) => child.contentId === start);
    if (found) return found;
  }
  return part.children[0] ?? null;
}

function findFirst(part: ParsedPart, subtype: BodyFormat): ParsedPart | null {
  if (isAttachment(part)) return null;
  const [type, sub] = part.contentType.split("/") as [string, string];
  if (part.kind === "leaf") {
    return type === "text" && sub === subtype ? part : null;
  }
  if (part.kind !== "multipart") return null; // never enter an attached message
  if (sub === "related") {
    const root = relatedRoot(part);
    return root ? findFirst(root, subtype) : null;
  }
  for (const child of part.children) {
    const found = findFirst(child, subtype);
    if (found) return found;
  }
  return null;
}

/** The first non-attachment text/plain part (see the module comment), or null. */
export function textBodyPart(msg: ParsedMessage): ParsedPart | null {
  return findFirst(msg.root, "plain");
}

/** The first non-attachment text/html part (see the module comment), or null. */
export function htmlBodyPart(msg: ParsedMessage): ParsedPart | null {
  return findFirst(msg.root, "html");
}

/** Decoded text of the plain-text alternative, or null. */
export function textBody(msg: ParsedMessage): string | null {
  const part = textBodyPart(msg);
  return part ? msg.text(part) : null;
}

/** Decoded HTML of the HTML alternative, or null. */
export function htmlBody(msg: ParsedMessage): string | null {
  const part = htmlBodyPart(msg);
  return part ? msg.text(part) : null;
}
