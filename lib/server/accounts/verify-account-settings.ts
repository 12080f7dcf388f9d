import "server-only";
/**
 * Trying an account's servers with its password, for the sign-in form and for "Test and save":
 * the incoming server (IMAP or POP3) and the SMTP server are each tried, and each answer is
 * reported on its own, so the person knows which half needs fixing. Every connection goes
 * through the host policy (host-policy.ts): a server the person named must be at an address
 * the policy allows, checked after DNS by the connection layer.
 */
import { ImapClient } from "../../mail/imap/index.ts";
import { Pop3Client } from "../../mail/pop3/index.ts";
import { verifySmtpAccount } from "../../mail/smtp/index.ts";
import { imapOptions, pop3Options, smtpOptions } from "../mail/client-options.ts";
import type { UserFacingError } from "../mail/describe-error.ts";
import { addressCheckFor, type HostPolicy, hostPolicy } from "./host-policy.ts";
import type { ServerSettings } from "./server-settings.ts";
import { describeSignInError } from "./sign-in-errors.ts";

export interface ServerCheck {
  ok: boolean;
  error?: UserFacingError;
}

export interface AccountCheck {
  incoming: ServerCheck;
  smtp: ServerCheck;
}

/**
 * Proves that the incoming server accepts these credentials: connect (with TLS as asked, the
 * certificate the person trusted, if any, and the policy's address check), log in, log out.
 * Throws the mail core's typed error otherwise (ADDRESS_REFUSED for the policy).
 */
export async function verifyIncoming(
  settings: ServerSettings,
  password: string,
  trustedFingerprint: string | undefined,
  policy: HostPolicy,
): Promise<void> {
  const pinned = { ...settings, incomingCertPin: trustedFingerprint };
  const addressCheck = addressCheckFor(settings.incomingHost, policy);
  if (settings.incomingProtocol === "pop3") {
    const client = await Pop3Client.connect({ ...pop3Options(pinned, password), addressCheck });
    await client.quit();
    return;
  }
  const client = await ImapClient.connect({ ...imapOptions(pinned, password), addressCheck });
  await client.logout();
}

export async function checkAccountSettings(
  settings: ServerSettings,
  password: string,
  trustedFingerprint?: string,
  policy: HostPolicy = hostPolicy(),
): Promise<AccountCheck> {
  const incomingName = `${settings.incomingProtocol.toUpperCase()} server`;
  const context = { policy, anonymous: false };
  const [incoming, smtp] = await Promise.all([
    verifyIncoming(settings, password, trustedFingerprint, policy).then(
      () => ({ ok: true }),
      (error: unknown) => ({ ok: false, error: describeSignInError(error, incomingName, context) }),
    ),
    verifySmtpAccount({
      ...smtpOptions(
        {
          ...settings,
          smtpCertPin:
            trustedFingerprint && settings.smtpHost === settings.incomingHost
              ? trustedFingerprint
              : null,
        },
        password,
      ),
      addressCheck: addressCheckFor(settings.smtpHost, policy),
    }).then(
      () => ({ ok: true }),
      (error: unknown) => ({
        ok: false,
        error: describeSignInError(error, "SMTP server", context),
      }),
    ),
  ]);
  return { incoming, smtp };
}
