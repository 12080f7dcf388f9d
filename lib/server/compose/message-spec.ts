import "server-only";
/**
 * The composer's form, checked, as the MIME builder's MessageSpec: the identity as From, the
 * HTML cleaned by the compose policy with its plain-text alternative, inline images as
 * multipart/related parts (their editor URLs become cid: references, RFC 2392), uploads as
 * attachments streamed from disk, a forwarded message (message/rfc822) kept byte for byte.
 * A draft also carries its Bcc and unfinished recipients in X-Letterbox-Draft.
 */
import type { Db } from "../../db/client.ts";
import type { Upload } from "../../generated/prisma-sqlite/client.ts";
import {
  type Attachment,
  checkAddrSpec,
  type InlineImage,
  type Mailbox,
  type MessageSpec,
} from "../../mail/mime/build/index.ts";
import { UPLOAD_IMAGE_SRC } from "./compose-html-policy.ts";
import type { ComposeInput } from "./compose-input.ts";
import type { IdentityView } from "./compose-view.ts";
import { DRAFT_HEADER, type DraftMeta, encodeDraftMeta } from "./draft-header.ts";
import { htmlDocument, sanitizeComposeHtml } from "./sanitize-compose-html.ts";
import { sessionUploads, uploadBytes, uploadSource } from "./upload-store.ts";

export interface ComposedSpec {
  spec: MessageSpec;
  /** Every upload the message uses (attachments and inline images), to delete once sent. */
  uploads: Upload[];
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf("@") + 1) || "letterbox.invalid";
}

function mailbox(person: { name: string; address: string }): Mailbox {
  return person.name.trim()
    ? { name: person.name.trim(), address: person.address }
    : { address: person.address };
}

async function attachmentsOf(uploads: Upload[]): Promise<Attachment[]> {
  const out: Attachment[] = [];
  for (const upload of uploads) {
    if (upload.contentType === "message/rfc822") {
      // Forward as attachment: the original's bytes exactly (the builder never re-encodes them).
      out.push({ message: await uploadBytes(upload), filename: upload.filename });
    } else {
      out.push({
        filename: upload.filename,
        contentType: upload.contentType,
        content: uploadSource(upload),
      });
    }
  }
  return out;
}

export async function composeSpec(
  db: Db,
  sessionId: string,
  input: ComposeInput,
  identity: IdentityView,
  forDraft: boolean,
): Promise<ComposedSpec> {
  const domain = domainOf(identity.email);
  const spec: MessageSpec = {
    from: mailbox({ name: identity.displayName, address: identity.email }),
    subject: input.subject,
  };
  const usable = (p: { address: string }) => !forDraft || checkAddrSpec(p.address).ok;
  spec.to = input.to.filter(usable).map(mailbox);
  spec.cc = input.cc.filter(usable).map(mailbox);
  if (!forDraft) spec.bcc = input.bcc.map(mailbox);

  const inlineIds: string[] = [];
  if (input.format === "html") {
    const clean = sanitizeComposeHtml(input.body, (src) => {
      const id = UPLOAD_IMAGE_SRC.exec(src)?.[1];
      if (!id) return null;
      if (!inlineIds.includes(id)) inlineIds.push(id);
      return `cid:${id}@${domain}`;
    });
    spec.html = htmlDocument(clean.html);
    spec.text = clean.text;
  } else {
    spec.text = input.body;
  }

  const inline = await sessionUploads(db, sessionId, inlineIds);
  const files = await sessionUploads(
    db,
    sessionId,
    input.attachments.filter((id) => !inlineIds.includes(id)),
  );
  spec.inlineImages = inline.map(
    (upload): InlineImage => ({
      contentId: `${upload.id}@${domain}`,
      contentType: upload.contentType,
      filename: upload.filename,
      content: uploadSource(upload),
    }),
  );
  spec.attachments = await attachmentsOf(files);
  if (input.inReplyTo) spec.inReplyTo = input.inReplyTo;
  if (input.references.length > 0) spec.references = input.references;

  if (forDraft) {
    const meta: DraftMeta = {
      format: input.format,
      identityId: identity.id,
      bcc: input.bcc.filter(usable),
      invalid: (["to", "cc", "bcc"] as const).flatMap((field) =>
        input[field].filter((p) => !usable(p)).map((p) => ({ field, ...p })),
      ),
      origin: input.origin,
    };
    spec.headers = [[DRAFT_HEADER, encodeDraftMeta(meta)]];
  }
  return { spec, uploads: [...inline, ...files] };
}
