import "server-only";
import { findBySection, type MimeNode } from "../../../mail/mime/structure.ts";
import type { ImapContext } from "../imap-pool.ts";
import { storeFor } from "../store/store-for.ts";

/** The message's structure, and the part at `section` in it: the route checks what it serves. */
export async function lookupPart(
  context: ImapContext,
  mailbox: string,
  uid: number,
  section: string,
): Promise<{ root: MimeNode; part: MimeNode | null; size: number }> {
  const { root, size } = await storeFor(context).structure(mailbox, uid);
  return { root, part: section ? (findBySection(root, section) ?? null) : root, size };
}
