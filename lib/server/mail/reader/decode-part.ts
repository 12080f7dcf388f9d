/** A fetched part's bytes to text: transfer decoding, then its charset (never throws). */
import { decodeText } from "../../../mail/mime/charsets.ts";
import type { MimeNode } from "../../../mail/mime/structure.ts";
import { decodeTransfer } from "../../../mail/mime/transfer-encoding.ts";

export function decodePartText(node: MimeNode, bytes: Uint8Array): string {
  return decodeText(decodeTransfer(bytes, node.transferEncoding), node.params.charset ?? null);
}
