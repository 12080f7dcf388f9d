import { notFound } from "next/navigation";
import { OpenDraftLink } from "@/components/compose/open-draft-link";
import { Attachments } from "@/components/mail/reader/attachments";
import { HtmlFrame } from "@/components/mail/reader/html-frame";
import { MessageHeader } from "@/components/mail/reader/message-header";
import { Opened } from "@/components/mail/reader/opened";
import { PlainBody } from "@/components/mail/reader/plain-body";
import { ReaderToolbar } from "@/components/mail/reader/reader-toolbar";
import { RemoteContentBar } from "@/components/mail/reader/remote-content-bar";
import { StatusCard } from "@/components/mail/reader/status-card";
import { getDb } from "@/lib/db/client";
import { trustedAuthservIdsOf } from "@/lib/server/accounts/trusted-authserv";
import { pageMailContext } from "@/lib/server/actions/page-context";
import { learnFromReading } from "@/lib/server/compose/contacts";
import { requestOrigin } from "@/lib/server/http/request-origin";
import { describeMailError } from "@/lib/server/mail/describe-error";
import { trustedSenders } from "@/lib/server/mail/remote-senders";
import { storeFor } from "@/lib/server/mail/store/store-for";
import { messageHref } from "@/lib/view-models/routes";

export type SearchParams = Record<string, string | string[] | undefined>;

interface Props {
  accountId: string;
  mailbox: string;
  uid: number;
  query: SearchParams;
  /** Where this message is shown (its own URL in this view). */
  base: string;
  /** The list the message belongs to in this view (its folder, or "All inboxes"). */
  listHref: string;
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The reading pane for one message; the folder view and "All inboxes" both show it. */
export async function MessageReader({ accountId, mailbox, uid, query, base, listHref }: Props) {
  const context = await pageMailContext(accountId);
  const section = one(query.part) ?? "";
  if (section && !/^\d+(\.\d+)*$/.test(section)) notFound();
  const prefer =
    one(query.view) === "plain" ? "plain" : one(query.view) === "html" ? "html" : undefined;
  const user = await (await getDb()).user.findUnique({ where: { id: context.session.userId } });

  const keep = (extra: Record<string, string | undefined>) => {
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries({ part: section || undefined, view: prefer, ...extra }))
      if (v) next.set(k, v);
    const text = next.toString();
    return text ? `${base}?${text}` : base;
  };

  let message: Awaited<ReturnType<ReturnType<typeof storeFor>["message"]>>;
  let inTrash = false;
  let inDrafts = false;
  try {
    const store = storeFor(context);
    const [loaded, folders] = await Promise.all([
      store.message(mailbox, uid, {
        section,
        prefer,
        remote: {
          always: one(query.remote) === "1",
          trustedSenders: await trustedSenders(context.session.userId),
          trustedAuthservIds: trustedAuthservIdsOf(context.account),
        },
        origin: await requestOrigin(),
        markRead: user?.markReadOnOpen ?? true,
      }),
      store.folders(),
    ]);
    message = loaded;
    const use = folders.find((f) => f.path === mailbox)?.specialUse;
    inTrash = use === "trash";
    inDrafts = use === "drafts";
    // Addresses of mail one reads are offered when writing (autocomplete).
    learnFromReading(accountId, message);
  } catch (error) {
    return (
      <div className="p-6">
        <p
          role="alert"
          aria-label="Message problem"
          className="text-sm text-red-700 dark:text-red-400"
        >
          {describeMailError(error, "IMAP server").message}
        </p>
      </div>
    );
  }

  const composeBase = `/mail/compose?account=${encodeURIComponent(accountId)}&mailbox=${encodeURIComponent(mailbox)}&uid=${uid}${section ? `&part=${section}` : ""}`;
  const body = message.body;
  return (
    <article aria-label="Message" className="flex h-full min-h-0 flex-col">
      <ReaderToolbar
        accountId={accountId}
        mailbox={mailbox}
        uid={uid}
        flagged={message.flags.flagged}
        mailboxHref={listHref}
        originalHref={`${messageHref(accountId, mailbox, uid)}/original${section ? `?part=${section}` : ""}`}
        composeBase={composeBase}
        inTrash={inTrash}
      />
      <div className="min-h-0 flex-1 overflow-y-auto">
        {inDrafts && !section && (
          <div className="mx-5 mt-3">
            <OpenDraftLink accountId={accountId} uid={uid} />
          </div>
        )}
        {section && (
          <p className="mx-5 mt-3 rounded bg-zinc-100 px-3 py-1.5 text-xs dark:bg-zinc-800">
            An attached message.{" "}
            <a href={base} className="text-accent-600 hover:underline">
              Back to the message it came with
            </a>
          </p>
        )}
        <MessageHeader {...message} />
        {message.alternatives.html && message.alternatives.plain && (
          <nav aria-label="Message format" className="mx-5 mb-2 flex gap-1 text-xs">
            {(["html", "plain"] as const).map((format) => (
              <a
                key={format}
                href={keep({ view: format })}
                aria-current={message.shown === format ? "true" : undefined}
                className={`rounded px-2 py-0.5 ${message.shown === format ? "bg-zinc-200 font-medium dark:bg-zinc-700" : "hover:bg-zinc-100 dark:hover:bg-zinc-800"}`}
              >
                {format === "html" ? "HTML" : "Plain text"}
              </a>
            ))}
          </nav>
        )}
        {message.warnings.map((w) => (
          <p key={w} role="note" className="mx-5 my-1 text-xs text-amber-700 dark:text-amber-400">
            {w}
          </p>
        ))}
        {message.deliveryStatus && <StatusCard report={message.deliveryStatus} />}
        {body.kind === "html" && (
          <>
            {!body.remoteAllowed && (
              <RemoteContentBar
                accountId={accountId}
                blocked={body.remoteBlocked}
                trackingPixels={body.trackingPixels}
                hosts={body.remoteHosts}
                sender={message.from[0]?.address ?? null}
                senderUnverified={message.senderUnverified}
                loadHref={keep({ remote: "1" })}
              />
            )}
            <HtmlFrame srcdoc={body.srcdoc} title={`Message: ${message.subject}`} />
          </>
        )}
        {body.kind === "plain" && <PlainBody blocks={body.blocks} />}
        {body.kind === "none" && (
          <p className="px-5 py-4 text-sm text-zinc-500">This message has no text to show.</p>
        )}
        <Attachments
          attachments={message.attachments}
          more={message.moreAttachments}
          zipHref={`/api/mail/${encodeURIComponent(accountId)}/${encodeURIComponent(mailbox)}/${uid}/zip${section ? `?part=${section}` : ""}`}
          nestedHref={(s) => `${base}?part=${s}`}
        />
      </div>
      <Opened accountId={accountId} wasUnread={message.markedRead} />
    </article>
  );
}
