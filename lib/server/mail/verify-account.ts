import "server-only";
import { ImapClient } from "../../mail/imap/index.ts";
import { Pop3Client } from "../../mail/pop3/index.ts";
import type { ServerSettings } from "../accounts/server-settings.ts";
import { imapOptions, pop3Options } from "./client-options.ts";

/**
 * Proves that the incoming server accepts these credentials: connect (with TLS as asked, and
 * the certificate the person trusted, if any), log in, log out. Throws the mail core's typed
 * error otherwise, which describeMailError turns into words.
 */
export async function verifyIncomingLogin(
  settings: ServerSettings,
  password: string,
  trustedFingerprint?: string,
): Promise<void> {
  const pinned = { ...settings, incomingCertPin: trustedFingerprint };
  if (settings.incomingProtocol === "pop3") {
    const client = await Pop3Client.connect(pop3Options(pinned, password));
    await client.quit();
    return;
  }
  const client = await ImapClient.connect(imapOptions(pinned, password));
  await client.logout();
}
