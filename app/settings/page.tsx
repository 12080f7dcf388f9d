import type { Metadata } from "next";
import Link from "next/link";
import { ReadingPreferences } from "@/components/preferences/reading-preferences";
import { IdentitySettings } from "@/components/settings/identity-settings";
import { TrustedSenders } from "@/components/settings/trusted-senders";
import { getDb } from "@/lib/db/client";
import { accountsOfUser } from "@/lib/server/accounts/account-store";
import { requireSession } from "@/lib/server/auth/current-session";
import { identitiesOf } from "@/lib/server/compose/identities";
import { trustedSenders } from "@/lib/server/mail/remote-senders";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const session = await requireSession();
  const db = await getDb();
  const accounts = await accountsOfUser(db, session.userId);
  const user = await db.user.findUnique({ where: { id: session.userId } });
  const rows = await Promise.all(
    accounts.map(async (account) => ({ account, identities: await identitiesOf(account) })),
  );
  return (
    <div className="mx-auto max-w-3xl px-4 py-6">
      <div className="mb-6 flex items-center gap-4">
        <h1 className="text-xl font-semibold">Settings</h1>
        <Link href="/settings/accounts" className="ml-auto text-sm text-accent-600 hover:underline">
          Accounts
        </Link>
        <Link href="/mail" className="text-sm text-accent-600 hover:underline">
          Back to mail
        </Link>
      </div>
      <section aria-label="Reading" className="mb-8">
        <ReadingPreferences markReadOnOpen={user?.markReadOnOpen ?? true} />
      </section>
      <section aria-labelledby="remote-senders-heading" className="mb-8">
        <h2 id="remote-senders-heading" className="mb-1 text-lg font-semibold">
          Remote content
        </h2>
        <TrustedSenders addresses={[...(await trustedSenders(session.userId))].sort()} />
      </section>
      <h2 className="mb-1 text-lg font-semibold">Identities</h2>
      <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">
        The name, address and signature your messages are sent with. The default one is chosen when
        you write; you can pick another in the composer.
      </p>
      {rows.map(({ account, identities }) => (
        <IdentitySettings
          key={account.id}
          accountId={account.id}
          accountEmail={account.email}
          initial={identities}
        />
      ))}
    </div>
  );
}
