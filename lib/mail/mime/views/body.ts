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
import { type RelatedResources, relatedResources } from "./related.ts";

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

export interface DisplayBody {
  format: BodyFormat;
  part: ParsedPart;
  /** Decoded text to render. For plain text, inline uuencoded files are cut out (they are
   * offered as attachments instead, as Thunderbird does). */
  text: string;
  /** The multipart/related resources the HTML may reference (cid:, Content-Location). */
  related: RelatedResources;
}

/** Types the reading pane renders as the message body. */
function renderable(part: ParsedPart): BodyFormat | null {
  if (part.contentType === "text/html") return "html";
  if (part.contentType === "text/plain") return "plain";
  // A multipart in which no part was found is shown as its text (what clients do); one cut
  // off by a limit is structure, not text, and is not shown.
  if (part.kind === "leaf" && part.contentType.startsWith("multipart/")) {
    return part.defects.includes("depth-limit") ? null : "plain";
  }
  return null;
}

interface Choice {
  part: ParsedPart;
  format: BodyFormat;
  container: ParsedPart | null;
}

function choose(part: ParsedPart, container: ParsedPart | null): Choice | null {
  if (isAttachment(part)) return null;
  if (part.kind === "leaf") {
    const format = renderable(part);
    return format ? { part, format, container } : null;
  }
  if (part.kind !== "multipart") return null;
  const sub = part.contentType.slice("multipart/".length);
  if (sub === "alternative") {
    // RFC 2046 5.1.4: alternatives come in increasing order of faithfulness; show the last
    // one we can render.
    for (let i = part.children.length - 1; i >= 0; i--) {
      const found = choose(part.children[i]!, container);
      if (found) return found;
    }
    return null;
  }
  if (sub === "related") {
    const root = relatedRoot(part);
    return root ? choose(root, part) : null;
  }
  if (sub === "encrypted") return null; // RFC 1847: nothing readable without the key
  for (const child of part.children) {
    const found = choose(child, container);
    if (found) return found;
  }
  return null;
}

/** What the reading pane shows, or null when the message has nothing renderable. */
export function displayBody(msg: ParsedMessage): DisplayBody | null {
  let choice = choose(msg.root, null);
  // A single-part message of another text type (text/enriched, text/calendar...) is still
  // better shown as text than not at all.
  if (
    !choice &&
    msg.root.kind === "leaf" &&
    msg.root.contentType.startsWith("text/") &&
    !isAttachment(msg.root)
  ) {
    choice = { part: msg.root, format: "plain", container: null };
  }
  if (!choice) return null;
  let text = msg.text(choice.part) ?? "";
  if (choice.format === "plain" && text.includes("begin ")) text = withoutUuencodedBlocks(text);
  return {
    format: choice.format,
    part: choice.part,
    text,
    related: relatedResources(choice.container, choice.container ? choice.part : null),
  };
}

/** Cuts `begin NNN name` ... `end` blocks out of text. */
function withoutUuencodedBlocks(text: string): string {
  return text.replace(
    /^begin [0-7]{3,4} [^\r\n]+\r?\n(?:[^\r\n]*\r?\n)*?end[ \t]*(?:\r?\n|$)/gm,
    "",
  );
}
