import fs from "node:fs";
import { Readable } from "node:stream";
import { getDb } from "@/lib/db/client";
import { mailContext } from "@/lib/server/actions/mail-context";
import { deleteUploads, findUpload, uploadPath } from "@/lib/server/compose/upload-store";
import { contentDisposition } from "@/lib/server/http/content-disposition";
import { CONTENT_SAFETY_HEADERS, errorResponse } from "@/lib/server/http/route-errors";

interface Params {
  params: Promise<{ id: string }>;
}

/** Shown inline (the editor's pasted images) only as raster images; everything else downloads. */
const INLINE_TYPES = /^image\/(png|jpeg|gif|webp)$/;

/** One of this session's uploads: an inline image in the editor, or a file to check. */
export async function GET(_request: Request, { params }: Params) {
  try {
    const { id } = await params;
    const context = await mailContext();
    const upload = await findUpload(await getDb(), context.session.sessionId, id);
    if (!upload) return new Response("No such file", { status: 404 });
    const inline = INLINE_TYPES.test(upload.contentType);
    const body = Readable.toWeb(fs.createReadStream(uploadPath(upload.id))) as ReadableStream;
    return new Response(body, {
      headers: {
        ...CONTENT_SAFETY_HEADERS,
        "content-type": inline ? upload.contentType : "application/octet-stream",
        "content-length": String(upload.size),
        "content-disposition": contentDisposition(upload.filename, {
          type: inline ? "inline" : "attachment",
        }),
        "cache-control": "private, max-age=3600",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}

/** Removing an attachment from the composer deletes the file. */
export async function DELETE(_request: Request, { params }: Params) {
  try {
    const { id } = await params;
    const context = await mailContext();
    await deleteUploads(await getDb(), context.session.sessionId, [id]);
    return new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error);
  }
}
