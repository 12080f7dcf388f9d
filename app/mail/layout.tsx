import type { ReactNode } from "react";
import { MailShell } from "@/components/mail/mail-shell";
import { getDb } from "@/lib/db/client";
import { accountsOfUser } from "@/lib/server/accounts/account-store";
import { requireSession } from "@/lib/server/auth/current-session";
import { foldersOfAccounts } from "@/lib/server/mail/account-folders";

export default async function MailLayout({ children }: { children: ReactNode }) {
  const session = await requireSession();
  const accounts = await accountsOfUser(await getDb(), session.userId);
  const current = accounts.find((a) => a.id === session.accountId) ?? accounts[0];
  const folders = await foldersOfAccounts(session.sessionId, accounts);
  return (
    <MailShell accounts={folders} email={current?.email ?? ""}>
      {children}
    </MailShell>
  );
}
