/**
 * What an entity becomes once its header block is parsed: a multipart to open, an embedded
 * message to parse (decoded first when it was sent base64/QP), or a leaf. The limits decide
 * here too: past `maxDepth` or `maxParts` a multipart or message stays a leaf, with a defect on
 * the part and a warning for the message.
 */
import type { MimeLimits, MimeWarningCode } from "./limits.ts";
import { isEncapsulating, type ParsedPart } from "./part.ts";
import { isDecodingEncoding } from "./transfer-encoding.ts";

export type EntityKind = "multipart" | "message" | "encoded-message" | "leaf";

export interface EntityDecision {
  kind: EntityKind;
  /** The boundary, for a multipart. */
  boundary: string | null;
  defects: string[];
  warning: { code: MimeWarningCode; message: string } | null;
}

export function decideEntity(
  part: ParsedPart,
  depth: number,
  partsSoFar: number,
  limits: MimeLimits,
): EntityDecision {
  const boundary = part.params.boundary || null;
  const multipart = part.contentType.startsWith("multipart/");
  const message = isEncapsulating(part.contentType);
  const deep = depth >= limits.maxDepth;
  const depthWarning = {
    code: "depth-limit" as const,
    message: `nested deeper than ${limits.maxDepth}: kept as one leaf`,
  };
  if (multipart) {
    if (!boundary)
      return { kind: "leaf", boundary: null, defects: ["no-boundary-parameter"], warning: null };
    if (deep)
      return { kind: "leaf", boundary: null, defects: ["depth-limit"], warning: depthWarning };
    return { kind: "multipart", boundary, defects: [], warning: null };
  }
  if (message) {
    if (deep)
      return { kind: "leaf", boundary: null, defects: ["depth-limit"], warning: depthWarning };
    if (partsSoFar >= limits.maxParts) {
      return {
        kind: "leaf",
        boundary: null,
        defects: ["part-limit"],
        warning: {
          code: "part-limit",
          message: `more than ${limits.maxParts} parts: the rest are not parsed`,
        },
      };
    }
    // RFC 2046 5.2.1 allows only 7bit/8bit/binary here, but base64 is sent: decode, then parse.
    if (isDecodingEncoding(part.transferEncoding)) {
      return {
        kind: "encoded-message",
        boundary: null,
        defects: ["encoded-message"],
        warning: null,
      };
    }
    return { kind: "message", boundary: null, defects: [], warning: null };
  }
  return { kind: "leaf", boundary: null, defects: [], warning: null };
}
