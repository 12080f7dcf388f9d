/**
 * How the store reaches an account's POP3 server. By default from the stored account (its
 * settings and encrypted password, lib/server/accounts); benchmarks and tests that have no
 * account row set their own resolver.
 */

import { getDb } from "../../db/client.ts";
import { Pop3Client, type Pop3ClientOptions } from "../../mail/pop3/index.ts";
import { pop3Options } from "../mail/client-options.ts";
import { POP3_STORE_LIMITS } from "./limits.ts";
import { Pop3StoreError } from "./pop3-store-error.ts";

export type Pop3OptionsResolver = (accountId: string) => Promise<Pop3ClientOptions>;

// On globalThis: Next's dev server may load this module twice, and both must see one resolver.
const holder = globalThis as unknown as { __letterboxPop3Resolver?: Pop3OptionsResolver };

/** Replace how options are found (undefined: back to the stored accounts). */
export function setPop3OptionsResolver(resolver: Pop3OptionsResolver | undefined): void {
  holder.__letterboxPop3Resolver = resolver;
}

export async function pop3OptionsFor(accountId: string): Promise<Pop3ClientOptions> {
  const resolver = holder.__letterboxPop3Resolver ?? storedAccountOptions;
  return resolver(accountId);
}

/** A logged-in session; the caller owns it (QUIT or close). */
export async function connectPop3Account(accountId: string): Promise<Pop3Client> {
  const options = await pop3OptionsFor(accountId);
  return Pop3Client.connect({ maxMessageBytes: POP3_STORE_LIMITS.maxMessageBytes, ...options });
}

async function storedAccountOptions(accountId: string): Promise<Pop3ClientOptions> {
  const db = await getDb();
  const account = await db.mailAccount.findUnique({ where: { id: accountId } });
  if (account?.incomingProtocol !== "pop3") {
    throw new Pop3StoreError("NOT_POP3_ACCOUNT", `No POP3 account ${JSON.stringify(accountId)}`);
  }
  // Loaded when needed: account-store is marked server-only, which only the app's server
  // runtime loads (its test mocks the marker); other tests and benchmarks set a resolver.
  const { accountPassword, accountSettings } = await import("../accounts/account-store.ts");
  return pop3Options(accountSettings(account), accountPassword(account));
}
