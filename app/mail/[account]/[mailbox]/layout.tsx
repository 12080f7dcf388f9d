import type { ReactNode } from "react";
import { MessageList } from "@/components/mail/list/message-list";
import { MailboxPanes } from "@/components/mail/mailbox-panes";
import { pageMailContext } from "@/lib/server/actions/page-context";
import { describeMailError } from "@/lib/server/mail/describe-error";
import { storeFor } from "@/lib/server/mail/store/store-for";
import { fromSegment } from "@/lib/view-models/routes";

interface Params {
  account: string;
  mailbox: string;
}

export default async function MailboxLayout({
  params,
  children,
}: {
  params: Promise<Params>;
  children: ReactNode;
}) {
  const { account, mailbox: segment } = await params;
  const mailbox = fromSegment(segment);
  const context = await pageMailContext(fromSegment(account));
  let list: ReactNode;
  try {
    const store = storeFor(context);
    const [page, folders] = await Promise.all([
      store.page({ mailbox, pageIndex: 0 }),
      store.folders(),
    ]);
    const folder = folders.find((f) => f.path === mailbox);
    list = (
      <MessageList
        initial={page}
        folders={folders}
        folderName={folder?.name ?? mailbox}
        inTrash={folder?.specialUse === "trash"}
      />
    );
  } catch (error) {
    list = (
      <p
        role="alert"
        aria-label="Mailbox problem"
        className="p-4 text-sm text-red-700 dark:text-red-400"
      >
        {describeMailError(error, "IMAP server").message}
      </p>
    );
  }
  return <MailboxPanes list={list} reader={children} />;
}
