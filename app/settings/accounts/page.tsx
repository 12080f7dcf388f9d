import type { Metadata } from "next";
import Link from "next/link";
import { AccountList } from "@/components/accounts/account-list";
import { AddAccountForm } from "@/components/accounts/add-account-form";
import { getDb } from "@/lib/db/client";
import { accountsOfUser } from "@/lib/server/accounts/account-store";
import { providerDefaults } from "@/lib/server/accounts/server-settings";
import { authservIdsText } from "@/lib/server/accounts/trusted-authserv";
import { requireSession } from "@/lib/server/auth/current-session";
import { getPop3Policy } from "@/lib/server/pop3/index";

export const metadata: Metadata = { title: "Accounts" };

export default async function AccountsPage() {
  const session = await requireSession();
  const accounts = await accountsOfUser(await getDb(), session.userId);
  return (
    <div className="mx-auto max-w-3xl space-y-6 px-4 py-6">
      <div className="flex items-center gap-4">
        <h1 className="text-xl font-semibold">Accounts</h1>
        <Link href="/settings" className="ml-auto text-sm text-accent-600 hover:underline">
          Settings
        </Link>
        <Link href="/mail" className="text-sm text-accent-600 hover:underline">
          Back to mail
        </Link>
      </div>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Every account here opens when you sign in with any one of them. Passwords are stored
        encrypted and used only to talk to each account's servers.
      </p>
      <AccountList
        accounts={
          await Promise.all(
            accounts.map(async (a) => ({
              id: a.id,
              email: a.email,
              protocol: a.incomingProtocol,
              incoming: `${a.incomingHost}:${a.incomingPort}`,
              smtp: `${a.smtpHost}:${a.smtpPort}`,
              current: a.id === session.accountId,
              pop3Policy: a.incomingProtocol === "pop3" ? await getPop3Policy(a.id) : null,
              trustedAuthservIds: authservIdsText(a),
            })),
          )
        }
      />
      <section aria-label="Add an account" className="space-y-2">
        <h2 className="text-lg font-semibold">Add an account</h2>
        <AddAccountForm defaults={providerDefaults()} />
      </section>
    </div>
  );
}
