import "server-only";
/**
 * What the composer starts with when answering or forwarding: recipients (recipients.ts),
 * "Re:"/"Fwd:" without stacking, In-Reply-To and References (RFC 5322 section 3.6.4), the
 * original quoted under an attribution line (its HTML through the reader's sanitizer, then the
 * compose policy), and for a forward the original's files or the original itself.
 */
import type { Db } from "../../db/client.ts";
import { forwardSubject, replyHeaders, replySubject } from "../../mail/mime/build/index.ts";
import { htmlBody, textBody } from "../../mail/mime/index.ts";
import { sanitizeMailHtml } from "../render/sanitize-mail-html.ts";
import type { ChipView, ComposeOrigin, UploadView } from "./compose-view.ts";
import { learnContacts } from "./contacts.ts";
import { APP_MAX_MESSAGE_BYTES, MAX_QUOTE_CHARS } from "./limits.ts";
import { materialize } from "./materialize.ts";
import { type Original, people } from "./original.ts";
import { attribution, escapeHtml, forwardHeaderLines, textToHtml } from "./quote.ts";
import { replyRecipients } from "./recipients.ts";
import { sanitizeComposeHtml } from "./sanitize-compose-html.ts";
import { storeUpload, uploadView } from "./upload-store.ts";

export interface ReplyStart {
  to: ChipView[];
  cc: ChipView[];
  subject: string;
  /** Editor HTML after the signature: attribution and quote, or the forwarded header and body. */
  quoteHtml: string;
  uploads: UploadView[];
  inReplyTo: string | null;
  references: string[];
  notes: string[];
}

/** The original's body as editor HTML: its HTML made safe twice over, or its text. */
function originalHtml(original: Original, notes: string[]): string {
  let html = htmlBody(original.msg);
  if (html !== null) {
    if (html.length > MAX_QUOTE_CHARS) {
      html = html.slice(0, MAX_QUOTE_CHARS);
      notes.push("The original is very long; only its beginning is quoted.");
    }
    // The reader's sanitizer first (hostile mail: p01-p15), then the compose policy, which
    // keeps structure only: no style can leak into the composer page, no remote image loads.
    const shown = sanitizeMailHtml(html, {
      remote: "block",
      resolveCid: () => null,
      proxyUrl: () => "",
    });
    return sanitizeComposeHtml(shown.html, () => null).html;
  }
  let text = textBody(original.msg) ?? "";
  if (text.length > MAX_QUOTE_CHARS) {
    text = text.slice(0, MAX_QUOTE_CHARS);
    notes.push("The original is very long; only its beginning is quoted.");
  }
  return textToHtml(text.replace(/\s+$/, ""));
}

export async function replyStart(
  db: Db,
  owner: { sessionId: string; composeId: string; accountId: string },
  original: Original,
  origin: ComposeOrigin,
  self: ReadonlySet<string>,
): Promise<ReplyStart> {
  const { envelope } = original;
  const notes: string[] = [];
  const subject = envelope.subject ?? "";
  const parties = {
    from: people(envelope.from),
    replyTo: people(envelope.replyTo),
    to: people(envelope.to),
    cc: people(envelope.cc),
  };
  void learnContacts(
    owner.accountId,
    [...parties.from, ...parties.replyTo, ...parties.to, ...parties.cc],
    "seen",
  );

  if (origin.mode === "reply" || origin.mode === "reply-all") {
    const { to, cc } = replyRecipients(parties, origin.mode, self);
    const threading = replyHeaders({
      messageId: envelope.messageId,
      inReplyTo: envelope.inReplyTo,
      references: envelope.references,
    });
    const quoteHtml = `<div>${escapeHtml(attribution(envelope.date, parties.from[0]))}</div><blockquote type="cite">${originalHtml(original, notes)}</blockquote>`;
    return {
      to,
      cc,
      subject: replySubject(subject),
      quoteHtml,
      uploads: [],
      inReplyTo: threading.inReplyTo ?? null,
      references: threading.references,
      notes,
    };
  }

  const start: ReplyStart = {
    to: [],
    cc: [],
    subject: forwardSubject(subject),
    quoteHtml: "",
    uploads: [],
    inReplyTo: null,
    references: [],
    notes,
  };
  if (origin.mode === "forward-attachment") {
    const name = `${
      forwardSubject(subject)
        .replace(/^Fwd: /, "")
        .replace(/[\\/:*?"<>|]/g, "_")
        .slice(0, 120) || "message"
    }.eml`;
    const upload = await storeUpload(db, {
      ...owner,
      filename: name,
      contentType: "message/rfc822",
      inline: false,
      body: [original.bytes],
      maxBytes: APP_MAX_MESSAGE_BYTES,
      tooLarge: () => "The original is larger than Letterbox sends.",
    });
    start.uploads.push(uploadView(upload));
    return start;
  }
  const header = forwardHeaderLines({
    from: parties.from,
    to: parties.to,
    cc: parties.cc,
    date: envelope.date,
    subject,
  });
  start.quoteHtml = `${textToHtml(header.join("\n"))}<div><br></div>${originalHtml(original, notes)}`;
  const files = await materialize(db, owner, original.msg, { inline: false });
  start.uploads.push(...files.uploads);
  notes.push(...files.notes);
  return start;
}
