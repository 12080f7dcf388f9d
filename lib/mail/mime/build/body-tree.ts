/**
 * The shape of the body, from what the message holds:
 *
 *   multipart/mixed                      only with attachments
 *   ├─ multipart/related                 only with inline images and HTML (RFC 2387)
 *   │  ├─ multipart/alternative          only with both text and HTML (RFC 2046 5.1.4)
 *   │  │  ├─ text/plain                  simplest first: clients show the last they can
 *   │  │  └─ text/html
 *   │  └─ image/* (Content-ID)           referenced as cid: (RFC 2392)
 *   └─ attachments, forwarded messages (message/rfc822)
 *
 * Each multipart appears only when it has two or more parts, except mixed, which holds the
 * attachments even when there is no text. Inline images without HTML have nothing to be
 * related to and become inline parts of mixed.
 */
import { MailError } from "../../errors.ts";
import {
  contentIdOf,
  type ForwardCapabilities,
  filePart,
  forwardedPart,
  inlineImagePart,
  textPart,
} from "./mime-parts.ts";
import type { LeafNode, MultipartNode, TreeNode } from "./mime-tree-writer.ts";
import type { Attachment, ForwardedMessage, MessageSpec } from "./types.ts";

export type BodyCapabilities = ForwardCapabilities;

function multipart(
  subtype: string,
  children: TreeNode[],
  params: MultipartNode["params"] = [],
): TreeNode {
  if (children.length === 1) return children[0]!;
  return { kind: "multipart", subtype, params, children };
}

function isForward(attachment: Attachment): attachment is ForwardedMessage {
  return "message" in attachment;
}

function checkText(value: unknown, field: string): value is string {
  if (value === undefined) return false;
  if (typeof value !== "string") throw new MailError("INVALID_INPUT", `${field} must be a string`);
  return true;
}

function rootType(node: TreeNode): string {
  return node.kind === "multipart" ? `multipart/${node.subtype}` : "text/html";
}

export function bodyTree(spec: MessageSpec, caps: BodyCapabilities): TreeNode {
  const hasText = checkText(spec.text, "text");
  const hasHtml = checkText(spec.html, "html");
  const images = spec.inlineImages ?? [];
  const attachments = spec.attachments ?? [];

  const seen = new Set<string>();
  images.forEach((image, i) => {
    const id = contentIdOf(image, `inline image ${i + 1}`);
    if (seen.has(id))
      throw new MailError("INVALID_INPUT", `two inline images have the Content-ID ${id}`);
    seen.add(id);
  });

  const views: LeafNode[] = [];
  if (hasText) views.push(textPart(spec.text as string, "plain", caps.eightBitMime));
  if (hasHtml) views.push(textPart(spec.html as string, "html", caps.eightBitMime));
  let body: TreeNode | null = views.length > 0 ? multipart("alternative", views) : null;

  const imageParts = images.map((image, i) => inlineImagePart(image, i));
  const loose: TreeNode[] = [];
  if (body && hasHtml && imageParts.length > 0) {
    body = multipart("related", [body, ...imageParts], [{ name: "type", value: rootType(body) }]);
  } else loose.push(...imageParts);

  const files = attachments.map((attachment, i) =>
    isForward(attachment) ? forwardedPart(attachment, i, caps) : filePart(attachment, i),
  );
  if (!body && loose.length === 0 && files.length === 0) {
    body = textPart("", "plain", caps.eightBitMime);
  }
  if (loose.length === 0 && files.length === 0) return body!;
  const parts = [...(body ? [body] : []), ...loose, ...files];
  return { kind: "multipart", subtype: "mixed", params: [], children: parts };
}

/** Every leaf's transfer encoding, for the 8BITMIME / BINARYMIME flags. */
export function transferEncodings(node: TreeNode): string[] {
  if (node.kind === "multipart") return node.children.flatMap(transferEncodings);
  return [node.transferEncoding];
}
