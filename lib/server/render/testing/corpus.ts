// Test helper: the public corpus and hostile messages, read in place (../shared, relative to the
// repository root) and split into parts by our own MIME parser (lib/mail/mime), so the renderer is
// tested on the text the reader will really give it. Nothing is copied into the repository.

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseMessage } from "../../../mail/mime/index.ts";

export interface ExtractedPart {
  contentType: string;
  contentId: string | null;
  /** Decoded text, for text/html, text/plain and image/svg+xml parts. */
  text?: string;
  flowed?: boolean;
  delSp?: boolean;
}

export interface ExtractedMessage {
  file: string;
  /** The Subject header, RFC 2047-decoded. */
  subject: string;
  parts: ExtractedPart[];
}

const ROOT = path.resolve(import.meta.dirname, "../../../..");
export const SHARED = path.resolve(ROOT, "../shared");
export const HOSTILE_DIR = path.join(SHARED, "hostile-public");
export const CORPUS_DIR = path.join(SHARED, "corpus/public");

const TEXT_TYPES = new Set(["text/html", "text/plain", "image/svg+xml"]);

export function extractMessages(files: readonly string[]): ExtractedMessage[] {
  return files.map((file) => {
    const message = parseMessage(readFileSync(file));
    const parts = message
      .parts()
      .filter((part) => part.kind === "leaf")
      .map((part): ExtractedPart => {
        const entry: ExtractedPart = { contentType: part.contentType, contentId: part.contentId };
        if (!TEXT_TYPES.has(part.contentType)) return entry;
        return {
          ...entry,
          text: message.text(part) ?? "",
          flowed: part.params.format?.toLowerCase() === "flowed",
          delSp: part.params.delsp?.toLowerCase() === "yes",
        };
      });
    return { file: path.basename(file), subject: message.headers.get("subject") ?? "", parts };
  });
}

/** The hostile messages whose attack is in the rendering (manifest: p01–p09, p14, p15). */
export function hostileRenderingMessages(): ExtractedMessage[] {
  const files = readdirSync(HOSTILE_DIR)
    .filter((f) => /^p(?:0\d|14|15)-.*\.eml$/.test(f))
    .sort()
    .map((f) => path.join(HOSTILE_DIR, f));
  return extractMessages(files);
}

/** Every message of the public corpus, with its parts. */
export function corpusMessages(): ExtractedMessage[] {
  const files = readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith(".eml"))
    .sort()
    .map((f) => path.join(CORPUS_DIR, f));
  return extractMessages(files);
}

/**
 * resolveCid as the app will implement it: a URL of its part route for image parts only (raster
 * types; SVG is a document and text/html never an image: manifest p08), null otherwise.
 */
export function partResolver(message: ExtractedMessage): (cid: string) => string | null {
  const images = new Map<string, number>();
  message.parts.forEach((part, index) => {
    if (part.contentId && /^image\/(?:png|gif|jpeg|webp)$/.test(part.contentType)) {
      images.set(part.contentId, index);
    }
  });
  return (cid) => {
    const index = images.get(cid);
    return index === undefined ? null : `https://app.letterbox.test/api/parts/${index}`;
  };
}

export const PROXY_PREFIX = "https://app.letterbox.test/api/image-proxy?url=";
export const proxyUrl = (url: string) => PROXY_PREFIX + encodeURIComponent(url);
