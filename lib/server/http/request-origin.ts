import "server-only";
import { headers } from "next/headers";

/**
 * This app's origin as the browser sees it (for absolute URLs in the message frame's CSP).
 * Host comes from the request; only http(s) and a plausible host are accepted, so a forged
 * Host header cannot write arbitrary text into a CSP.
 */
export async function requestOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "127.0.0.1";
  const proto = h.get("x-forwarded-proto") === "https" ? "https" : "http";
  if (!/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-fA-F:]+\](:\d{1,5})?$/.test(host)) {
    throw new Error("The request's Host header is not a host name");
  }
  return `${proto}://${host}`;
}
