import "server-only";
/**
 * The body as the reader shows it: HTML sanitized and wrapped in the sandboxed frame's own
 * document (with its CSP), or plain text as structured blocks that React renders as text.
 */
import type { BodyView } from "../../../view-models/message.ts";
import { mailFrameDocument } from "../../render/mail-frame-document.ts";
import { renderPlainText } from "../../render/plain-text.ts";
import { sanitizeMailHtml } from "../../render/sanitize-mail-html.ts";
import { imageProxyPath } from "../image-proxy-url.ts";
import type { BodyChoice } from "./body-choice.ts";

/** Raster types a browser shows as an image and nothing else (SVG can carry script). */
const INLINE_IMAGE = /^image\/(png|jpeg|gif|webp|bmp)$/;

export interface RenderInput {
  choice: BodyChoice;
  text: string;
  remoteAllowed: boolean;
  origin: string;
  partUrl: (section: string) => string;
}

export function renderBody(input: RenderInput): { body: BodyView; referencedCids: Set<string> } {
  const { choice, text } = input;
  const referencedCids = new Set<string>();
  if (choice.format === "plain") {
    const params = choice.part.params;
    const blocks = renderPlainText(text, {
      flowed: params.format?.toLowerCase() === "flowed",
      delSp: params.delsp?.toLowerCase() === "yes",
    });
    return { body: { kind: "plain", blocks, truncated: false }, referencedCids };
  }
  const resources = new Map<string, { section: string; contentType: string }>();
  for (const child of choice.related?.children ?? []) {
    if (child.contentId)
      resources.set(child.contentId, { section: child.section, contentType: child.contentType });
  }
  const sanitized = sanitizeMailHtml(text, {
    remote: input.remoteAllowed ? "allow" : "block",
    resolveCid: (cid) => {
      const part = resources.get(cid);
      // Only image parts, served as images: a cid: pointing at an HTML or SVG part (hostile
      // p08) must never be loaded as a document.
      if (!part || !INLINE_IMAGE.test(part.contentType)) return null;
      referencedCids.add(cid);
      return `${input.origin}${input.partUrl(part.section)}`;
    },
    proxyUrl: (url) => `${input.origin}${imageProxyPath(url)}`,
  });
  const srcdoc = mailFrameDocument(sanitized.html, {
    imgSources: [`${input.origin}/api/mail/`, `${input.origin}/api/image-proxy`],
  });
  return {
    body: {
      kind: "html",
      srcdoc,
      remoteBlocked: sanitized.remoteBlocked,
      trackingPixels: sanitized.trackingPixels,
      remoteHosts: sanitized.remoteHosts,
      remoteAllowed: input.remoteAllowed,
      cidMissing: sanitized.cidMissing,
      truncated: sanitized.truncated,
    },
    referencedCids,
  };
}
