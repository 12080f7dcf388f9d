import "server-only";
/**
 * Saving the composer's state as a draft: built like the message it will become (7-bit safe,
 * since no transport is involved), with the draft extras, and appended to Drafts in place of
 * the previous version.
 */
import { getDb } from "../../db/client.ts";
import { MailError } from "../../mail/errors.ts";
import { buildMessageBytes } from "../../mail/mime/build/index.ts";
import type { MailContext } from "../actions/mail-context.ts";
import { type ComposeInput, composeProblems } from "./compose-input.ts";
import { appendDraft } from "./drafts.ts";
import { findIdentity } from "./identities.ts";
import { composeSpec } from "./message-spec.ts";

export async function saveDraft(context: MailContext, input: ComposeInput): Promise<number> {
  const problems = composeProblems(input, true);
  if (problems.length > 0) {
    throw new MailError("HEADER_INJECTION", problems.map((p) => p.message).join(" "));
  }
  const db = await getDb();
  const identity = await findIdentity(context.account, input.identityId);
  const { spec } = await composeSpec(db, context.session.sessionId, input, identity, true);
  const built = await buildMessageBytes(spec);
  const saved = await appendDraft(context, built.bytes, built.messageId, input.draftUid);
  return saved.uid;
}
