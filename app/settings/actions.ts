"use server";

import { z } from "zod";
import { type ActionResult, runMailAction } from "@/lib/server/actions/run-action";
import type { IdentityView } from "@/lib/server/compose/compose-view";
import { deleteIdentity, identitiesOf, saveIdentity } from "@/lib/server/compose/identities";
import { identityProblem } from "@/lib/server/compose/identity-input";
import { MAX_SIGNATURE_CHARS } from "@/lib/server/compose/limits";

const accountId = z.string().min(1).max(64);

const identityInput = z.object({
  accountId,
  id: z.string().max(64).nullable(),
  displayName: z.string().max(200),
  email: z.string().max(320),
  signature: z.string().max(MAX_SIGNATURE_CHARS),
  isDefault: z.boolean(),
});

export type IdentitySaved = { identities: IdentityView[]; problem: null } | { problem: string };

/** Create or update an identity; answers with the account's identities as they now are. */
export async function saveIdentityAction(
  input: z.input<typeof identityInput>,
): Promise<ActionResult<IdentitySaved>> {
  return runMailAction(identityInput, input, async (context, form): Promise<IdentitySaved> => {
    const problem = identityProblem(form);
    if (problem) return { problem };
    await saveIdentity(context.account, {
      ...form,
      email: form.email.trim(),
      displayName: form.displayName.trim(),
    });
    return { identities: await identitiesOf(context.account), problem: null };
  });
}

const deleteInput = z.object({ accountId, id: z.string().min(1).max(64) });

export async function deleteIdentityAction(
  input: z.input<typeof deleteInput>,
): Promise<ActionResult<IdentityView[]>> {
  return runMailAction(deleteInput, input, async (context, { id }) => {
    await deleteIdentity(context.account, id);
    return identitiesOf(context.account);
  });
}
