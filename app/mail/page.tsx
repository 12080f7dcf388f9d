import { redirect } from "next/navigation";
import { requireSession } from "@/lib/server/auth/current-session";
import { mailboxHref } from "@/lib/view-models/routes";

export default async function MailHome() {
  const session = await requireSession();
  redirect(mailboxHref(session.accountId, "INBOX"));
}
