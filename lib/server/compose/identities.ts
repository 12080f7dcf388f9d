import "server-only";
/**
 * Who a message is from: the account's identities (display name, address, signature), kept in
 * the database. An account with none sends as itself, through a virtual identity whose id is
 * "account", so the composer never has to handle "no identity".
 */
import { getDb } from "../../db/client.ts";
import type { MailAccount } from "../../generated/prisma-sqlite/client.ts";
import { MailError } from "../../mail/errors.ts";
import type { IdentityView } from "./compose-view.ts";

export const ACCOUNT_IDENTITY = "account";

function accountIdentity(account: MailAccount): IdentityView {
  return {
    id: ACCOUNT_IDENTITY,
    displayName: account.displayName,
    email: account.email,
    signature: "",
    isDefault: true,
  };
}

/** Every identity of the account, the default first. */
export async function identitiesOf(account: MailAccount): Promise<IdentityView[]> {
  const db = await getDb();
  const rows = await db.identity.findMany({
    where: { accountId: account.id },
    orderBy: [{ isDefault: "desc" }, { createdAt: "asc" }],
  });
  if (rows.length === 0) return [accountIdentity(account)];
  return rows.map((row) => ({
    id: row.id,
    displayName: row.displayName,
    email: row.email,
    signature: row.signature,
    isDefault: row.isDefault,
  }));
}

export async function findIdentity(account: MailAccount, id: string): Promise<IdentityView> {
  const found = (await identitiesOf(account)).find((identity) => identity.id === id);
  if (!found)
    throw new MailError("INVALID_INPUT", "That identity no longer exists. Choose another sender.");
  return found;
}

/** Lower-case addresses that are the person themselves (left out of Reply all). */
export async function ownAddresses(account: MailAccount): Promise<Set<string>> {
  const list = await identitiesOf(account);
  return new Set([account.email, ...list.map((i) => i.email)].map((a) => a.toLowerCase()));
}

export interface IdentityInput {
  id: string | null;
  displayName: string;
  email: string;
  signature: string;
  isDefault: boolean;
}

/**
 * Create or update one identity. The first identity of an account is its default; making one
 * the default unsets the others, in one transaction so there is never zero or two. Editing the
 * virtual identity ("account") creates its row.
 */
export async function saveIdentity(account: MailAccount, input: IdentityInput): Promise<string> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    let count = await tx.identity.count({ where: { accountId: account.id } });
    const editingAccount = input.id === ACCOUNT_IDENTITY;
    if (count === 0 && !editingAccount) {
      // The account's own identity was virtual: keep it as a row, so adding a second address
      // does not make the first one disappear.
      await tx.identity.create({
        data: {
          accountId: account.id,
          displayName: account.displayName,
          email: account.email,
          signature: "",
          isDefault: true,
        },
      });
      count = 1;
    }
    const isDefault = input.isDefault || count === 0;
    if (isDefault) {
      await tx.identity.updateMany({
        where: { accountId: account.id },
        data: { isDefault: false },
      });
    }
    const data = {
      displayName: input.displayName,
      email: input.email,
      signature: input.signature,
      isDefault,
    };
    if (input.id && input.id !== ACCOUNT_IDENTITY) {
      const updated = await tx.identity.updateMany({
        where: { id: input.id, accountId: account.id },
        data,
      });
      if (updated.count === 0)
        throw new MailError("INVALID_INPUT", "That identity no longer exists.");
      return input.id;
    }
    const created = await tx.identity.create({ data: { ...data, accountId: account.id } });
    return created.id;
  });
}

/** Delete one; if it was the default, the oldest remaining one becomes the default. */
export async function deleteIdentity(account: MailAccount, id: string): Promise<void> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const removed = await tx.identity.deleteMany({ where: { id, accountId: account.id } });
    if (removed.count === 0)
      throw new MailError("INVALID_INPUT", "That identity no longer exists.");
    const hasDefault = await tx.identity.count({
      where: { accountId: account.id, isDefault: true },
    });
    if (hasDefault > 0) return;
    const oldest = await tx.identity.findFirst({
      where: { accountId: account.id },
      orderBy: { createdAt: "asc" },
    });
    if (oldest) await tx.identity.update({ where: { id: oldest.id }, data: { isDefault: true } });
  });
}
