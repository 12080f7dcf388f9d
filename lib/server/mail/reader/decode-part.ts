/**
 * A fetched part's bytes to text: transfer decoding, then its charset (never throws), read as
 * the MIME parser reads a part (HTML without a charset in its <meta> charset).
 */
import { bodyText } from "../../../mail/mime/message.ts";
import type { MimeNode } from "../../../mail/mime/structure.ts";
import { decodeTransfer } from "../../../mail/mime/transfer-encoding.ts";

export function decodePartText(node: MimeNode, bytes: Uint8Array): string {
  return bodyText(node, decodeTransfer(bytes, node.transferEncoding));
}
