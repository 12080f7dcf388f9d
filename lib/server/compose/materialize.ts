import "server-only";
/**
 * Files of a received message or a draft, copied into the upload store so the composer holds
 * them like anything the person attached: carried on forward, kept when a draft is reopened
 * (on this browser after a reload, or on another one). Inline images of an HTML body become
 * inline uploads, and the body's cid: references are pointed at them.
 */
import type { Db } from "../../db/client.ts";
import { oneLine } from "../../mail/mime/build/foreign-text.ts";
import {
  type AttachmentInfo,
  attachmentContent,
  attachments,
  type ParsedMessage,
} from "../../mail/mime/index.ts";
import type { UploadView } from "./compose-view.ts";
import { APP_MAX_MESSAGE_BYTES, MAX_FILENAME_CHARS } from "./limits.ts";
import { checkedContentType, storeUpload, uploadView } from "./upload-store.ts";

export interface Materialized {
  uploads: UploadView[];
  /** Content-ID (without brackets) → the inline upload's editor URL. */
  inlineSources: Map<string, string>;
  notes: string[];
}

function filenameOf(info: AttachmentInfo, index: number): string {
  // A received filename is foreign text: controls become spaces rather than refusing the file.
  const name = oneLine(info.filename ?? "").slice(0, MAX_FILENAME_CHARS);
  if (name) return name;
  return info.part.kind === "message" ? `message-${index + 1}.eml` : `attachment-${index + 1}`;
}

export async function materialize(
  db: Db,
  owner: { sessionId: string; composeId: string },
  msg: ParsedMessage,
  options: { inline: boolean },
): Promise<Materialized> {
  const out: Materialized = { uploads: [], inlineSources: new Map(), notes: [] };
  const list = attachments(msg);
  for (const [index, info] of list.entries()) {
    const inline = options.inline && info.inlineInBody && info.contentId !== null;
    const content = attachmentContent(msg, info);
    const filename = filenameOf(info, index);
    if (!content) {
      out.notes.push(`${filename} could not be read from the original and is not attached.`);
      continue;
    }
    const upload = await storeUpload(db, {
      ...owner,
      filename,
      contentType:
        info.part.kind === "message" ? "message/rfc822" : checkedContentType(info.contentType),
      inline,
      body: [content],
      maxBytes: APP_MAX_MESSAGE_BYTES,
      tooLarge: () => `${filename} is larger than Letterbox sends.`,
    });
    if (inline) out.inlineSources.set(info.contentId!, `/api/uploads/${upload.id}`);
    out.uploads.push(uploadView(upload));
  }
  return out;
}
