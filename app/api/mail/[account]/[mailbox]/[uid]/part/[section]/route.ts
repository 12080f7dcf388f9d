import { mailContext } from "@/lib/server/actions/mail-context";
import { contentDisposition } from "@/lib/server/http/content-disposition";
import { CONTENT_SAFETY_HEADERS, errorResponse } from "@/lib/server/http/route-errors";
import { lookupPart } from "@/lib/server/mail/parts/part-lookup";
import { displayName } from "@/lib/server/mail/reader/attachment-list";
import { storeFor } from "@/lib/server/mail/store/store-for";
import { fromSegment } from "@/lib/view-models/routes";

/** Served inline only as what they say they are, and only these: no SVG, no HTML, no PDF. */
const INLINE_TYPES = /^image\/(png|jpeg|gif|webp|bmp)$/;
const MIME_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/;

interface Params {
  params: Promise<{ account: string; mailbox: string; uid: string; section: string }>;
}

/**
 * One part of a message: downloads (Content-Disposition: attachment, RFC 6266 filename) and
 * inline images for the message frame. Never rendered in the app's origin: nosniff, a
 * sandboxing CSP, and inline only for raster images.
 */
export async function GET(request: Request, { params }: Params) {
  try {
    const { account, mailbox: segment, uid: uidText, section: sectionSegment } = await params;
    const section = fromSegment(sectionSegment);
    const uid = Number(uidText);
    if (!Number.isSafeInteger(uid) || uid < 1 || !/^\d+(\.\d+)*$/.test(section)) {
      return new Response("No such part", { status: 404 });
    }
    const mailbox = fromSegment(segment);
    const context = await mailContext(fromSegment(account));
    const { part } = await lookupPart(context, mailbox, uid, section);
    if (!part || part.kind === "multipart") return new Response("No such part", { status: 404 });
    const wantsInline = new URL(request.url).searchParams.get("disposition") === "inline";
    const inline = wantsInline && INLINE_TYPES.test(part.contentType);
    const declared = part.kind === "message" ? "message/rfc822" : part.contentType;
    const type = inline
      ? part.contentType
      : MIME_TYPE.test(declared)
        ? declared
        : "application/octet-stream";
    const body = storeFor(context).stream({
      mailbox,
      uid,
      section,
      transferEncoding: part.transferEncoding,
    });
    return new Response(body, {
      headers: {
        ...CONTENT_SAFETY_HEADERS,
        "content-type": type,
        "content-disposition": contentDisposition(displayName(part, 1), {
          type: inline ? "inline" : "attachment",
        }),
        "cache-control": "private, max-age=3600",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
