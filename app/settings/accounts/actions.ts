"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { ownedAccount, saveVerifiedAccount } from "@/lib/server/accounts/account-store";
import { credentialsFrom, fieldErrors } from "@/lib/server/accounts/credentials-input";
import { activatePop3 } from "@/lib/server/accounts/pop3-activation";
import { removeAccount } from "@/lib/server/accounts/remove-account";
import { serverSettingsSchema } from "@/lib/server/accounts/server-settings";
import { recordAttempt, refusedAttempt, signInAttempt } from "@/lib/server/accounts/sign-in-limit";
import { parseAuthservIds } from "@/lib/server/accounts/trusted-authserv";
import {
  type AccountCheck,
  checkAccountSettings,
} from "@/lib/server/accounts/verify-account-settings";
import { currentSession } from "@/lib/server/auth/current-session";
import { describeMailError, type UserFacingError } from "@/lib/server/mail/describe-error";
import { setPop3Policy } from "@/lib/server/pop3/index";

export interface AddAccountState {
  check?: AccountCheck;
  error?: UserFacingError;
  fieldErrors?: Record<string, string>;
  added?: string;
}

/** Test both servers with the password; save the account only when both answered yes. */
export async function addAccount(
  _previous: AddAccountState,
  formData: FormData,
): Promise<AddAccountState> {
  const session = await currentSession();
  if (!session)
    return {
      error: { code: "UNAUTHENTICATED", message: "Your session has ended. Sign in again." },
    };
  const parsed = credentialsFrom(formData);
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error) };
  const settings = serverSettingsSchema.safeParse(
    Object.fromEntries(Object.keys(serverSettingsSchema.shape).map((k) => [k, formData.get(k)])),
  );
  if (!settings.success) return { fieldErrors: fieldErrors(settings.error) };
  const { email, password, trustFingerprint } = parsed.data;
  // Signed in or not, this sends a password to servers the person names: the same brake.
  const attempt = await signInAttempt([settings.data.incomingUsername, settings.data.smtpUsername]);
  const refused = refusedAttempt(attempt);
  if (refused) return { error: refused };
  const check = await checkAccountSettings(settings.data, password, trustFingerprint);
  const verified = check.incoming.ok && check.smtp.ok;
  recordAttempt(attempt, verified);
  if (!verified) return { check };
  try {
    const db = await getDb();
    const existing = await db.mailAccount.findFirst({
      where: {
        incomingProtocol: settings.data.incomingProtocol,
        incomingHost: settings.data.incomingHost,
        incomingPort: settings.data.incomingPort,
        incomingUsername: settings.data.incomingUsername,
      },
    });
    if (existing && existing.userId !== session.userId) {
      return {
        check,
        error: {
          code: "ACCOUNT_TAKEN",
          message:
            "This account is already linked to another person's Letterbox. Sign in with it to use it there.",
        },
      };
    }
    const account = await saveVerifiedAccount(db, {
      email,
      settings: settings.data,
      password,
      trustedFingerprint: trustFingerprint,
      userId: session.userId,
    });
    activatePop3(account);
  } catch (error) {
    return { check, error: describeMailError(error) };
  }
  revalidatePath("/mail", "layout");
  revalidatePath("/settings/accounts");
  return { check, added: email };
}

const removeInput = z.object({ accountId: z.string().min(1).max(64) });

export async function removeAccountAction(
  input: z.input<typeof removeInput>,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const session = await currentSession();
  if (!session) return { ok: false, message: "Your session has ended. Sign in again." };
  const parsed = removeInput.safeParse(input);
  if (!parsed.success) return { ok: false, message: "Which account?" };
  try {
    await removeAccount(await getDb(), session.userId, parsed.data.accountId, session.sessionId);
  } catch (error) {
    return { ok: false, message: describeMailError(error).message };
  }
  revalidatePath("/mail", "layout");
  revalidatePath("/settings/accounts");
  return { ok: true };
}

const policyInput = z.object({
  accountId: z.string().min(1).max(64),
  leaveOnServer: z.boolean(),
  deleteAfterDays: z.number().int().min(1).max(3650).nullable(),
  deleteWhenDeletedHere: z.boolean(),
});

/** A POP3 account's "leave messages on the server" policy. */
export async function setPop3PolicyAction(
  input: z.input<typeof policyInput>,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const session = await currentSession();
  if (!session) return { ok: false, message: "Your session has ended. Sign in again." };
  const parsed = policyInput.safeParse(input);
  if (!parsed.success) return { ok: false, message: "Days must be a whole number from 1 to 3650." };
  const { accountId, ...policy } = parsed.data;
  const account = await ownedAccount(await getDb(), session.userId, accountId);
  if (account?.incomingProtocol !== "pop3")
    return { ok: false, message: "That is not one of your POP3 accounts." };
  try {
    await setPop3Policy(accountId, policy);
  } catch (error) {
    return { ok: false, message: describeMailError(error, "POP3 server").message };
  }
  return { ok: true };
}

const authservInput = z.object({
  accountId: z.string().min(1).max(64),
  ids: z.string().max(4000),
});

/** The authserv-ids whose Authentication-Results this account believes ("" = the topmost). */
export async function setTrustedAuthservIdsAction(
  input: z.input<typeof authservInput>,
): Promise<{ ok: true; ids: string[] } | { ok: false; message: string }> {
  const session = await currentSession();
  if (!session) return { ok: false, message: "Your session has ended. Sign in again." };
  const parsed = authservInput.safeParse(input);
  if (!parsed.success) return { ok: false, message: "That list is too long." };
  const ids = parseAuthservIds(parsed.data.ids);
  if (!ids.ok) return ids;
  const db = await getDb();
  const account = await ownedAccount(db, session.userId, parsed.data.accountId);
  if (!account) return { ok: false, message: "That is not one of your accounts." };
  try {
    await db.mailAccount.update({
      where: { id: account.id },
      data: { trustedAuthservIds: ids.ids.join(" ") },
    });
  } catch (error) {
    return { ok: false, message: describeMailError(error).message };
  }
  return { ok: true, ids: ids.ids };
}
