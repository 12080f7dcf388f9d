/** MessageAccess over an IMAP connection that has the message's mailbox selected. */
import type { FetchResult, ImapClient } from "../../../mail/imap/index.ts";
import { parseMessage } from "../../../mail/mime/index.ts";
import type { MessageAccess } from "./gather.ts";

function sectionBytes(result: FetchResult | undefined, section: string): Buffer | null {
  const data = result?.sections.get(section.toUpperCase())?.data;
  return Buffer.isBuffer(data) ? data : null;
}

export function imapAccess(client: ImapClient, uid: number): MessageAccess {
  return {
    async head(section) {
      const headerSection = section ? `${section}.HEADER` : "HEADER";
      const [first] = await client.fetch(
        [uid],
        { flags: true, bodyStructure: true, size: true, bodies: [{ section: headerSection }] },
        { byUid: true },
      );
      if (!first?.bodyStructure) return null;
      return {
        root: first.bodyStructure,
        headers: parseMessage(sectionBytes(first, headerSection) ?? Buffer.alloc(0)).headers,
        flags: first.flags ?? [],
      };
    },
    async parts(requests) {
      const [result] = await client.fetch(
        [uid],
        {
          bodies: requests.map(({ node, maxBytes }) => ({
            section: node.section,
            ...(node.size > maxBytes ? { partial: { start: 0, length: maxBytes } } : {}),
          })),
        },
        { byUid: true },
      );
      const out = new Map<string, Buffer>();
      for (const { node } of requests) {
        const bytes = sectionBytes(result, node.section);
        if (bytes) out.set(node.section, bytes);
      }
      return out;
    },
    async markSeen() {
      await client.addFlags([uid], ["\\Seen"], { byUid: true, silent: true });
    },
  };
}
