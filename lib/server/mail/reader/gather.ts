/**
 * What opening a message needs from wherever it is stored: its structure and header, then the
 * bytes of only the parts the reader shows. IMAP answers from BODYSTRUCTURE and BODY[section]
 * (a 25 MB attachment is never fetched); a stored POP3 message answers from its own bytes.
 */
import { MailError } from "../../../mail/errors.ts";
import type { HeaderList } from "../../../mail/mime/index.ts";
import { findBySection, type MimeNode } from "../../../mail/mime/structure.ts";
import { type BodyChoice, chooseBody, type Format, findDeliveryStatus } from "./body-choice.ts";

/** Text bodies beyond this are cut (with a warning) rather than fetched whole. */
export const MAX_TEXT_BYTES = 4 * 1024 * 1024;

export interface MessageAccess {
  /** The message's structure, the header of the message at `section` ("" = itself), flags. */
  head(section: string): Promise<{ root: MimeNode; headers: HeaderList; flags: string[] } | null>;
  /** Raw (still transfer-encoded) bytes of these parts, at most maxBytes each, by section. */
  parts(requests: { node: MimeNode; maxBytes: number }[]): Promise<Map<string, Buffer>>;
  markSeen(): Promise<void>;
}

export interface GatheredMessage {
  /** The root of the message shown: the message itself, or the one inside a message/rfc822. */
  root: MimeNode;
  headers: HeaderList;
  flags: string[];
  markedRead: boolean;
  choice: BodyChoice | null;
  other: BodyChoice | null;
  status: MimeNode | null;
  partBytes: Map<string, Buffer>;
}

export interface GatherOptions {
  section: string;
  prefer?: Format;
  markRead: boolean;
}

export async function gatherMessage(
  access: MessageAccess,
  options: GatherOptions,
): Promise<GatheredMessage> {
  const head = await access.head(options.section);
  if (!head) {
    throw new MailError(
      "INVALID_INPUT",
      "This message is no longer in the folder. It may have been moved or deleted.",
    );
  }
  const root = embeddedRoot(head.root, options.section);
  const choice = chooseBody(root, options.prefer);
  const other = choice ? chooseBody(root, choice.format === "html" ? "plain" : "html") : null;
  const status = findDeliveryStatus(root);
  const wanted = [choice?.part, status].filter((n): n is MimeNode => Boolean(n));
  const partBytes = wanted.length
    ? await access.parts(wanted.map((node) => ({ node, maxBytes: MAX_TEXT_BYTES })))
    : new Map<string, Buffer>();
  let flags = head.flags;
  let markedRead = false;
  if (options.markRead && !options.section && !flags.some((f) => f.toLowerCase() === "\\seen")) {
    await access.markSeen();
    flags = [...flags, "\\Seen"];
    markedRead = true;
  }
  return { root, headers: head.headers, flags, markedRead, choice, other, status, partBytes };
}

/** The root of the message to show: the message itself, or the one inside a message/rfc822 part. */
export function embeddedRoot(root: MimeNode, section: string): MimeNode {
  if (!section) return root;
  const node = findBySection(root, section);
  const inner = node?.kind === "message" ? node.children[0] : undefined;
  if (!inner) throw new MailError("INVALID_INPUT", `Part ${section} is not an attached message.`);
  return inner;
}
