import { notFound } from "next/navigation";
import { AuthBadges } from "@/components/mail/original/auth-badges";
import { HeaderInspector } from "@/components/mail/original/header-inspector";
import { MimeTree } from "@/components/mail/original/mime-tree";
import { OriginalSummary } from "@/components/mail/original/original-summary";
import { RouteTimeline } from "@/components/mail/original/route-timeline";
import { SourceView } from "@/components/mail/original/source-view";
import { BackIcon } from "@/components/ui/icons";
import { trustedAuthservIdsOf } from "@/lib/server/accounts/trusted-authserv";
import { pageMailContext } from "@/lib/server/actions/page-context";
import { describeMailError } from "@/lib/server/mail/describe-error";
import { loadOriginal } from "@/lib/server/mail/original/load-original";
import type { OriginalView } from "@/lib/server/mail/original/original-view";
import { fromSegment, messageHref, sourceHref } from "@/lib/view-models/routes";

interface Props {
  params: Promise<{ account: string; mailbox: string; uid: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

const SECTIONS = [
  ["original-auth", "Authentication"],
  ["original-route", "Route"],
  ["original-mime", "MIME structure"],
  ["original-headers", "Headers"],
  ["original-source", "Source"],
] as const;

/** "Show original": what the message is, byte for byte, and what its headers and parts say. */
export default async function OriginalPage({ params, searchParams }: Props) {
  const { account, mailbox: segment, uid: uidText } = await params;
  const query = await searchParams;
  const uid = Number(uidText);
  if (!Number.isSafeInteger(uid) || uid < 1) notFound();
  const accountId = fromSegment(account);
  const mailbox = fromSegment(segment);
  const context = await pageMailContext(accountId);
  const section = one(query.part) ?? "";
  if (section && !/^\d+(\.\d+)*$/.test(section)) notFound();

  const base = messageHref(accountId, mailbox, uid);
  const backHref = section ? `${base}?part=${section}` : base;
  const back = (
    <a
      href={backHref}
      className="flex items-center gap-1 rounded-md px-2 py-1.5 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800"
    >
      <BackIcon /> Back to message
    </a>
  );

  let view: OriginalView;
  try {
    view = await loadOriginal(context, mailbox, uid, {
      section,
      trustedAuthservIds: trustedAuthservIdsOf(context.account),
    });
  } catch (error) {
    return (
      <div className="p-4">
        {back}
        <p
          role="alert"
          aria-label="Message problem"
          className="mt-3 px-2 text-sm text-red-700 dark:text-red-400"
        >
          {describeMailError(error, "IMAP server").message}
        </p>
      </div>
    );
  }

  const source = sourceHref(accountId, mailbox, uid, false);
  const download = `${sourceHref(accountId, mailbox, uid, true)}${section ? `&part=${section}` : ""}`;
  return (
    <article aria-label="Original message" className="flex h-full min-h-0 flex-col">
      <div
        role="toolbar"
        aria-label="Original"
        className="flex flex-wrap items-center gap-1 border-b border-zinc-200 px-2 py-1 dark:border-zinc-800"
      >
        {back}
        <nav aria-label="Sections" className="ml-auto flex flex-wrap gap-1 text-xs">
          {SECTIONS.map(([id, name]) => (
            <a
              key={id}
              href={`#${id}`}
              className="rounded px-2 py-1 hover:bg-zinc-100 dark:hover:bg-zinc-800"
            >
              {name}
            </a>
          ))}
        </nav>
      </div>
      <div className="min-h-0 flex-1 divide-y divide-zinc-200 overflow-y-auto dark:divide-zinc-800">
        <OriginalSummary view={view} downloadHref={download} />
        <AuthBadges auth={view.auth} />
        <RouteTimeline route={view.route} />
        <MimeTree
          tree={view.mime}
          display={view.display}
          cidReferences={view.cidReferences}
          nestedHref={(part) => `${base}/original?part=${part}`}
        />
        <HeaderInspector groups={view.headers} count={view.fieldCount} />
        <SourceView href={source} section={section} size={view.size} />
      </div>
    </article>
  );
}
