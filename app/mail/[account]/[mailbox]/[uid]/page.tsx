import { notFound } from "next/navigation";
import { MessageReader, type SearchParams } from "@/components/mail/reader/message-reader";
import { fromSegment, mailboxHref, messageHref } from "@/lib/view-models/routes";

interface Props {
  params: Promise<{ account: string; mailbox: string; uid: string }>;
  searchParams: Promise<SearchParams>;
}

export default async function MessagePage({ params, searchParams }: Props) {
  const { account, mailbox: segment, uid: uidText } = await params;
  const uid = Number(uidText);
  if (!Number.isSafeInteger(uid) || uid < 1) notFound();
  const accountId = fromSegment(account);
  const mailbox = fromSegment(segment);
  return (
    <MessageReader
      accountId={accountId}
      mailbox={mailbox}
      uid={uid}
      query={await searchParams}
      base={messageHref(accountId, mailbox, uid)}
      listHref={mailboxHref(accountId, mailbox)}
    />
  );
}
