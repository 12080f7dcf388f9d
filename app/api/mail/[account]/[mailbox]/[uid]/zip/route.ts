import { Readable } from "node:stream";
import { mailContext } from "@/lib/server/actions/mail-context";
import { contentDisposition } from "@/lib/server/http/content-disposition";
import { CONTENT_SAFETY_HEADERS, errorResponse } from "@/lib/server/http/route-errors";
import { zipStream } from "@/lib/server/http/zip-stream";
import { lookupPart } from "@/lib/server/mail/parts/part-lookup";
import { listAttachments } from "@/lib/server/mail/reader/attachment-list";
import { chooseBody } from "@/lib/server/mail/reader/body-choice";
import { storeFor } from "@/lib/server/mail/store/store-for";
import { fromSegment } from "@/lib/view-models/routes";

interface Params {
  params: Promise<{ account: string; mailbox: string; uid: string }>;
}

/** "Download all": the message's attachments as one ZIP, streamed part after part. */
export async function GET(request: Request, { params }: Params) {
  try {
    const { account, mailbox: segment, uid: uidText } = await params;
    const uid = Number(uidText);
    if (!Number.isSafeInteger(uid) || uid < 1)
      return new Response("No such message", { status: 404 });
    const mailbox = fromSegment(segment);
    const context = await mailContext(fromSegment(account));
    const nested = new URL(request.url).searchParams.get("part") ?? "";
    if (nested && !/^\d+(\.\d+)*$/.test(nested))
      return new Response("No such part", { status: 404 });
    const { root, part } = await lookupPart(context, mailbox, uid, nested);
    const base = nested ? part?.children[0] : root;
    if (!base) return new Response("No such part", { status: 404 });
    const choice = chooseBody(base);
    const other = choice ? chooseBody(base, choice.format === "html" ? "plain" : "html") : null;
    const shown = new Set(
      [choice?.part.section, other?.part.section].filter((s): s is string => Boolean(s)),
    );
    const files = listAttachments(base, shown, new Set());
    async function* entries() {
      for (const file of files) {
        const stream = storeFor(context).stream({
          mailbox,
          uid,
          section: file.node.section,
          transferEncoding: file.node.transferEncoding,
        });
        yield {
          name: file.filename,
          data: Readable.fromWeb(stream as never) as AsyncIterable<Uint8Array>,
        };
      }
    }
    const zip = Readable.from(zipStream(entries()));
    return new Response(Readable.toWeb(zip) as ReadableStream<Uint8Array>, {
      headers: {
        ...CONTENT_SAFETY_HEADERS,
        "content-type": "application/zip",
        "content-disposition": contentDisposition(`attachments-${uid}.zip`),
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
