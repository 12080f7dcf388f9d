import "server-only";
import type { MailAccount } from "../../generated/prisma-sqlite/client.ts";
import type { AccountFolders } from "../../view-models/mailbox.ts";
import { describeMailError } from "./describe-error.ts";
import { storeFor } from "./store/store-for.ts";

/** The folder pane's data for each account; one account failing does not hide the others. */
export async function foldersOfAccounts(
  sessionId: string,
  accounts: MailAccount[],
): Promise<AccountFolders[]> {
  return Promise.all(
    accounts.map(async (account) => {
      const base = {
        accountId: account.id,
        email: account.email,
        displayName: account.displayName,
        protocol: account.incomingProtocol === "pop3" ? ("pop3" as const) : ("imap" as const),
      };
      try {
        return { ...base, folders: await storeFor({ sessionId, account }).folders() };
      } catch (error) {
        const service = `${base.protocol.toUpperCase()} server`;
        return { ...base, folders: [], error: describeMailError(error, service).message };
      }
    }),
  );
}
