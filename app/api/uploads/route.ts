import { Readable } from "node:stream";
import { getDb } from "@/lib/db/client";
import { mailContext } from "@/lib/server/actions/mail-context";
import {
  MESSAGE_RESERVE_BYTES,
  SESSION_UPLOAD_BYTES,
  UPLOAD_DEADLINE_MS,
} from "@/lib/server/compose/limits";
import {
  formatBytes,
  largestFileThatFits,
  overBudgetMessage,
  sizeBudget,
} from "@/lib/server/compose/size-budget";
import { smtpFacts } from "@/lib/server/compose/smtp-session";
import {
  checkedContentType,
  checkedFilename,
  composeUsage,
  deleteUploads,
  sessionUploadBytes,
  storeUpload,
  sweepUploads,
  UploadRefused,
  UploadTooLarge,
  uploadView,
} from "@/lib/server/compose/upload-store";
import { errorResponse } from "@/lib/server/http/route-errors";

const COMPOSE_ID = /^[A-Za-z0-9_-]{8,64}$/;

function json(body: unknown, status: number): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}

/**
 * One file for a message being written, as the raw request body (no multipart parsing, so it
 * streams straight to disk). ?account=&compose=&name=&inline=1. The size budget is the
 * account's SMTP SIZE (or the app's limit) less what this composer already attached: a
 * Content-Length over it is refused before a byte is read, and a body that grows past it is
 * cut off where it crosses, 413 with the numbers either way.
 */
export async function POST(request: Request) {
  try {
    const url = new URL(request.url);
    const context = await mailContext(url.searchParams.get("account") ?? undefined);
    const composeId = url.searchParams.get("compose") ?? "";
    if (!COMPOSE_ID.test(composeId)) return json({ error: "No composer given." }, 400);
    const filename = checkedFilename(url.searchParams.get("name") ?? "");
    const contentType = checkedContentType(request.headers.get("content-type"));
    const inline = url.searchParams.get("inline") === "1";
    if (!request.body) return json({ error: "The file is empty." }, 400);

    const db = await getDb();
    void sweepUploads(db).catch((error: unknown) =>
      console.error("letterbox: upload sweep", error),
    );
    const budget = sizeBudget((await smtpFacts(context.account)).maxMessageSize);
    const used =
      (await composeUsage(db, context.session.sessionId, composeId)) + MESSAGE_RESERVE_BYTES;
    const maxBytes = largestFileThatFits(budget, used);
    const refuse = (size: number, atLeast: boolean) =>
      json(
        {
          error: overBudgetMessage(filename, size, used, budget, atLeast),
          limit: budget.limit,
          used,
          size,
        },
        413,
      );
    const declared = Number(request.headers.get("content-length") ?? "NaN");
    if (Number.isFinite(declared) && declared > maxBytes) return refuse(declared, false);
    const kept = await sessionUploadBytes(db, context.session.sessionId);
    if (kept + (Number.isFinite(declared) ? declared : 0) > SESSION_UPLOAD_BYTES)
      return json(
        {
          error: `Files waiting in your unsent messages already take ${formatBytes(kept)} of the ${formatBytes(SESSION_UPLOAD_BYTES)} Letterbox keeps for you. Send or discard a message, then attach ${filename} again.`,
        },
        413,
      );

    const body = Readable.fromWeb(
      request.body as import("node:stream/web").ReadableStream<Uint8Array>,
    );
    const deadline = setTimeout(
      () =>
        body.destroy(
          new UploadRefused(
            `${filename} took more than 30 minutes to arrive. Try attaching it again.`,
          ),
        ),
      UPLOAD_DEADLINE_MS,
    );

    const upload = await storeUpload(db, {
      sessionId: context.session.sessionId,
      composeId,
      filename,
      contentType,
      inline,
      body,
      maxBytes,
      tooLarge: (received) => overBudgetMessage(filename, received, used, budget),
    })
      .catch((error: unknown) => {
        if (error instanceof UploadTooLarge) return error;
        throw error;
      })
      .finally(() => clearTimeout(deadline));
    if (upload instanceof UploadTooLarge) return refuse(upload.received, true);
    // Files attached side by side each read the usage before the others were stored: counted
    // again now that this one is, the last to arrive over the budget is the one refused.
    const usedNow =
      (await composeUsage(db, context.session.sessionId, composeId, [upload.id])) +
      MESSAGE_RESERVE_BYTES;
    if (upload.size > largestFileThatFits(budget, usedNow)) {
      await deleteUploads(db, context.session.sessionId, [upload.id]);
      return json(
        {
          error: overBudgetMessage(filename, upload.size, usedNow, budget),
          limit: budget.limit,
          used: usedNow,
          size: upload.size,
        },
        413,
      );
    }
    return json(uploadView(upload), 201);
  } catch (error) {
    if (error instanceof UploadRefused) return json({ error: error.message }, 400);
    return errorResponse(error);
  }
}
