/**
 * Which parts of a message the reader fetches, decided from BODYSTRUCTURE alone (so a 25 MB
 * attachment is never downloaded to show the text next to it). The rules are the MIME
 * parser's display rules (lib/mail/mime/views/body.ts), applied to the structure tree.
 */
import type { MimeNode } from "../../../mail/mime/structure.ts";

export type Format = "html" | "plain";

export interface BodyChoice {
  part: MimeNode;
  format: Format;
  /** The multipart/related the part is the root of, whose other parts it may reference. */
  related: MimeNode | null;
}

const isAttachment = (node: MimeNode) => node.disposition === "attachment";

export function relatedRoot(node: MimeNode): MimeNode | null {
  const start = node.params.start?.trim().replace(/^<|>$/g, "");
  if (start) {
    const found = node.children.find((child) => child.contentId === start);
    if (found) return found;
  }
  return node.children[0] ?? null;
}

function renderable(node: MimeNode): Format | null {
  if (node.contentType === "text/html") return "html";
  if (node.contentType === "text/plain") return "plain";
  return null;
}

/**
 * The part to show. `prefer` picks within a multipart/alternative when the person asked for
 * the other form; otherwise RFC 2046 5.1.4's "last one we can render" wins.
 */
export function chooseBody(
  node: MimeNode,
  prefer?: Format,
  related: MimeNode | null = null,
): BodyChoice | null {
  if (isAttachment(node)) return null;
  if (node.kind === "leaf") {
    const format = renderable(node);
    return format ? { part: node, format, related } : null;
  }
  if (node.kind !== "multipart") return null;
  const sub = node.contentType.slice("multipart/".length);
  if (sub === "alternative") {
    const choices: BodyChoice[] = [];
    for (let i = node.children.length - 1; i >= 0; i--) {
      const found = chooseBody(node.children[i]!, prefer, related);
      if (found) choices.push(found);
    }
    return choices.find((c) => c.format === prefer) ?? choices[0] ?? null;
  }
  if (sub === "related") {
    const root = relatedRoot(node);
    return root ? chooseBody(root, prefer, node) : null;
  }
  if (sub === "encrypted") return null;
  for (const child of node.children) {
    const found = chooseBody(child, prefer, related);
    if (found) return found;
  }
  return null;
}

/** Which forms the message offers, for the HTML / plain text toggle. */
export function availableFormats(node: MimeNode): { html: boolean; plain: boolean } {
  const html = chooseBody(node, "html");
  const plain = chooseBody(node, "plain");
  return { html: html?.format === "html", plain: plain?.format === "plain" };
}

/** The message/delivery-status part of a bounce, outside attached messages. */
export function findDeliveryStatus(node: MimeNode): MimeNode | null {
  if (node.kind === "leaf") {
    return node.contentType === "message/delivery-status" ||
      node.contentType === "message/global-delivery-status"
      ? node
      : null;
  }
  if (node.kind !== "multipart") return null;
  for (const child of node.children) {
    const found = findDeliveryStatus(child);
    if (found) return found;
  }
  return null;
}
