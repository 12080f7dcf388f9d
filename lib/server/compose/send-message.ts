import "server-only";
/**
 * Sending, start to finish: check the form, build the message for what the server offers
 * (8BITMIME, SMTPUTF8), hold it once in memory, send it over the account's SMTP (TLS and AUTH
 * as the account says), then append exactly those bytes to Sent with \Seen, flag the original
 * \Answered or $Forwarded, remove the draft, and learn the recipients for autocomplete.
 * If sending fails nothing is lost: the form is saved as a draft and the failure is told in
 * words with the server's reply; some recipients refused while others accepted is a success
 * that lists exactly who was refused.
 */
import { getDb } from "../../db/client.ts";
import { isMailError } from "../../mail/errors.ts";
import { buildMessage, collectMessage } from "../../mail/mime/build/index.ts";
import type { SendResult, SmtpClient } from "../../mail/smtp/index.ts";
import type { MailContext } from "../actions/mail-context.ts";
import { describeMailError } from "../mail/describe-error.ts";
import { storeFor } from "../mail/store/store-for.ts";
import { type ComposeInput, composeProblems } from "./compose-input.ts";
import type { SendOutcome } from "./compose-view.ts";
import { learnContacts } from "./contacts.ts";
import { describeSendError, refusedRecipient } from "./describe-send-error.ts";
import { saveDraft } from "./draft-save.ts";
import { removeDraft } from "./drafts.ts";
import { findIdentity } from "./identities.ts";
import { composeSpec } from "./message-spec.ts";
import { formatBytes, sizeBudget } from "./size-budget.ts";
import { connectSmtp, rememberFacts } from "./smtp-session.ts";
import { deleteUploads } from "./upload-store.ts";

class TooLarge extends Error {
  readonly code = "MESSAGE_TOO_LARGE";
}

function said(error: unknown): string {
  return describeMailError(error, "IMAP server").message;
}

async function transmit(
  context: MailContext,
  input: ComposeInput,
): Promise<{ bytes: Uint8Array; messageId: string; result: SendResult; uploadIds: string[] }> {
  const db = await getDb();
  const identity = await findIdentity(context.account, input.identityId);
  const { spec, uploads } = await composeSpec(
    db,
    context.session.sessionId,
    input,
    identity,
    false,
  );
  let client: SmtpClient | null = null;
  try {
    client = await connectSmtp(context.account);
    const facts = rememberFacts(context.account, client);
    const caps = client.capabilities;
    const built = buildMessage(spec, {
      transport: { eightBitMime: caps.eightBitMime, smtpUtf8: caps.smtpUtf8 },
    });
    const budget = sizeBudget(facts.maxMessageSize);
    if (built.size > budget.limit) {
      throw new TooLarge(
        `Not sent: the message is ${formatBytes(built.size)} and the server accepts at most ${formatBytes(budget.limit)}. Remove an attachment and try again.`,
      );
    }
    const bytes = await collectMessage(built);
    const result = await client.send(built.envelope, bytes, { smtpUtf8: built.needsSmtpUtf8 });
    return { bytes, messageId: built.messageId, result, uploadIds: uploads.map((u) => u.id) };
  } finally {
    await client?.quit().catch(() => client?.close());
  }
}

/** After the server took the message: each step is worth doing even if another failed. */
async function fileAway(
  context: MailContext,
  input: ComposeInput,
  bytes: Uint8Array,
  messageId: string,
  warnings: string[],
): Promise<void> {
  try {
    const store = storeFor(context);
    await store.append(await store.specialFolder("sent"), bytes, ["\\Seen"], messageId);
  } catch (error) {
    warnings.push(`The message was sent, but its copy could not be saved in Sent: ${said(error)}`);
  }
  const origin = input.origin;
  if (origin && origin.part === "") {
    const flag = origin.mode.startsWith("forward") ? "$Forwarded" : "\\Answered";
    try {
      await storeFor(context).setFlag(
        origin.mailbox,
        [origin.uid],
        flag === "$Forwarded" ? "forwarded" : "answered",
        true,
      );
    } catch (error) {
      warnings.push(
        `The original could not be marked as ${flag === "$Forwarded" ? "forwarded" : "answered"}: ${said(error)}`,
      );
    }
  }
  if (input.draftUid !== null) {
    try {
      await removeDraft(context, input.draftUid);
    } catch (error) {
      warnings.push(`The draft could not be removed from Drafts: ${said(error)}`);
    }
  }
}

export async function sendComposed(
  context: MailContext,
  input: ComposeInput,
): Promise<SendOutcome> {
  const problems = composeProblems(input, false);
  if (problems.length > 0) return { status: "invalid", problems };
  let sent: Awaited<ReturnType<typeof transmit>>;
  try {
    sent = await transmit(context, input);
  } catch (error) {
    const failure =
      error instanceof TooLarge
        ? { code: error.code, message: error.message, refused: [] }
        : describeSendError(error);
    if (!(error instanceof TooLarge) && !isMailError(error)) {
      console.error("letterbox: sending failed", error);
    }
    let draftUid: number | null = null;
    let draftError: string | null = null;
    try {
      draftUid = await saveDraft(context, input);
    } catch (draftFailure) {
      draftError = `It could not be saved as a draft either: ${said(draftFailure)}`;
    }
    return { status: "failed", ...failure, draftUid, draftError };
  }
  const warnings: string[] = [];
  await fileAway(context, input, sent.bytes, sent.messageId, warnings);
  const accepted = new Set(sent.result.accepted.map((a) => a.address.toLowerCase()));
  await learnContacts(
    context.account.id,
    [...input.to, ...input.cc, ...input.bcc].filter((p) => accepted.has(p.address.toLowerCase())),
    "sent",
  );
  const db = await getDb();
  await deleteUploads(db, context.session.sessionId, [
    ...new Set([...sent.uploadIds, ...input.attachments]),
  ]);
  return {
    status: "sent",
    messageId: sent.messageId,
    accepted: sent.result.accepted.map((a) => a.address),
    refused: sent.result.refused.map(refusedRecipient),
    warnings,
  };
}
