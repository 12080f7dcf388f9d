/**
 * What each cid: reference of the displayed HTML points at (RFC 2392: "cid:" names the part
 * whose Content-ID it carries). The reader loads a reference only when it names an image part
 * of the HTML's own multipart/related (render-body.ts, the p08 rule: never an HTML or SVG part
 * as a document); anything else stays blank in the message, and this says why, above all for
 * references that point at nothing.
 */
import type { MimeNode } from "../../../mail/mime/structure.ts";
import { walkMime } from "../../../mail/mime/structure.ts";
import { relatedResources } from "../../../mail/mime/views/related.ts";
import type { BodyChoice } from "../reader/body-choice.ts";
import { isInlineImage } from "../reader/inline-image.ts";
import type { CidReferenceView } from "./original-view.ts";

export interface CidReport {
  references: CidReferenceView[];
  /** Notes for the parts of the HTML's multipart/related, referenced or not. */
  resourceNotes: [MimeNode, string][];
}

const where = (node: MimeNode) => `part ${node.section || "root"}`;
const Where = (node: MimeNode) => `Part ${node.section || "root"}`;

export function cidReport(
  root: MimeNode,
  choice: BodyChoice,
  referenced: readonly string[],
): CidReport {
  const byId = new Map<string, MimeNode>();
  const byLowerId = new Map<string, MimeNode>();
  for (const node of walkMime(root)) {
    if (node.contentId === null) continue;
    if (!byId.has(node.contentId)) byId.set(node.contentId, node);
    byLowerId.set(node.contentId.toLowerCase(), node);
  }
  // What render-body.ts resolves a cid: against: the HTML's own multipart/related.
  const inRelated = relatedResources(choice.related, choice.part).byContentId;
  const used = new Set<MimeNode>();
  const references = [...new Set(referenced)].map((cid): CidReferenceView => {
    const target = inRelated.get(cid) ?? byId.get(cid);
    if (!target) {
      const near = byLowerId.get(cid.toLowerCase());
      return {
        cid,
        status: "missing",
        target: null,
        note: near
          ? `Points at nothing: ${where(near)} has Content-ID <${near.contentId}>, which differs in letter case.`
          : cid
            ? "Points at nothing: no part has this Content-ID."
            : "Points at nothing: the reference is empty.",
      };
    }
    const inside =
      inRelated.get(cid) === target || (choice.related !== null && target === choice.part);
    if (!inside) {
      return {
        cid,
        status: "outside-related",
        target: target.section,
        note: `${Where(target)} has this Content-ID but is not in the HTML's multipart/related, so the reader does not load it.`,
      };
    }
    if (!isInlineImage(target.contentType)) {
      return {
        cid,
        status: "not-image",
        target: target.section,
        note: `${Where(target)} is ${target.contentType}, which the reader never loads through cid: (only raster images).`,
      };
    }
    used.add(target);
    return {
      cid,
      status: "shown",
      target: target.section,
      note: `Shown inline: ${where(target)}.`,
    };
  });
  const resourceNotes: [MimeNode, string][] = [];
  // The related parts, as relatedResources indexes them: into multiparts, not attached messages.
  const resources: MimeNode[] = [];
  const collect = (node: MimeNode) => {
    if (node.kind === "multipart") node.children.forEach(collect);
    else resources.push(node);
  };
  for (const child of choice.related?.children ?? []) collect(child);
  for (const node of resources) {
    if (node === choice.part) continue;
    resourceNotes.push([
      node,
      used.has(node)
        ? "A resource of the HTML (multipart/related), shown inline through cid:."
        : "A resource of the HTML (multipart/related) that the HTML does not show.",
    ]);
  }
  return { references, resourceNotes };
}
