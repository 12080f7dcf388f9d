/**
 * Translates a stored account into the options of the mail core's clients: the one place where
 * the app's settings (security names, certificate pins, the host policy) meet the protocol
 * layer. The policy holds after sign-in too: a name that later resolves inside the network
 * (DNS changed, or rebinding) is refused like it would have been at sign-in.
 */
import type { ImapClientOptions } from "../../mail/imap/index.ts";
import type { Pop3ClientOptions } from "../../mail/pop3/index.ts";
import type { SmtpClientOptions } from "../../mail/smtp/index.ts";
import { addressCheckFor, hostPolicy } from "../accounts/host-policy.ts";
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
    addressCheck: addressCheckFor(settings.incomingHost, hostPolicy()),
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
    addressCheck: addressCheckFor(settings.incomingHost, hostPolicy()),
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
    addressCheck: addressCheckFor(settings.smtpHost, hostPolicy()),
  };
}
