/**
 * URLs of the app's image proxy carry an HMAC of the remote URL, so the proxy fetches only
 * what a sanitized message referenced and cannot be used as an open relay by anyone else.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { serverKey } from "../crypto/server-key.ts";

function signature(url: string): string {
  return createHmac("sha256", serverKey())
    .update(`image-proxy:${url}`)
    .digest("base64url")
    .slice(0, 32);
}

export function imageProxyPath(url: string): string {
  return `/api/image-proxy?url=${encodeURIComponent(url)}&sig=${signature(url)}`;
}

export function verifyImageProxy(url: string, sig: string): boolean {
  const expected = Buffer.from(signature(url));
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
