import "server-only";
import { MailError } from "../../../mail/errors.ts";
import { findBySection, type MimeNode } from "../../../mail/mime/structure.ts";
import { type ImapContext, withMailbox } from "../imap-pool.ts";

/** The message's structure, and the part at `section` in it: the route checks what it serves. */
export async function lookupPart(
  context: ImapContext,
  mailbox: string,
  uid: number,
  section: string,
): Promise<{ root: MimeNode; part: MimeNode | null; size: number }> {
  const [result] = await withMailbox(context, mailbox, (client) =>
    client.fetch([uid], { bodyStructure: true, size: true }, { byUid: true }),
  );
  if (!result?.bodyStructure) {
    throw new MailError("INVALID_INPUT", "This message is no longer in the folder.");
  }
  const root = result.bodyStructure;
  return {
    root,
    part: section ? (findBySection(root, section) ?? null) : root,
    size: result.size ?? 0,
  };
}
