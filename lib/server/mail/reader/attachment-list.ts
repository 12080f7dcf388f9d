/**
 * The attachments a reader lists, from the structure: every leaf that is not the body being
 * shown (nor its other alternative), plus attached messages, which open as nested messages.
 * Images the HTML shows through cid: are inline and not listed twice.
 */
import { safeFilename } from "../../../mail/mime/safe-filename.ts";
import type { MimeNode } from "../../../mail/mime/structure.ts";

export interface ListedPart {
  node: MimeNode;
  filename: string;
  /** Decoded size, estimated from the encoded size where the encoding inflates it. */
  size: number;
  inline: boolean;
}

const EXTENSIONS: Record<string, string> = {
  "message/rfc822": "eml",
  "text/plain": "txt",
  "text/html": "html",
  "text/calendar": "ics",
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/gif": "gif",
  "application/pdf": "pdf",
};

export function decodedSize(node: MimeNode): number {
  // base64 carries 3 bytes in 4 characters, plus CRLF every 76: about 0.74 of the encoded size.
  if (node.transferEncoding === "base64") return Math.floor(node.size * 0.74);
  return node.size;
}

export function displayName(node: MimeNode, index: number): string {
  const extension = EXTENSIONS[node.contentType];
  return safeFilename(node.filename, {
    fallback: `part-${node.section || index}${extension ? `.${extension}` : ""}`,
  });
}

export function listAttachments(
  root: MimeNode,
  shown: ReadonlySet<string>,
  referencedCids: ReadonlySet<string>,
): ListedPart[] {
  const out: ListedPart[] = [];
  const visit = (node: MimeNode) => {
    if (node.kind === "multipart") {
      for (const child of node.children) visit(child);
      return;
    }
    if (shown.has(node.section)) return;
    if (node.contentType === "message/delivery-status") return;
    const inline = node.contentId !== null && referencedCids.has(node.contentId);
    if (inline) return;
    // An empty part without a name is structure noise (hostile p13 has 200,000 of them).
    if (node.size === 0 && !node.filename && node.kind === "leaf") return;
    out.push({
      node,
      filename: displayName(node, out.length + 1),
      size: decodedSize(node),
      inline: node.disposition === "inline",
    });
  };
  // The root of a single-part message is its body (or, for an attachment-only message, the file).
  if (root.kind !== "multipart" && shown.has(root.section)) return out;
  visit(root);
  return out;
}
