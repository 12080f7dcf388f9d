import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "../../db/client.ts";
import type { MailAccount } from "../../generated/prisma-sqlite/client.ts";
import { open, seal } from "../crypto/secret-box.ts";
import type { PinnedSettings } from "../mail/client-options.ts";
import { type ServerSettings, serverSettingsSchema } from "./server-settings.ts";

/** The associated data that binds an encrypted password to its account row. */
function passwordContext(accountId: string): string {
  return `mail-account-password:${accountId}`;
}

export function accountPassword(account: Pick<MailAccount, "id" | "passwordEnc">): string {
  return open(account.passwordEnc, passwordContext(account.id));
}

export interface SignInRecord {
  email: string;
  settings: ServerSettings;
  password: string;
  /** A certificate fingerprint the person chose to trust for these servers. */
  trustedFingerprint?: string;
  /** Link the account to this person (adding an account in settings) instead of its own. */
  userId?: string;
}

/**
 * Records a successful sign-in: the account is found by its server and user name, so signing
 * in again (or from another browser) reaches the same person and their other accounts.
 */
export async function saveVerifiedAccount(db: Db, record: SignInRecord): Promise<MailAccount> {
  const { settings } = record;
  const existing = await db.mailAccount.findUnique({
    where: {
      incomingProtocol_incomingHost_incomingPort_incomingUsername: {
        incomingProtocol: settings.incomingProtocol,
        incomingHost: settings.incomingHost,
        incomingPort: settings.incomingPort,
        incomingUsername: settings.incomingUsername,
      },
    },
  });
  const pin = record.trustedFingerprint;
  const pins = {
    incomingCertPin: pin ?? existing?.incomingCertPin ?? null,
    smtpCertPin:
      pin && settings.smtpHost === settings.incomingHost ? pin : (existing?.smtpCertPin ?? null),
  };
  if (existing) {
    return db.mailAccount.update({
      where: { id: existing.id },
      data: {
        ...settings,
        ...pins,
        email: record.email,
        passwordEnc: seal(record.password, passwordContext(existing.id)),
      },
    });
  }
  const id = randomUUID();
  return db.$transaction(async (tx) => {
    const userId = record.userId ?? (await tx.user.create({ data: {} })).id;
    return tx.mailAccount.create({
      data: {
        id,
        userId,
        email: record.email,
        ...settings,
        ...pins,
        passwordEnc: seal(record.password, passwordContext(id)),
      },
    });
  });
}

export async function accountsOfUser(db: Db, userId: string): Promise<MailAccount[]> {
  return db.mailAccount.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
}

/** An account of this person, or null: never another person's account, whatever the id. */
export async function ownedAccount(
  db: Db,
  userId: string,
  accountId: string,
): Promise<MailAccount | null> {
  return db.mailAccount.findFirst({ where: { id: accountId, userId } });
}

/** The stored account's server settings, checked: a row edited by hand fails loudly here. */
export function accountSettings(account: MailAccount): PinnedSettings {
  const settings = serverSettingsSchema.parse(account);
  return {
    ...settings,
    incomingCertPin: account.incomingCertPin,
    smtpCertPin: account.smtpCertPin,
  };
}
