import "server-only";
/**
 * The body as the reader shows it: HTML sanitized and wrapped in the sandboxed frame's own
 * document (with its CSP), or plain text as structured blocks that React renders as text.
 */
import { relatedResources } from "../../../mail/mime/views/related.ts";
import type { BodyView } from "../../../view-models/message.ts";
import { mailFrameDocument } from "../../render/mail-frame-document.ts";
import { renderPlainText } from "../../render/plain-text.ts";
import { sanitizeMailHtml } from "../../render/sanitize-mail-html.ts";
import { imageProxyPath } from "../image-proxy-url.ts";
import type { BodyChoice } from "./body-choice.ts";
import { isInlineImage } from "./inline-image.ts";

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
  // The parts of the HTML's own multipart/related (RFC 2387), as the MIME parser indexes them.
  const resources = relatedResources(choice.related, choice.part).byContentId;
  const sanitized = sanitizeMailHtml(text, {
    remote: input.remoteAllowed ? "allow" : "block",
    resolveCid: (cid) => {
      const part = resources.get(cid);
      if (!part || !isInlineImage(part.contentType)) return null;
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
