import Link from "next/link";
import { PencilIcon } from "@/components/ui/icons";

/** The composer's URL for a message in the Drafts folder: it reopens there, files and all. */
export function draftComposeHref(accountId: string, uid: number): string {
  return `/mail/compose?account=${encodeURIComponent(accountId)}&draft=${uid}`;
}

/** For the reader, on a message in Drafts: continue writing it in the composer. */
export function OpenDraftLink({ accountId, uid }: { accountId: string; uid: number }) {
  return (
    <Link
      href={draftComposeHref(accountId, uid)}
      className="flex items-center gap-1 rounded-md bg-accent-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-accent-700"
    >
      <PencilIcon /> Edit draft
    </Link>
  );
}
