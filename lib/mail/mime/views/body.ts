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
 *
 * The choice works on the structure alone (`MimeNode`), so the reader applies the same rules to
 * an IMAP BODYSTRUCTURE before fetching anything (`chooseBody`, with `prefer` for its HTML /
 * plain-text switch, and `availableFormats`) as `displayBody` applies to a parsed message.
 */
import type { ParsedMessage } from "../message.ts";
import type { ParsedPart } from "../part.ts";
import type { MimeNode } from "../structure.ts";
import { type RelatedResources, relatedResources } from "./related.ts";

export type BodyFormat = "html" | "plain";

/** A tree's children are nodes of its own kind (a ParsedPart's are ParsedParts). */
const childrenOf = <N extends MimeNode>(node: N) => node.children as N[];

function isAttachment(node: MimeNode): boolean {
  return node.disposition === "attachment";
}

/** The `start` parameter of a multipart/related: its root's Content-ID (RFC 2387 3.2). */
export function relatedStart(node: MimeNode): string | null {
  return node.params.start?.trim().replace(/^<|>$/g, "") || null;
}

/** The root of a multipart/related: the `start` Content-ID, else the first part. */
export function relatedRoot<N extends MimeNode>(node: N): N | null {
  const start = relatedStart(node);
  const children = childrenOf(node);
  if (start) {
    const found = children.find((child) => child.contentId === start);
    if (found) return found;
  }
  return children[0] ?? null;
}

function findFirst<N extends MimeNode>(node: N, subtype: BodyFormat): N | null {
  if (isAttachment(node)) return null;
  const [type, sub] = node.contentType.split("/") as [string, string];
  if (node.kind === "leaf") {
    return type === "text" && sub === subtype ? node : null;
  }
  if (node.kind !== "multipart") return null; // never enter an attached message
  if (sub === "related") {
    const root = relatedRoot(node);
    return root ? findFirst(root, subtype) : null;
  }
  for (const child of childrenOf(node)) {
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
  related: RelatedResources<ParsedPart>;
}

/** Types the reading pane renders as the message body. */
function renderable(node: MimeNode): BodyFormat | null {
  if (node.contentType === "text/html") return "html";
  if (node.contentType === "text/plain") return "plain";
  // A multipart in which the parser found no part is shown as its text (what clients do); one
  // cut off by a limit is structure, not text, and is not shown. (A BODYSTRUCTURE multipart
  // always has parts: this only meets parsed trees, which carry defects.)
  if (node.kind === "leaf" && node.contentType.startsWith("multipart/")) {
    const defects = (node as Partial<ParsedPart>).defects ?? [];
    return defects.includes("depth-limit") ? null : "plain";
  }
  return null;
}

export interface BodyChoice<N extends MimeNode = MimeNode> {
  part: N;
  format: BodyFormat;
  /** The multipart/related the part is the root of, whose other parts it may reference. */
  related: N | null;
}

/**
 * The part to show. multipart/alternative: RFC 2046 5.1.4's "last one we can render" wins,
 * unless `prefer` names the form the person asked for (the reader's HTML / plain-text switch)
 * and an alternative has it. multipart/related: its root. multipart/encrypted (RFC 1847):
 * nothing readable without the key. Other multiparts: the first part with something to show.
 * Attachments and attached messages are never the body.
 */
export function chooseBody<N extends MimeNode>(
  node: N,
  prefer?: BodyFormat,
  related: N | null = null,
): BodyChoice<N> | null {
  if (isAttachment(node)) return null;
  if (node.kind === "leaf") {
    const format = renderable(node);
    return format ? { part: node, format, related } : null;
  }
  if (node.kind !== "multipart") return null;
  const sub = node.contentType.slice("multipart/".length);
  const children = childrenOf(node);
  if (sub === "alternative") {
    let last: BodyChoice<N> | null = null;
    for (let i = children.length - 1; i >= 0; i--) {
      const found = chooseBody(children[i]!, prefer, related);
      if (!found) continue;
      if (prefer === undefined || found.format === prefer) return found;
      last ??= found;
    }
    return last;
  }
  if (sub === "related") {
    const root = relatedRoot(node);
    return root ? chooseBody(root, prefer, node) : null;
  }
  if (sub === "encrypted") return null;
  for (const child of children) {
    const found = chooseBody(child, prefer, related);
    if (found) return found;
  }
  return null;
}

/** Which forms the message offers, for the HTML / plain-text switch. */
export function availableFormats(node: MimeNode): { html: boolean; plain: boolean } {
  return {
    html: chooseBody(node, "html")?.format === "html",
    plain: chooseBody(node, "plain")?.format === "plain",
  };
}

/** What the reading pane shows, or null when the message has nothing renderable. */
export function displayBody(msg: ParsedMessage): DisplayBody | null {
  let choice = chooseBody(msg.root);
  // A single-part message of another text type (text/enriched, text/calendar...) is still
  // better shown as text than not at all.
  if (
    !choice &&
    msg.root.kind === "leaf" &&
    msg.root.contentType.startsWith("text/") &&
    !isAttachment(msg.root)
  ) {
    choice = { part: msg.root, format: "plain", related: null };
  }
  if (!choice) return null;
  let text = msg.text(choice.part) ?? "";
  if (choice.format === "plain" && text.includes("begin ")) text = withoutUuencodedBlocks(text);
  return {
    format: choice.format,
    part: choice.part,
    text,
    related: relatedResources(choice.related, choice.related ? choice.part : null),
  };
}

/** Cuts `begin NNN name` ... `end` blocks out of text. */
function withoutUuencodedBlocks(text: string): string {
  return text.replace(
    /^begin [0-7]{3,4} [^\r\n]+\r?\n(?:[^\r\n]*\r?\n)*?end[ \t]*(?:\r?\n|$)/gm,
    "",
  );
}
