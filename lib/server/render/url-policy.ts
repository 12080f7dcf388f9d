// What each URL in a message may become, and the tally the reader shows ("3 remote images
// blocked"). One place decides for HTML attributes, srcset candidates and CSS url(), so the rules
// cannot drift apart:
//   - links: absolute http:, https:, mailto: only (Roundcube CVE-2012-3508, `java\tscript:`);
//   - loads: cid: through the app's part route, data: for raster images only, remote http(s)
//     blocked before consent and afterwards only images, only through the app's image proxy
//     (Gmail/Fastmail model; manifest p05). Relative URLs are dropped everywhere: the message's
//     <base> is gone and a srcdoc document would resolve them against the app's own origin (p06).

export interface RenderOptions {
  /** "block": no remote URL survives. "allow": remote images go through proxyUrl, nothing else. */
  remote: "block" | "allow";
  /** Content-ID (without <>) → URL of the app's route for that part, or null if it is not an image. */
  resolveCid: (cid: string) => string | null;
  /** Absolute remote image URL → URL of the app's image proxy for it. */
  proxyUrl: (url: string) => string;
}

export type ParsedUrl =
  | { kind: "remote"; href: string; host: string }
  | { kind: "cid"; id: string }
  | { kind: "data"; mime: string }
  | { kind: "other" };

/** How the URL would be loaded: as an image (proxiable after consent) or anything else. */
export type LoadUse = "image" | "other";

export interface LoadDecision {
  /** The URL to write, or null to drop the reference. */
  url: string | null;
  remote: boolean;
}

const RASTER_DATA = /^data:image\/(?:png|gif|jpeg|jpg|webp)[;,]/i;

/**
 * The WHATWG URL parser strips leading/trailing C0 controls and spaces and removes every TAB, CR
 * and LF anywhere (URL Standard, basic URL parser): `java\tscript:` *is* javascript:. Do the same
 * before looking at the scheme, so no spelling survives that the browser would read differently.
 */
export function cleanUrl(raw: string): string {
  return raw.replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "");
}

export function parseUrl(raw: string): ParsedUrl {
  const url = cleanUrl(raw);
  // `//host/x` and `\\host\x` are scheme-relative: inside the frame they load from the network.
  const absolute = /^[\\/]{2}/.test(url) ? `https:${url}` : url;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(absolute)?.[1]?.toLowerCase();
  if (scheme === "http" || scheme === "https") {
    try {
      const parsed = new URL(absolute);
      return parsed.host
        ? { kind: "remote", href: parsed.href, host: parsed.hostname }
        : { kind: "other" };
    } catch {
      return { kind: "other" };
    }
  }
  if (scheme === "cid") {
    // RFC 2392: the Content-ID is %-encoded in the URL; some senders keep its angle brackets.
    let id = absolute.slice(4);
    try {
      id = decodeURIComponent(id);
    } catch {
      // Malformed %-escapes: use the text as written, as Thunderbird does.
    }
    return { kind: "cid", id: id.replace(/^<|>$/g, "") };
  }
  if (scheme === "data") return { kind: "data", mime: RASTER_DATA.test(absolute) ? "raster" : "" };
  return { kind: "other" };
}

export class RenderTally {
  remoteBlocked = 0;
  trackingPixels = 0;
  links = 0;
  readonly remoteHosts = new Set<string>();
  readonly cidMissing = new Set<string>();
  /** Every URL load() handed out: what a later pass over our own output keeps as it is. */
  readonly emitted = new Set<string>();
  /** This pass changed the tree in a way that may re-parse differently (see sanitize-mail-html). */
  restructured = false;

  /**
   * `trusted`: URLs an earlier pass emitted. Only our own output is ever sanitized with them, so
   * they are exactly the proxy and part URLs we wrote, never something a message chose.
   */
  constructor(
    readonly options: RenderOptions,
    private readonly trusted: ReadonlySet<string> = new Set(),
  ) {}

  /** Decides a URL the browser would fetch (img src, srcset candidate, background, CSS url()). */
  load(raw: string, use: LoadUse): LoadDecision {
    if (this.trusted.has(raw)) return { url: raw, remote: false };
    const decision = this.decide(raw, use);
    if (decision.url !== null) this.emitted.add(decision.url);
    return decision;
  }

  private decide(raw: string, use: LoadUse): LoadDecision {
    const parsed = parseUrl(raw);
    switch (parsed.kind) {
      case "remote":
        this.remoteHosts.add(parsed.host);
        if (this.options.remote === "allow" && use === "image") {
          return { url: this.options.proxyUrl(parsed.href), remote: true };
        }
        this.remoteBlocked++;
        return { url: null, remote: true };
      case "cid": {
        const resolved = parsed.id ? this.options.resolveCid(parsed.id) : null;
        if (resolved === null) this.cidMissing.add(parsed.id);
        return { url: resolved, remote: false };
      }
      case "data":
        // Only raster images: data:text/html navigates, data:image/svg+xml is a document.
        return { url: parsed.mime === "raster" ? cleanUrl(raw) : null, remote: false };
      default:
        return { url: null, remote: false };
    }
  }

  /** Decides a link target: the canonical absolute URL, or null (the text stays, unlinked). */
  link(raw: string): string | null {
    const url = cleanUrl(raw);
    let parsed: URL;
    try {
      // No base: relative links must not resolve against the app (no <base> survives, p06).
      parsed = new URL(url);
    } catch {
      return null;
    }
    if (
      parsed.protocol !== "http:" &&
      parsed.protocol !== "https:" &&
      parsed.protocol !== "mailto:"
    ) {
      return null;
    }
    this.links++;
    return parsed.href;
  }
}
