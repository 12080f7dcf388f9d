/**
 * Sizes for the composer's budget against the server's SIZE (RFC 1870), without reading or
 * encoding any attachment. The size of a message does not depend on its random parts
 * (boundaries and generated Message-IDs have fixed lengths), so the estimate is exact: it is
 * the number of octets `buildMessage(...).stream` will yield for the same spec and options.
 */
import { base64EncodedLength } from "./base64-encode.ts";
import { buildMessage } from "./build-message.ts";
import type { BuildOptions, MessageSpec } from "./types.ts";

/** Exact size of the whole message in octets. */
export function estimateMessageSize(spec: MessageSpec, options: BuildOptions = {}): number {
  return buildMessage(spec, options).size;
}

/** Octets one attachment of `size` bytes takes as base64 in 76-character lines (body only). */
export function attachmentEncodedSize(size: number): number {
  return base64EncodedLength(size);
}
