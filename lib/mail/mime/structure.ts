/**
 * The shape of a message's MIME tree, without its content. One type for both sources of truth:
 * the MIME parser (from bytes) and the IMAP client (from BODYSTRUCTURE). The UI names a part by
 * `section`, and `BODY.PEEK[section]` fetches exactly that part, so the two must always agree.
 *
 * Section numbers follow RFC 3501 section 6.4.5 (FETCH BODY[<section>]):
 * - a multipart root has section "" and its children "1", "2", ...
 * - a single-part root has section "1" (BODY[1] of a non-multipart message is its body)
 * - the embedded message of a message/rfc822 part at "2": if its root is multipart, that root
 *   shares the part's number ("2") and its children are "2.1", "2.2"; if it is a single part,
 *   that part is "2.1".
 */
export interface MimeNode {
  /** IMAP section number, as described above. */
  section: string;
  /** Lower-case "type/subtype"; the RFC 2045 default when missing or invalid. */
  contentType: string;
  /** Content-Type parameters: lower-case names, RFC 2231 continuations joined and decoded. */
  params: Record<string, string>;
  /** Lower-case disposition type ("inline", "attachment", other), or null when absent. */
  disposition: string | null;
  dispositionParams: Record<string, string>;
  /** Decoded filename: Content-Disposition filename, else Content-Type name. */
  filename: string | null;
  /** Content-ID without the angle brackets. */
  contentId: string | null;
  contentDescription: string | null;
  contentLocation: string | null;
  /** Lower-case Content-Transfer-Encoding; "7bit" when absent. */
  transferEncoding: string;
  /** Size in octets of the body as it stands in the message (still transfer-encoded). */
  size: number;
  /** Number of lines of a text/* or message/rfc822 body, when known. */
  lines: number | null;
  kind: "multipart" | "message" | "leaf";
  /** Multipart: its parts. Message: exactly one child, the embedded message's root. */
  children: MimeNode[];
}

/** Visit every node, depth first, parents before children. */
export function* walkMime(node: MimeNode): Generator<MimeNode> {
  yield node;
  for (const child of node.children) yield* walkMime(child);
}

export function findBySection(root: MimeNode, section: string): MimeNode | undefined {
  for (const node of walkMime(root)) if (node.section === section) return node;
  return undefined;
}
