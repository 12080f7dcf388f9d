import { describe, expect, it } from "vitest";
import { providerDefaults, serverSettingsSchema, suggestedSettings } from "./server-settings.ts";

describe("suggested server settings", () => {
  it("uses conventional names for the address's domain", () => {
    expect(suggestedSettings("ann@example.org", providerDefaults({}))).toEqual({
      incomingProtocol: "imap",
      incomingHost: "imap.example.org",
      incomingPort: 993,
      incomingSecurity: "tls",
      incomingUsername: "ann@example.org",
      smtpHost: "smtp.example.org",
      smtpPort: 587,
      smtpSecurity: "starttls",
      smtpUsername: "ann@example.org",
    });
  });

  it("prefers the deployment's configured servers", () => {
    const s = suggestedSettings(
      "ann@example.org",
      providerDefaults({
        LETTERBOX_IMAP_HOST: "127.0.0.1",
        LETTERBOX_IMAP_PORT: "10143",
        LETTERBOX_IMAP_SECURITY: "starttls",
        LETTERBOX_SMTP_HOST: "127.0.0.1",
        LETTERBOX_SMTP_PORT: "10587",
      }),
    );
    expect(s).toMatchObject({
      incomingHost: "127.0.0.1",
      incomingPort: 10143,
      incomingSecurity: "starttls",
      smtpHost: "127.0.0.1",
      smtpPort: 10587,
    });
  });

  it("refuses host names that are not host names", () => {
    const base = suggestedSettings("ann@example.org", providerDefaults({}));
    for (const bad of ["evil.test/path", "a b", "host\r\nX: y", ""]) {
      expect(serverSettingsSchema.safeParse({ ...base, incomingHost: bad }).success, bad).toBe(
        false,
      );
    }
    expect(serverSettingsSchema.safeParse({ ...base, incomingHost: "::1" }).success).toBe(true);
  });
});
