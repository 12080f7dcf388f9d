"use server";

import { redirect } from "next/navigation";
import type { LoginState } from "@/components/login/login-types";
import { getDb } from "@/lib/db/client";
import { saveVerifiedAccount } from "@/lib/server/accounts/account-store";
import { credentialsFrom, fieldErrors } from "@/lib/server/accounts/credentials-input";
import { hostPolicy } from "@/lib/server/accounts/host-policy";
import { activatePop3 } from "@/lib/server/accounts/pop3-activation";
import {
  providerDefaults,
  serverSettingsSchema,
  suggestedSettings,
} from "@/lib/server/accounts/server-settings";
import { describeSignInError } from "@/lib/server/accounts/sign-in-errors";
import { recordAttempt, refusedAttempt, signInAttempt } from "@/lib/server/accounts/sign-in-limit";
import { verifyIncoming } from "@/lib/server/accounts/verify-account-settings";
import { writeSessionCookie } from "@/lib/server/auth/session-cookie";
import { createSession } from "@/lib/server/auth/session-store";

/** The values to give back to the form after a failure: everything but the password. */
function keptValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === "string" && key !== "password" && !key.startsWith("$"))
      values[key] = value;
  }
  return values;
}

export async function signIn(_previous: LoginState, formData: FormData): Promise<LoginState> {
  const values = keptValues(formData);
  const credentials = credentialsFrom(formData);
  if (!credentials.success) return { fieldErrors: fieldErrors(credentials.error), values };
  const { email, password, trustFingerprint } = credentials.data;

  // Advanced settings are honoured even where the operator configured a provider (people use
  // other providers too): the host policy, not the form, decides where Letterbox connects.
  const settingsInput =
    formData.get("advanced") === "1"
      ? Object.fromEntries(Object.keys(serverSettingsSchema.shape).map((k) => [k, formData.get(k)]))
      : suggestedSettings(email, providerDefaults());
  const settings = serverSettingsSchema.safeParse(settingsInput);
  if (!settings.success) return { fieldErrors: fieldErrors(settings.error), values };

  const attempt = await signInAttempt([settings.data.incomingUsername]);
  const refused = refusedAttempt(attempt);
  if (refused) return { error: refused, values };
  const policy = hostPolicy();
  try {
    await verifyIncoming(settings.data, password, trustFingerprint, policy);
  } catch (error) {
    recordAttempt(attempt, false);
    const service = `${settings.data.incomingProtocol.toUpperCase()} server`;
    return { error: describeSignInError(error, service, { policy, anonymous: true }), values };
  }
  recordAttempt(attempt, true);

  const db = await getDb();
  const account = await saveVerifiedAccount(db, {
    email,
    settings: settings.data,
    password,
    trustedFingerprint: trustFingerprint,
  });
  activatePop3(account);
  const session = await createSession(db, account.userId, account.id);
  await writeSessionCookie(session.token, session.expiresAt);
  redirect("/mail");
}
