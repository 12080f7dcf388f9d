import "server-only";
/**
 * Fetches one remote image for the image proxy, as a careful client: public addresses only
 * (checked on the address actually connected to, so DNS rebinding cannot slip a private one
 * in), a few redirects each checked again, a size cap, a time cap, raster images only and
 * confirmed by their first bytes. No cookies, no referrer, nothing of the reader's is sent.
 */
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { isPublicAddress } from "./public-address.ts";

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const TIMEOUT_MS = 8000;
const MAX_REDIRECTS = 3;

export class ImageFetchError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "ImageFetchError";
  }
}

const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, "", 0);
    const list = addresses as dns.LookupAddress[];
    const allowed = list.filter((a) => isPublicAddress(a.address));
    if (allowed.length === 0) {
      return callback(
        Object.assign(new Error(`${hostname} is not a public address`), { code: "EPRIVATE" }),
        "",
        0,
      );
    }
    if ((options as { all?: boolean }).all)
      return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, allowed);
    callback(null, allowed[0]!.address, allowed[0]!.family);
  });
};

export function sniffRasterImage(bytes: Uint8Array): string | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return "image/png";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x47, 0x49, 0x46, 0x38)) return "image/gif";
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45) return "image/webp";
  return null;
}

function getOnce(url: URL): Promise<http.IncomingMessage> {
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.get(
      url,
      {
        lookup: publicOnlyLookup,
        timeout: TIMEOUT_MS,
        headers: {
          accept: "image/png,image/jpeg,image/gif,image/webp",
          "user-agent": "Letterbox image proxy",
        },
      },
      resolve,
    );
    request.on("timeout", () =>
      request.destroy(new ImageFetchError("The image server timed out", 504)),
    );
    request.on("error", reject);
  });
}

export async function fetchRemoteImage(raw: string): Promise<{ type: string; bytes: Buffer }> {
  let url = new URL(raw);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (url.protocol !== "http:" && url.protocol !== "https:")
      throw new ImageFetchError("Not a web address", 400);
    const response = await getOnce(url).catch((error: unknown) => {
      throw error instanceof ImageFetchError
        ? error
        : new ImageFetchError(`The image could not be fetched (${(error as Error).message})`, 502);
    });
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400 && response.headers.location) {
      response.resume();
      url = new URL(response.headers.location, url);
      continue;
    }
    if (status !== 200) {
      response.resume();
      throw new ImageFetchError(`The image server answered ${status}`, 502);
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of response) {
      total += (chunk as Buffer).length;
      if (total > MAX_IMAGE_BYTES) {
        response.destroy();
        throw new ImageFetchError("The image is too large", 502);
      }
      chunks.push(chunk as Buffer);
    }
    const bytes = Buffer.concat(chunks);
    const type = sniffRasterImage(bytes);
    if (!type) throw new ImageFetchError("That is not an image", 502);
    return { type, bytes };
  }
  throw new ImageFetchError("Too many redirects", 502);
}
