import "server-only";
/**
 * Fetches one remote image for the image proxy, as a careful client: public addresses only,
 * a few redirects each checked again, a size cap, an idle timer and an overall deadline, a
 * bounded number of fetches at once, raster images only and confirmed by their first bytes.
 * No cookies, no referrer, nothing of the reader's is sent.
 *
 * Where the address is checked (SSRF: the URL comes from a stranger's mail):
 * - every hop (the first URL and each redirect) whose host is an IP literal, before any
 *   connection, because Node never resolves a literal, so a lookup filter never sees it;
 * - every name, when it resolves, and every connection, on the address actually reached
 *   (guarded-connection.ts), which also stops DNS rebinding.
 */
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { Duplex } from "node:stream";
import { ConcurrencyGate, GateFullError } from "./concurrency-gate.ts";
import {
  type AddressPolicy,
  connectToAllowedPeer,
  RefusedAddressError,
} from "./guarded-connection.ts";
import { IMAGE_PROXY_LIMITS, type ImageProxyLimits } from "./image-proxy-limits.ts";
import { isPublicAddress, parseIpAddress } from "./public-address.ts";

/**
 * What the reader is told, by failure. Fixed sentences: nothing from the remote side or the
 * network stack reaches the response, or the proxy would report which internal ports answer.
 * The detail stays in `cause`, for the server's log.
 */
const FAILURES = {
  "not-web": { status: 400, message: "That is not a web address." },
  busy: { status: 503, message: "Too many images are loading. Try again in a moment." },
  unreachable: { status: 502, message: "The image could not be fetched." },
  "too-slow": { status: 504, message: "The image server took too long to answer." },
  "bad-answer": { status: 502, message: "The image server did not send the image." },
  "too-many-redirects": { status: 502, message: "The image server redirected too many times." },
  "too-large": { status: 502, message: "The image is too large to show." },
  "not-image": { status: 502, message: "That is not an image." },
} as const;

export type ImageFetchFailure = keyof typeof FAILURES;

export class ImageFetchError extends Error {
  readonly status: number;
  constructor(
    readonly failure: ImageFetchFailure,
    options?: { cause?: unknown },
  ) {
    super(FAILURES[failure].message, options);
    this.name = "ImageFetchError";
    this.status = FAILURES[failure].status;
  }
}

/** Each error of a cause chain as "Name (code): message", for the server's log. */
function describeChain(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e !== undefined && parts.length < 5; ) {
    if (!(e instanceof Error)) {
      parts.push(String(e));
      break;
    }
    const code = (e as { code?: unknown }).code;
    parts.push(`${e.name}${typeof code === "string" ? ` (${code})` : ""}: ${e.message}`);
    e = e.cause;
  }
  return parts.join(" <- ");
}

/**
 * The proxy's answer when a fetch failed: the fixed sentence and status of its failure, and
 * nothing else; the whole cause chain (addresses, ports, errno codes) goes to the log only.
 */
export function imageFetchFailureResponse(
  error: unknown,
  url: string,
  log: (message: string) => void = (message) => console.warn(message),
): Response {
  const failure =
    error instanceof ImageFetchError ? error : new ImageFetchError("unreachable", { cause: error });
  const origin = URL.canParse(url) ? new URL(url).origin : "(not a URL)";
  log(`letterbox image proxy: ${failure.failure} for ${origin}: ${describeChain(failure.cause)}`);
  return new Response(failure.message, {
    status: failure.status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}

export interface ImageFetchOptions {
  /** Cancels the fetch, e.g. the reader's request went away. */
  signal?: AbortSignal;
  /**
   * Which peer addresses may be reached; public ones only unless given. For tests, which must
   * reach a server on loopback: production never passes it.
   */
  isAllowedAddress?: AddressPolicy;
  /** The resolver (dns.lookup unless given); its answers still pass `isAllowedAddress`. */
  lookup?: LookupFunction;
  limits?: Partial<ImageProxyLimits>;
  gate?: ConcurrencyGate;
}

/** The one gate every proxied fetch in this process passes (see image-proxy-limits.ts). */
export const imageFetchGate = new ConcurrencyGate(
  IMAGE_PROXY_LIMITS.concurrentFetches,
  IMAGE_PROXY_LIMITS.maxWaiting,
);

export function sniffRasterImage(bytes: Uint8Array): string | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return "image/png";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x47, 0x49, 0x46, 0x38)) return "image/gif";
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45) return "image/webp";
  return null;
}

function webUrl(raw: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch (error) {
    throw new ImageFetchError(base ? "bad-answer" : "not-web", { cause: error });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ImageFetchError(base ? "bad-answer" : "not-web", {
      cause: new Error(`Protocol ${url.protocol} is not fetched`),
    });
  }
  // Credentials in the URL would become an Authorization header we never meant to send.
  url.username = "";
  url.password = "";
  return url;
}

/** The URL's host as a connection wants it: an IPv6 literal without its brackets. */
function bareHost(url: URL): string {
  return url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
}

function refuseDisallowedLiteral(url: URL, isAllowed: AddressPolicy): void {
  const host = bareHost(url);
  if (parseIpAddress(host) && !isAllowed(host)) {
    throw new RefusedAddressError(host, [host], "literal");
  }
}

