/**
 * MessageAccess over a message held whole (a POP3 message in Letterbox's store): the parser
 * gives the same structure and section numbers IMAP's BODYSTRUCTURE would, and each part's
 * raw bytes come straight from the source.
 */
import type { ParsedMessage, ParsedPart } from "../../../mail/mime/index.ts";
import { findBySection } from "../../../mail/mime/structure.ts";
import type { MessageAccess } from "./gather.ts";

export function parsedAccess(
  message: ParsedMessage,
  flags: string[],
  markSeen: () => Promise<void>,
): MessageAccess {
  return {
    async head(section) {
      if (!section) return { root: message.root, headers: message.headers, flags };
      const node = findBySection(message.root, section) as ParsedPart | undefined;
      const inner =
        node?.kind === "message" ? (node.children[0] as ParsedPart | undefined) : undefined;
      return { root: message.root, headers: (inner ?? message.root).headers, flags };
    },
    async parts(requests) {
      const out = new Map<string, Buffer>();
      for (const { node, maxBytes } of requests) {
        const raw = message.rawBody(node as ParsedPart);
        if (raw) out.set(node.section, Buffer.from(raw.subarray(0, maxBytes)));
      }
      return out;
    },
    markSeen,
  };
}
