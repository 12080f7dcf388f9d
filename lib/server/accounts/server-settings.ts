/**
 * Where an account's mail servers are. People usually type only their address; the server
 * fills in the rest from its configuration (LETTERBOX_IMAP_HOST and friends, for a deployment
 * that serves one provider) or from conventional names (imap.<domain>, smtp.<domain>).
 */
import { z } from "zod";

export const SECURITY = ["tls", "starttls", "none"] as const;
export type Security = (typeof SECURITY)[number];
export const INCOMING_PROTOCOLS = ["imap", "pop3"] as const;
export type IncomingProtocol = (typeof INCOMING_PROTOCOLS)[number];

export interface ServerSettings {
  incomingProtocol: IncomingProtocol;
  incomingHost: string;
  incomingPort: number;
  incomingSecurity: Security;
  incomingUsername: string;
  smtpHost: string;
  smtpPort: number;
  smtpSecurity: Security;
  smtpUsername: string;
}

/** A host name or an IP literal: no spaces, slashes, or anything a URL could smuggle in. */
const hostSchema = z
  .string()
  .trim()
  .min(1, "Enter a server name")
  .max(253)
  .regex(/^[A-Za-z0-9.-]+$|^\[?[0-9A-Fa-f:.]+\]?$/, "That is not a valid server name");
const portSchema = z.coerce.number().int().min(1).max(65535);

export const serverSettingsSchema = z.object({
  incomingProtocol: z.enum(INCOMING_PROTOCOLS),
  incomingHost: hostSchema,
  incomingPort: portSchema,
  incomingSecurity: z.enum(SECURITY),
  incomingUsername: z.string().trim().min(1).max(320),
  smtpHost: hostSchema,
  smtpPort: portSchema,
  smtpSecurity: z.enum(SECURITY),
  smtpUsername: z.string().trim().min(1).max(320),
});

const DEFAULT_PORTS: Record<IncomingProtocol | "smtp", Record<Security, number>> = {
  imap: { tls: 993, starttls: 143, none: 143 },
  pop3: { tls: 995, starttls: 110, none: 110 },
  smtp: { tls: 465, starttls: 587, none: 587 },
};

export function defaultPort(kind: IncomingProtocol | "smtp", security: Security): number {
  return DEFAULT_PORTS[kind][security];
}

function envSecurity(value: string | undefined, fallback: Security): Security {
  return (SECURITY as readonly string[]).includes(value ?? "") ? (value as Security) : fallback;
}

/** What the deployment says about its mail servers; safe to hand to the browser. */
export interface ProviderDefaults {
  incomingProtocol: IncomingProtocol;
  incomingHost?: string;
  incomingPort?: number;
  incomingSecurity: Security;
  smtpHost?: string;
  smtpPort?: number;
  smtpSecurity: Security;
}

export function providerDefaults(
  env: Record<string, string | undefined> = process.env,
): ProviderDefaults {
  const incomingProtocol: IncomingProtocol =
    env.LETTERBOX_INCOMING_PROTOCOL === "pop3" ? "pop3" : "imap";
  const prefix = incomingProtocol === "pop3" ? "POP3" : "IMAP";
  return {
    incomingProtocol,
    incomingHost: env[`LETTERBOX_${prefix}_HOST`] || undefined,
    incomingPort: Number(env[`LETTERBOX_${prefix}_PORT`]) || undefined,
    incomingSecurity: envSecurity(env[`LETTERBOX_${prefix}_SECURITY`], "tls"),
    smtpHost: env.LETTERBOX_SMTP_HOST || undefined,
    smtpPort: Number(env.LETTERBOX_SMTP_PORT) || undefined,
    smtpSecurity: envSecurity(env.LETTERBOX_SMTP_SECURITY, "starttls"),
  };
}

/** Settings suggested for an address, before the person changes anything under Advanced. */
export function suggestedSettings(email: string, defaults: ProviderDefaults): ServerSettings {
  const domain = email.includes("@") ? email.split("@").pop()!.toLowerCase() : "";
  const { incomingProtocol, incomingSecurity, smtpSecurity } = defaults;
  return {
    incomingProtocol,
    incomingHost: defaults.incomingHost ?? (domain ? `${incomingProtocol}.${domain}` : ""),
    incomingPort: defaults.incomingPort ?? defaultPort(incomingProtocol, incomingSecurity),
    incomingSecurity,
    incomingUsername: email,
    smtpHost: defaults.smtpHost ?? (domain ? `smtp.${domain}` : ""),
    smtpPort: defaults.smtpPort ?? defaultPort("smtp", smtpSecurity),
    smtpSecurity,
    smtpUsername: email,
  };
}
