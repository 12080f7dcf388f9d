import { notFound } from "next/navigation";
import { MessageReader, type SearchParams } from "@/components/mail/reader/message-reader";
import { fromSegment, unifiedHref } from "@/lib/view-models/routes";

interface Props {
  params: Promise<{ account: string; uid: string }>;
  searchParams: Promise<SearchParams>;
}

/** A message opened from "All inboxes": always in its account's INBOX. */
export default async function UnifiedMessagePage({ params, searchParams }: Props) {
  const { account, uid: uidText } = await params;
  const uid = Number(uidText);
  if (!Number.isSafeInteger(uid) || uid < 1) notFound();
  const accountId = fromSegment(account);
  return (
    <MessageReader
      accountId={accountId}
      mailbox="INBOX"
      uid={uid}
      query={await searchParams}
      base={unifiedHref({ accountId, uid })}
      listHref="/mail/all"
    />
  );
}
