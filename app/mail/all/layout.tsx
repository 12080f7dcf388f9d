import type { ReactNode } from "react";
import { MailboxPanes } from "@/components/mail/mailbox-panes";
import { UnifiedList } from "@/components/mail/unified/unified-list";
import { getDb } from "@/lib/db/client";
import { accountsOfUser } from "@/lib/server/accounts/account-store";
import { requireSession } from "@/lib/server/auth/current-session";
import { loadUnifiedPage } from "@/lib/server/mail/unified-inbox";

export default async function AllInboxesLayout({ children }: { children: ReactNode }) {
  const session = await requireSession();
  const accounts = await accountsOfUser(await getDb(), session.userId);
  const initial = await loadUnifiedPage(session.sessionId, accounts, 0);
  return <MailboxPanes list={<UnifiedList initial={initial} />} reader={children} />;
}
