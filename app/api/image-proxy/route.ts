import { currentSession } from "@/lib/server/auth/current-session";
import { fetchRemoteImage, imageFetchFailureResponse } from "@/lib/server/http/image-fetch";
import { CONTENT_SAFETY_HEADERS } from "@/lib/server/http/route-errors";
import { verifyImageProxy } from "@/lib/server/mail/image-proxy-url";

/**
 * Remote images of a message, after the person allowed them: fetched by the server, so the
 * sender sees our server rather than the reader's address, browser or cookies. Only signed
 * URLs (ones a sanitized message contained) and only for a signed-in session.
 */
export async function GET(request: Request) {
  if (!(await currentSession())) return new Response("Sign in first", { status: 401 });
  const search = new URL(request.url).searchParams;
  const url = search.get("url") ?? "";
  if (!verifyImageProxy(url, search.get("sig") ?? ""))
    return new Response("Not a proxied image", { status: 403 });
  try {
    const image = await fetchRemoteImage(url, { signal: request.signal });
    return new Response(new Uint8Array(image.bytes), {
      headers: {
        ...CONTENT_SAFETY_HEADERS,
        "content-type": image.type,
        "cache-control": "private, max-age=86400",
      },
    });
  } catch (error) {
    // The reader went away: nobody reads the answer, and it is not the image server's fault.
    if (request.signal.aborted) return new Response(null, { status: 499 });
    // A fixed sentence only: the error's own text ("connect ECONNREFUSED 10.0.0.5:6379")
    // would tell a sender which internal ports answer. The detail is logged.
    return imageFetchFailureResponse(error, url);
  }
}
