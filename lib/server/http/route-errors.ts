import "server-only";
import { AccessError } from "../actions/mail-context.ts";
import { describeMailError } from "../mail/describe-error.ts";

/** Route handlers answer failures with a status and a sentence, never a stack trace. */
export function errorResponse(error: unknown): Response {
  if (error instanceof AccessError) {
    return new Response(error.message, {
      status: error.code === "UNAUTHENTICATED" ? 401 : 404,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  const described = describeMailError(error, "mail server");
  const status =
    described.code === "INVALID_INPUT" ? 404 : described.code === "INTERNAL" ? 500 : 502;
  if (status === 500) console.error("letterbox route failed", error);
  return new Response(described.message, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8" },
  });
}

/** Headers every response carrying message content gets: nothing in it runs or sniffs. */
export const CONTENT_SAFETY_HEADERS: Record<string, string> = {
  "x-content-type-options": "nosniff",
  "content-security-policy":
    "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox",
  "referrer-policy": "no-referrer",
  "cross-origin-resource-policy": "same-origin",
};
