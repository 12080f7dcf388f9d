import { currentSession } from "@/lib/server/auth/current-session";
import { fetchRemoteImage, ImageFetchError } from "@/lib/server/http/image-fetch";
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
    const image = await fetchRemoteImage(url);
    return new Response(new Uint8Array(image.bytes), {
      headers: {
        ...CONTENT_SAFETY_HEADERS,
        "content-type": image.type,
        "cache-control": "private, max-age=86400",
      },
    });
  } catch (error) {
    const status = error instanceof ImageFetchError ? error.status : 502;
    return new Response(error instanceof Error ? error.message : "The image could not be fetched", {
      status,
    });
  }
}
