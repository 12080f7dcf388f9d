/**
 * Translates a stored account into the options of the mail core's clients: the one place where
 * the app's settings (security names, certificate pins) meet the protocol layer.
 */
import type { ImapClientOptions } from "../../mail/imap/index.ts";
import type { Pop3ClientOptions } from "../../mail/pop3/index.ts";
import type { SmtpClientOptions } from "../../mail/smtp/index.ts";
import type { ServerSettings } from "../accounts/server-settings.ts";

export interface PinnedSettings extends ServerSettings {
  incomingCertPin?: string | null;
  smtpCertPin?: string | null;
}

const CLIENT_ID = { name: "Letterbox", version: "0.1" };

function tlsPolicy(pin: string | null | undefined) {
  return pin ? { pinnedFingerprint256: pin } : {};
}

export function imapOptions(settings: PinnedSettings, password: string): ImapClientOptions {
  return {
    host: settings.incomingHost,
    port: settings.incomingPort,
    security: settings.incomingSecurity === "none" ? "plain" : settings.incomingSecurity,
    tlsPolicy: tlsPolicy(settings.incomingCertPin),
    auth: { user: settings.incomingUsername, password },
    clientId: CLIENT_ID,
  };
}

export function pop3Options(settings: PinnedSettings, password: string): Pop3ClientOptions {
  return {
    host: settings.incomingHost,
    port: settings.incomingPort,
    security: settings.incomingSecurity,
    // The person chose "None (unencrypted)" for this server: that is the explicit consent.
    allowPlaintextAuth: settings.incomingSecurity === "none",
    tlsPolicy: tlsPolicy(settings.incomingCertPin),
    auth: { user: settings.incomingUsername, password },
  };
}

export function smtpOptions(settings: PinnedSettings, password: string): SmtpClientOptions {
  return {
    host: settings.smtpHost,
    port: settings.smtpPort,
    security: settings.smtpSecurity,
    allowPlaintextAuth: settings.smtpSecurity === "none",
    tlsPolicy: tlsPolicy(settings.smtpCertPin),
    auth: { user: settings.smtpUsername, password },
  };
}
