/**
 * Test helper: run the framer and parser over bytes in memory, as if a server had sent them.
 * Uses the same ByteReader the socket layer uses, so framing is exercised exactly.
 */
import { ByteReader } from "../../net/index.ts";
import {
  type FramedResponse,
  type LiteralRouter,
  type ResponseSource,
  readResponse,
} from "../framer.ts";
import { DEFAULT_LIMITS, type ImapLimits } from "../limits.ts";
import { type ImapResponse, parseResponse } from "../response-parser.ts";

export function bytesSource(
  data: string | Buffer,
  maxLine = DEFAULT_LIMITS.maxLineLength,
): ResponseSource {
  const reader = new ByteReader();
  reader.push(typeof data === "string" ? Buffer.from(data, "utf8") : data);
  reader.end();
  return {
    readLine: () => reader.readLine(maxLine),
    readExact: (n) => reader.readExact(n),
    readExactTo: (n, sink) => reader.readExactTo(n, sink),
  };
}

export async function frame(
  data: string | Buffer,
  limits: Partial<ImapLimits> = {},
  router?: LiteralRouter,
): Promise<FramedResponse> {
  return readResponse(bytesSource(data), { ...DEFAULT_LIMITS, ...limits }, router);
}

/** Frame and parse one response. */
export async function parse(
  data: string | Buffer,
  limits: Partial<ImapLimits> = {},
): Promise<ImapResponse> {
  const merged = { ...DEFAULT_LIMITS, ...limits };
  return parseResponse(await frame(data, merged), merged.maxListDepth);
}

/** Frame and parse every response in `data`. */
export async function parseAll(data: string | Buffer): Promise<ImapResponse[]> {
  const source = bytesSource(data);
  const out: ImapResponse[] = [];
  for (;;) {
    let framed: FramedResponse;
    try {
      framed = await readResponse(source, DEFAULT_LIMITS);
    } catch (error) {
      if ((error as { code?: string }).code === "CLOSED") return out;
      throw error;
    }
    out.push(parseResponse(framed, DEFAULT_LIMITS.maxListDepth));
  }
}
