"use client";

import Link from "next/link";
import { useParams, usePathname } from "next/navigation";
import { type ReactNode, useEffect, useState } from "react";
import { signOut } from "@/app/actions/session";
import { CloseIcon, MenuIcon, PencilIcon } from "@/components/ui/icons";
import type { AccountFolders } from "@/lib/view-models/mailbox";
import { FolderPane } from "./folders/folder-pane.tsx";
import { MailBusProvider } from "./mail-bus.tsx";
import { NoticeProvider } from "./notices.tsx";

/**
 * The frame of the mail screens: a top bar and the folder pane beside whatever the route
 * shows. On a phone the folder pane is a drawer behind the menu button.
 */
export function MailShell({
  accounts,
  email,
  children,
}: {
  accounts: AccountFolders[];
  email: string;
  children: ReactNode;
}) {
  const [drawer, setDrawer] = useState(false);
  const pathname = usePathname();
  // Compose from the account being read (its identities, its SMTP server).
  const { account } = useParams<{ account?: string }>();
  const composeHref = account ? `/mail/compose?account=${account}` : "/mail/compose";
  // biome-ignore lint/correctness/useExhaustiveDependencies: close the drawer on navigation
  useEffect(() => setDrawer(false), [pathname]);
  return (
    <NoticeProvider>
      <MailBusProvider>
        <div className="flex h-dvh flex-col">
          <header className="flex items-center gap-2 border-b border-zinc-200 px-3 py-2 dark:border-zinc-800">
            <button
              type="button"
              className="rounded p-1.5 hover:bg-zinc-100 md:hidden dark:hover:bg-zinc-800"
              aria-label={drawer ? "Close folders" : "Show folders"}
              aria-expanded={drawer}
              onClick={() => setDrawer((d) => !d)}
            >
              {drawer ? <CloseIcon /> : <MenuIcon />}
            </button>
            <Link href="/mail" className="text-lg font-semibold tracking-tight">
              Letterbox
            </Link>
            <span className="ml-2 hidden truncate text-sm text-zinc-500 sm:inline">{email}</span>
            <div className="ml-auto flex items-center gap-2">
              <Link
                href={composeHref}
                className="flex items-center gap-1 rounded-md bg-accent-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-accent-700"
              >
                <PencilIcon /> Compose
              </Link>
              <Link
                href="/settings"
                className="rounded-md px-2 py-1.5 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800"
              >
                Settings
              </Link>
              <form action={signOut}>
                <button
                  type="submit"
                  className="rounded-md px-2 py-1.5 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800"
                >
                  Sign out
                </button>
              </form>
            </div>
          </header>
          <div className="relative flex min-h-0 flex-1">
            <aside
              className={`${
                drawer ? "absolute inset-y-0 left-0 z-30 flex shadow-xl" : "hidden"
              } w-64 shrink-0 border-r border-zinc-200 bg-zinc-50 md:static md:flex md:shadow-none dark:border-zinc-800 dark:bg-zinc-900`}
            >
              <FolderPane accounts={accounts} />
            </aside>
            <main className="min-w-0 flex-1">{children}</main>
          </div>
        </div>
      </MailBusProvider>
    </NoticeProvider>
  );
}
