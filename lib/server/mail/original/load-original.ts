import "server-only";
import { MailError } from "../../../mail/errors.ts";
/**
 * "Show original": one FETCH for the header, BODYSTRUCTURE, size and arrival time, and, when
 * the reader would display HTML, one more for that part (bounded) to see what its cid:
 * references point at. The source itself is never fetched here: the page pages it from the
 * source route, so a 30 MB message costs this loader a few kilobytes.
 */
import type { TrustedAuthservIds } from "../../../mail/headers/index.ts";
import { parseDate, parseMessage } from "../../../mail/mime/index.ts";
import { findBySection, type MimeNode } from "../../../mail/mime/structure.ts";
import { sanitizeMailHtml } from "../../render/sanitize-mail-html.ts";
import { type ImapContext, withMailbox } from "../imap-pool.ts";
import { chooseBody } from "../reader/body-choice.ts";
import { decodePartText } from "../reader/decode-part.ts";
import { authenticationView } from "./authentication-view.ts";
import { inspectHeaders } from "./header-inspector.ts";
import { describeMime } from "./mime-report.ts";
import { MAX_HTML_CHECK_BYTES } from "./original-limits.ts";
import type { OriginalView } from "./original-view.ts";
import { routeView } from "./route-view.ts";

export interface OriginalOptions {
  /** A message/rfc822 part to inspect as a message of its own; "" for the message itself. */
  section: string;
  /** Whose Authentication-Results to believe: "topmost", or the account's configured ids. */
  trustedAuthservIds: TrustedAuthservIds;
}

/** The embedded message of a message/rfc822 part: its root, and the part's size. */
function embedded(root: MimeNode, section: string): { root: MimeNode; size: number } {
  const node = findBySection(root, section);
  const inner = node?.kind === "message" ? node.children[0] : undefined;
  if (!node || !inner) {
    throw new MailError("INVALID_INPUT", `Part ${section} is not an attached message.`);
  }
  return { root: inner, size: node.size };
}

const bytesOf = (data: unknown): Buffer | null => (Buffer.isBuffer(data) ? data : null);

export async function loadOriginal(
  context: ImapContext,
  mailbox: string,
  uid: number,
  options: OriginalOptions,
): Promise<OriginalView> {
  const { section } = options;
  const headerSection = section ? `${section}.HEADER` : "HEADER";
  const fetched = await withMailbox(context, mailbox, async (client) => {
    const [first] = await client.fetch(
      [uid],
      { bodyStructure: true, size: true, internalDate: true, bodies: [{ section: headerSection }] },
      { byUid: true },
    );
    if (!first?.bodyStructure) {
      throw new MailError(
        "INVALID_INPUT",
        "This message is no longer in the folder. It may have been moved or deleted.",
      );
    }
    const target = section
      ? embedded(first.bodyStructure, section)
      : { root: first.bodyStructure, size: first.size ?? 0 };
    const choice = chooseBody(target.root);
    let html: Buffer | null = null;
    if (choice?.format === "html") {
      const long = choice.part.size > MAX_HTML_CHECK_BYTES;
      const [parts] = await client.fetch(
        [uid],
        {
          bodies: [
            {
              section: choice.part.section,
              ...(long ? { partial: { start: 0, length: MAX_HTML_CHECK_BYTES } } : {}),
            },
          ],
        },
        { byUid: true },
      );
      html = bytesOf(parts?.sections.get(choice.part.section.toUpperCase())?.data);
    }
    return { first, ...target, choice, html };
  });

  const warnings: string[] = [];
  const headerBytes = bytesOf(fetched.first.sections.get(headerSection)?.data) ?? Buffer.alloc(0);
  if (headerBytes.length === 0) warnings.push("The server sent no header for this message.");
  const headers = parseMessage(headerBytes).headers;
  const fields = headers.fields;

  let referenced: string[] | null = null;
  const { choice } = fetched;
  if (choice?.format === "html") {
    if (fetched.html) {
      if (choice.part.size > MAX_HTML_CHECK_BYTES) {
        warnings.push("The HTML part is very long; only its beginning was checked for cid: links.");
      }
      // The reader's own sanitizer finds the references the browser would load (img, srcset,
      // backgrounds, CSS url()); refusing every one lists them all.
      referenced = sanitizeMailHtml(decodePartText(choice.part, fetched.html), {
        remote: "block",
        resolveCid: () => null,
        proxyUrl: (url) => url,
      }).cidMissing;
    } else {
      warnings.push(`Part ${choice.part.section} could not be fetched to check its cid: links.`);
    }
  }

  const mime = describeMime(fetched.root, referenced);
  const dateRaw = headers.get("date");
  const date = parseDate(dateRaw).date;
  const arrived = section ? null : (fetched.first.internalDate ?? null);
  return {
    accountId: context.account.id,
    mailbox,
    uid,
    section,
    subject: headers.get("subject") ?? "",
    from: headers.get("from") ?? "",
    date: date ? date.toISOString() : null,
    dateRaw,
    arrived: arrived && !Number.isNaN(arrived.getTime()) ? arrived.toISOString() : null,
    messageId: headers.get("message-id"),
    size: fetched.size,
    fieldCount: fields.length,
    headers: inspectHeaders(headerBytes, fields),
    route: routeView(fields),
    auth: authenticationView(fields, options.trustedAuthservIds),
    mime: mime.tree,
    display: mime.display,
    cidReferences: mime.cidReferences,
    warnings,
  };
}
