import { afterEach, describe, expect, it } from "vitest";
import type { PinnedSettings } from "./client-options.ts";
import { imapOptions, pop3Options, smtpOptions } from "./client-options.ts";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

const settings: PinnedSettings = {
  incomingProtocol: "imap",
  incomingHost: "imap.example.com",
  incomingPort: 993,
  incomingSecurity: "tls",
  incomingUsername: "ann",
  smtpHost: "smtp.example.com",
  smtpPort: 587,
  smtpSecurity: "starttls",
  smtpUsername: "ann",
};

describe("stored accounts keep the host policy", () => {
  it("refuses internal addresses for servers a person named, on every protocol", () => {
    delete process.env.LETTERBOX_IMAP_HOST;
    delete process.env.LETTERBOX_SMTP_HOST;
    delete process.env.LETTERBOX_ALLOW_PRIVATE_HOSTS;
    for (const options of [
      imapOptions(settings, "pw"),
      pop3Options(settings, "pw"),
      smtpOptions(settings, "pw"),
    ]) {
      const check = options.addressCheck!;
      expect(check("127.0.0.1", 4)).toBe(false);
      expect(check("10.1.2.3", 4)).toBe(false);
      expect(check("::ffff:7f00:1", 6)).toBe(false);
      expect(check("93.184.215.14", 4)).toBe(true);
    }
  });

  it("leaves the operator's configured servers alone", () => {
    process.env.LETTERBOX_IMAP_HOST = "IMAP.example.com.";
    process.env.LETTERBOX_SMTP_HOST = "smtp.example.com";
    expect(imapOptions(settings, "pw").addressCheck).toBeUndefined();
    expect(smtpOptions(settings, "pw").addressCheck).toBeUndefined();
  });
});
