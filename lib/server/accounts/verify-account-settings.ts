import "server-only";
/**
 * "Test and save" for an account: the incoming server (IMAP or POP3) and the SMTP server are
 * each tried with the password, and each answer is reported on its own, so the person knows
 * which half needs fixing.
 */
import { verifySmtpAccount } from "../../mail/smtp/index.ts";
import { smtpOptions } from "../mail/client-options.ts";
import { describeMailError, type UserFacingError } from "../mail/describe-error.ts";
import { verifyIncomingLogin } from "../mail/verify-account.ts";
import type { ServerSettings } from "./server-settings.ts";

export interface ServerCheck {
  ok: boolean;
  error?: UserFacingError;
}

export interface AccountCheck {
  incoming: ServerCheck;
  smtp: ServerCheck;
}

export async function checkAccountSettings(
  settings: ServerSettings,
  password: string,
  trustedFingerprint?: string,
): Promise<AccountCheck> {
  const incomingName = `${settings.incomingProtocol.toUpperCase()} server`;
  const [incoming, smtp] = await Promise.all([
    verifyIncomingLogin(settings, password, trustedFingerprint).then(
      () => ({ ok: true }),
      (error: unknown) => ({ ok: false, error: describeMailError(error, incomingName) }),
    ),
    verifySmtpAccount(
      smtpOptions(
        {
          ...settings,
          smtpCertPin:
            trustedFingerprint && settings.smtpHost === settings.incomingHost
              ? trustedFingerprint
              : null,
        },
        password,
      ),
    ).then(
      () => ({ ok: true }),
      (error: unknown) => ({ ok: false, error: describeMailError(error, "SMTP server") }),
    ),
  ]);
  return { incoming, smtp };
}
