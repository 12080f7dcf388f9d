import "server-only";
/**
 * A draft from the Drafts folder back into the composer: recipients (Bcc and unfinished ones
 * from X-Letterbox-Draft), subject, body (inline images and files copied into the upload
 * store), and the message it answers. Drafts written by other programs open too, without the
 * extras only Letterbox records.
 */
import type { Db } from "../../db/client.ts";
import { envelopeOf, htmlBody, parseMessage, textBody } from "../../mail/mime/index.ts";
import type { ImapContext } from "../mail/imap-pool.ts";
import { storeFor } from "../mail/store/store-for.ts";
import type { BodyFormat, ChipView, ComposeOrigin, UploadView } from "./compose-view.ts";
import { DRAFT_HEADER, decodeDraftMeta } from "./draft-header.ts";
import { materialize } from "./materialize.ts";
import { fetchMessageBytes, people } from "./original.ts";
import { chipOf } from "./recipients.ts";
import { documentBody, sanitizeComposeHtml } from "./sanitize-compose-html.ts";

export interface OpenedDraft {
  fromAddress: string | null;
  identityId: string | null;
  to: ChipView[];
  cc: ChipView[];
  bcc: ChipView[];
  subject: string;
  format: BodyFormat;
  body: string;
  uploads: UploadView[];
  origin: ComposeOrigin | null;
  inReplyTo: string | null;
  references: string[];
  notes: string[];
}

export async function openDraft(
  db: Db,
  context: ImapContext,
  owner: { sessionId: string; composeId: string },
  uid: number,
): Promise<OpenedDraft> {
  const drafts = await storeFor(context).specialFolder("drafts");
  const msg = parseMessage(await fetchMessageBytes(context, drafts, uid));
  const envelope = envelopeOf(msg.headers);
  const meta = decodeDraftMeta(msg.headers.getRaw(DRAFT_HEADER));
  const html = htmlBody(msg);
  const format: BodyFormat = meta?.format ?? (html !== null ? "html" : "plain");
  const files = await materialize(db, owner, msg, { inline: format === "html" });
  let body: string;
  if (format === "html" && html !== null) {
    body = sanitizeComposeHtml(documentBody(html), (src) => {
      const cid = /^cid:(.+)$/i.exec(src)?.[1];
      return cid ? (files.inlineSources.get(cid) ?? null) : null;
    }).html;
  } else {
    body = (textBody(msg) ?? "").replace(/\r\n/g, "\n");
  }
  const invalid = (field: "to" | "cc" | "bcc") =>
    (meta?.invalid ?? []).filter((p) => p.field === field).map(chipOf);
  return {
    fromAddress: envelope.from[0]?.address ?? null,
    identityId: meta?.identityId ?? null,
    to: [
      ...people(envelope.to)
        .filter((p) => p.address)
        .map(chipOf),
      ...invalid("to"),
    ],
    cc: [
      ...people(envelope.cc)
        .filter((p) => p.address)
        .map(chipOf),
      ...invalid("cc"),
    ],
    bcc: [...(meta?.bcc ?? people(envelope.bcc)).map(chipOf), ...invalid("bcc")],
    subject: envelope.subject ?? "",
    format,
    body,
    uploads: files.uploads,
    origin: meta?.origin ?? null,
    inReplyTo: envelope.inReplyTo[0] ?? null,
    references: envelope.references,
    notes: files.notes,
  };
}
