/**
 * multipart/related (RFC 2387) resources of an HTML body: the parts its `cid:` URLs (RFC 2392)
 * and Content-Location URLs (RFC 2557 section 4) point at. The resolver only names parts; what
 * may be shown (images only, never an HTML or SVG part as a document: Roundcube CVE-2020-13965)
 * is the app's decision.
 */
import type { MimeNode } from "../structure.ts";

/** Over a parsed tree or a BODYSTRUCTURE tree alike (it needs the structure only). */
export interface RelatedResources<N extends MimeNode = MimeNode> {
  /** The multipart/related entity, or null when the body is not inside one. */
  container: N | null;
  /** First part with each Content-ID (without angle brackets). */
  byContentId: Map<string, N>;
  byLocation: Map<string, N>;
  /** Base URI for relative references: Content-Location of the container, else of the root. */
  base: string | null;
}

function absolute(url: string, base: string | null): string | null {
  try {
    return new URL(url, base ?? undefined).href;
  } catch {
    return null;
  }
}

/** Indexes the siblings of a multipart/related root (and everything below them). */
export function relatedResources<N extends MimeNode>(
  container: N | null,
  root: N | null,
): RelatedResources<N> {
  const resources: RelatedResources<N> = {
    container,
    byContentId: new Map(),
    byLocation: new Map(),
    base: container?.contentLocation ?? root?.contentLocation ?? null,
  };
  if (!container) return resources;
  const visit = (part: N) => {
    if (part.kind === "leaf" && part !== root) {
      if (part.contentId && !resources.byContentId.has(part.contentId))
        resources.byContentId.set(part.contentId, part);
      if (part.contentLocation) {
        const key = absolute(part.contentLocation, resources.base) ?? part.contentLocation;
        if (!resources.byLocation.has(key)) resources.byLocation.set(key, part);
      }
    }
    if (part.kind === "multipart") for (const child of part.children as N[]) visit(child);
  };
  for (const child of container.children as N[]) visit(child);
  return resources;
}

/** The part a URL in the HTML refers to, or null. `cid:` URLs are percent-decoded (RFC 2392). */
export function resolveReference<N extends MimeNode>(
  resources: RelatedResources<N>,
  url: string,
): N | null {
  const trimmed = url.trim();
  if (/^cid:/i.test(trimmed)) {
    let id = trimmed.slice(4);
    try {
      id = decodeURIComponent(id);
    } catch {
      // Keep the id as written when its escapes are broken.
    }
    return resources.byContentId.get(id.replace(/^<|>$/g, "")) ?? null;
  }
  const key = absolute(trimmed, resources.base);
  return (key && resources.byLocation.get(key)) || resources.byLocation.get(trimmed) || null;
}