type Policy = {
  isAllowed: AddressPolicy;
  lookup?: LookupFunction;
  idleMs: number;
};

type Hop = { request: http.ClientRequest; response: http.IncomingMessage; signal: AbortSignal };

function requestOnce(url: URL, signal: AbortSignal, policy: Policy): Promise<Hop> {
  const secure = url.protocol === "https:";
  const target = {
    host: bareHost(url),
    port: Number(url.port) || (secure ? 443 : 80),
    tls: secure,
  };
  const idle = new AbortController();
  const hopSignal = AbortSignal.any([signal, idle.signal]);
  return new Promise((resolve, reject) => {
    const request = (secure ? https : http).request(
      url,
      {
        signal: hopSignal,
        headers: {
          accept: "image/png,image/jpeg,image/gif,image/webp",
          "user-agent": "Letterbox image proxy",
        },
        createConnection: (_args, oncreate) => {
          connectToAllowedPeer(target, { ...policy, signal: hopSignal }).then(
            (socket) => oncreate(null, socket),
            (error: Error) => oncreate(error, undefined as unknown as Duplex),
          );
          return undefined;
        },
      },
      (response) => resolve({ request, response, signal: hopSignal }),
    );
    request.setTimeout(policy.idleMs, () =>
      idle.abort(new ImageFetchError("too-slow", { cause: new Error("Idle timeout") })),
    );
    request.on("error", reject);
    request.end();
  });
}

async function readBody(hop: Hop, maxBytes: number): Promise<Buffer> {
  const { response, signal } = hop;
  const onAbort = () => response.destroy(signal.reason);
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of response) {
      total += (chunk as Buffer).length;
      if (total > maxBytes) throw new ImageFetchError("too-large");
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  } finally {
    signal.removeEventListener("abort", onAbort);
    hop.request.destroy();
  }
}

async function fetchFollowing(
  first: URL,
  signal: AbortSignal,
  limits: ImageProxyLimits,
  policy: Policy,
): Promise<{ type: string; bytes: Buffer }> {
  let url = first;
  for (let hop = 0; ; hop++) {
    refuseDisallowedLiteral(url, policy.isAllowed);
    const current = await requestOnce(url, signal, policy);
    const { request, response } = current;
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (status >= 300 && status < 400 && location) {
      request.destroy();
      if (hop >= limits.maxRedirects) throw new ImageFetchError("too-many-redirects");
      url = webUrl(location, url);
      continue;
    }
    if (status !== 200) {
      request.destroy();
      throw new ImageFetchError("bad-answer", { cause: new Error(`HTTP ${status}`) });
    }
    // Refused before a byte of the body is read; the running count below still holds a
    // server that sends no length or lies about it.
    if (Number(response.headers["content-length"]) > limits.maxBytes) {
      request.destroy();
      throw new ImageFetchError("too-large");
    }
    const bytes = await readBody(current, limits.maxBytes);
    const type = sniffRasterImage(bytes);
    if (!type) throw new ImageFetchError("not-image");
    return { type, bytes };
  }
}

/** Any failure as an ImageFetchError; the original stays as its cause. */
function asImageFetchError(error: unknown, deadline: AbortSignal): ImageFetchError {
  const unwrapped =
    error instanceof Error && error.name === "AbortError" && error.cause ? error.cause : error;
  if (unwrapped instanceof ImageFetchError) return unwrapped;
  if (deadline.aborted) return new ImageFetchError("too-slow", { cause: unwrapped });
  if ((unwrapped as { code?: string }).code === "ETIMEDOUT") {
    return new ImageFetchError("too-slow", { cause: unwrapped });
  }
  return new ImageFetchError("unreachable", { cause: unwrapped });
}

export async function fetchRemoteImage(
  raw: string,
  options: ImageFetchOptions = {},
): Promise<{ type: string; bytes: Buffer }> {
  const limits: ImageProxyLimits = { ...IMAGE_PROXY_LIMITS, ...options.limits };
  const policy: Policy = {
    isAllowed: options.isAllowedAddress ?? isPublicAddress,
    lookup: options.lookup,
    idleMs: limits.idleMs,
  };
  const url = webUrl(raw);
  try {
    // Refused before it takes a slot or waits for one.
    refuseDisallowedLiteral(url, policy.isAllowed);
  } catch (error) {
    throw new ImageFetchError("unreachable", { cause: error });
  }
  const gate = options.gate ?? imageFetchGate;
  const waitLimit = AbortSignal.timeout(limits.queueWaitMs);
  const release = await gate
    .acquire(options.signal ? AbortSignal.any([waitLimit, options.signal]) : waitLimit)
    .catch((error: unknown) => {
      throw error instanceof GateFullError || waitLimit.aborted
        ? new ImageFetchError("busy", { cause: error })
        : new ImageFetchError("unreachable", { cause: error });
    });
  const deadline = AbortSignal.timeout(limits.deadlineMs);
  const signal = options.signal ? AbortSignal.any([deadline, options.signal]) : deadline;
  try {
    return await fetchFollowing(url, signal, limits, policy);
  } catch (error) {
    throw asImageFetchError(error, deadline);
  } finally {
    release();
  }
}
