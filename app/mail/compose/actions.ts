"use server";

import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { parseComposeAddresses } from "@/lib/mail/mime/build";
import { type ActionResult, runMailAction } from "@/lib/server/actions/run-action";
import { composeSchema } from "@/lib/server/compose/compose-input";
import type { ChipView, DraftSaved, SendOutcome } from "@/lib/server/compose/compose-view";
import { type ContactSuggestion, suggestContacts } from "@/lib/server/compose/contacts";
import { saveDraft } from "@/lib/server/compose/draft-save";
import { removeDraft } from "@/lib/server/compose/drafts";
import { sendComposed } from "@/lib/server/compose/send-message";
import { deleteUploads } from "@/lib/server/compose/upload-store";

/** Send the composed message; a failure comes back as data, with the draft saved instead. */
export async function sendMessage(
  input: z.input<typeof composeSchema>,
): Promise<ActionResult<SendOutcome>> {
  return runMailAction(composeSchema, input, sendComposed, "SMTP server");
}

/** Autosave and "Save draft": the new version replaces the one at input.draftUid. */
export async function saveDraftAction(
  input: z.input<typeof composeSchema>,
): Promise<ActionResult<DraftSaved>> {
  return runMailAction(composeSchema, input, async (context, form) => ({
    draftUid: await saveDraft(context, form),
    savedAt: new Date().toISOString(),
  }));
}

const discardInput = z.object({
  accountId: z.string().min(1).max(64),
  draftUid: z.number().int().positive().nullable(),
  uploads: z.array(z.string().regex(/^[0-9a-f]{32}$/)).max(200),
});

/** Discard: the draft leaves the Drafts folder and the uploaded files are deleted. */
export async function discardDraft(
  input: z.input<typeof discardInput>,
): Promise<ActionResult<null>> {
  return runMailAction(discardInput, input, async (context, { draftUid, uploads }) => {
    if (draftUid !== null) await removeDraft(context, draftUid);
    await deleteUploads(await getDb(), context.session.sessionId, uploads);
    return null;
  });
}

const addressesInput = z.object({
  accountId: z.string().min(1).max(64),
  text: z.string().max(100_000),
});

/**
 * What was typed or pasted into an address field, as chips: the mail core's parser decides
 * (a line break always separates entries, so a pasted "bob@x\nCc: eve@y" is one good chip and
 * one invalid one, hostile PC1).
 */
export async function checkAddresses(
  input: z.input<typeof addressesInput>,
): Promise<ActionResult<ChipView[]>> {
  return runMailAction(addressesInput, input, async (_context, { text }) =>
    parseComposeAddresses(text).map((chip) => ({
      name: chip.name,
      address: chip.address || chip.raw,
      valid: chip.valid,
      reason: chip.reason,
    })),
  );
}

const suggestInput = z.object({
  accountId: z.string().min(1).max(64),
  query: z.string().max(320),
});

export async function suggestAddresses(
  input: z.input<typeof suggestInput>,
): Promise<ActionResult<ContactSuggestion[]>> {
  return runMailAction(suggestInput, input, (context, { query }) =>
    suggestContacts(context.account.id, query),
  );
}
