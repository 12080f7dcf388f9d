import { mailContext } from "@/lib/server/actions/mail-context";
import { contentDisposition } from "@/lib/server/http/content-disposition";
import { CONTENT_SAFETY_HEADERS, errorResponse } from "@/lib/server/http/route-errors";
import { lookupPart } from "@/lib/server/mail/parts/part-lookup";
import { storeFor } from "@/lib/server/mail/store/store-for";
import { fromSegment } from "@/lib/view-models/routes";

interface Params {
  params: Promise<{ account: string; mailbox: string; uid: string }>;
}

const MAX_PAGE = 1024 * 1024;

/**
 * The exact source of a message, byte for byte: as a .eml download (`?download=1`), or as
 * plain text for the "show original" view, a page at a time (`?offset=&length=`), so a 40 MB
 * message never has to be shown — or fetched — whole. `?part=<section>` names a
 * message/rfc822 part: its source is the attached message's bytes (RFC 3501 BODY[<section>]
 * of a MESSAGE/RFC822 part is the whole encapsulated message).
 */
export async function GET(request: Request, { params }: Params) {
  try {
    const { account, mailbox: segment, uid: uidText } = await params;
    const uid = Number(uidText);
    if (!Number.isSafeInteger(uid) || uid < 1)
      return new Response("No such message", { status: 404 });
    const mailbox = fromSegment(segment);
    const context = await mailContext(fromSegment(account));
    const search = new URL(request.url).searchParams;
    const section = search.get("part") ?? "";
    if (section && !/^\d+(\.\d+)*$/.test(section))
      return new Response("No such part", { status: 404 });
    const found = await lookupPart(context, mailbox, uid, section);
    if (section && found.part?.kind !== "message")
      return new Response("No such attached message", { status: 404 });
    const size = section ? found.part!.size : found.size;
    if (search.get("download") === "1") {
      return new Response(storeFor(context).stream({ mailbox, uid, section }), {
        headers: {
          ...CONTENT_SAFETY_HEADERS,
          "content-type": "message/rfc822",
          "content-disposition": contentDisposition(
            section ? `message-${uid}-${section}.eml` : `message-${uid}.eml`,
          ),
          "content-length": String(size),
          "cache-control": "private, max-age=3600",
        },
      });
    }
    const offset = Number(search.get("offset") ?? 0);
    const asked = Number(search.get("length") ?? MAX_PAGE);
    // Checked before any byte is sent: once the stream started, an error could only cut it short.
    if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(asked) || asked < 1)
      return new Response("offset and length must be whole numbers", { status: 400 });
    const length = Math.min(MAX_PAGE, asked);
    if (offset >= size && size > 0) return new Response("", { status: 416 });
    return new Response(
      storeFor(context).stream({ mailbox, uid, section, partial: { start: offset, length } }),
      {
        headers: {
          ...CONTENT_SAFETY_HEADERS,
          // Mail is bytes in many charsets; shown as UTF-8, anything else appears as U+FFFD.
          "content-type": "text/plain; charset=utf-8",
          "x-message-size": String(size),
          "cache-control": "private, max-age=3600",
        },
      },
    );
  } catch (error) {
    return errorResponse(error);
  }
}
