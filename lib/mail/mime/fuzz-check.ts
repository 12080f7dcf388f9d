/**
 * What must hold for any input, however broken (used by fuzz.test.ts and scripts/mime-fuzz.ts):
 * parsing and every view return without throwing, and the result stays within the limits.
 * Returns the list of violated properties (empty when all hold).
 */
import { envelopeOf } from "./envelope.ts";
import type { MimeLimits } from "./limits.ts";
import { toOracleJson } from "./oracle-json.ts";
import { parseMessage } from "./parser.ts";
import { MimeStreamParser } from "./stream-parser.ts";
import { attachments } from "./views/attachments.ts";
import { displayBody, htmlBody, textBody } from "./views/body.ts";
import { deliveryStatus } from "./views/delivery-status.ts";

export interface CheckResult {
  problems: string[];
  ms: number;
}

export function checkInput(bytes: Uint8Array, limits: MimeLimits, chunk: number): CheckResult {
  const problems: string[] = [];
  const t0 = performance.now();
  try {
    const msg = parseMessage(bytes, { limits });
    const parts = msg.parts();
    if (parts.length > limits.maxParts) problems.push(`parts ${parts.length} > ${limits.maxParts}`);
    for (const part of parts) {
      if (part.depth > limits.maxDepth) problems.push(`depth ${part.depth} > ${limits.maxDepth}`);
      if (part.headers.size > limits.maxHeaders)
        problems.push(`headers ${part.headers.size} > ${limits.maxHeaders}`);
      let block = 0;
      for (const field of part.headers.fields) {
        const size = field.name.length + field.raw.length;
        block += size;
        if (size > limits.maxHeaderLineBytes + 1)
          problems.push(`header field of ${size} > ${limits.maxHeaderLineBytes}`);
      }
      if (block > limits.maxHeaderBlockBytes + limits.maxHeaders)
        problems.push(`header block ${block} > ${limits.maxHeaderBlockBytes}`);
      if (
        part.offsets.bodyEnd < part.offsets.bodyStart ||
        part.size !== part.offsets.bodyEnd - part.offsets.bodyStart
      ) {
        problems.push(`bad offsets in ${part.section}`);
      }
      if (part.decodedFrom === null && part.offsets.bodyEnd > bytes.length)
        problems.push(`offset past the end in ${part.section}`);
      if (part.kind === "message" && part.children.length !== 1)
        problems.push(`message ${part.section} without one child`);
    }
    displayBody(msg);
    textBody(msg);
    htmlBody(msg);
    attachments(msg);
    deliveryStatus(msg);
    envelopeOf(msg.headers);
    toOracleJson(msg, bytes);
    const stream = new MimeStreamParser({ limits });
    for (let i = 0; i < bytes.length; i += chunk) stream.write(bytes.subarray(i, i + chunk));
    const streamed = stream.end().message;
    const a = parts
      .map((p) => `${p.section} ${p.kind} ${p.offsets.bodyStart}-${p.offsets.bodyEnd}`)
      .join();
    const b = streamed
      .parts()
      .map((p) => `${p.section} ${p.kind} ${p.offsets.bodyStart}-${p.offsets.bodyEnd}`)
      .join();
    if (a !== b) problems.push("stream parse differs from whole parse");
  } catch (error) {
    problems.push(`threw: ${(error as Error).stack ?? error}`);
  }
  return { problems, ms: performance.now() - t0 };
}
