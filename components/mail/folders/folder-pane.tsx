"use client";

import Link from "next/link";
import { useParams, usePathname } from "next/navigation";
import { useState } from "react";
import {
  createFolderAction,
  deleteFolderAction,
  loadFolders,
  moveToFolder,
  renameFolderAction,
} from "@/app/mail/actions";
import { PlusIcon } from "@/components/ui/icons";
import type { AccountFolders, FolderView } from "@/lib/view-models/mailbox";
import { fromSegment, mailboxHref } from "@/lib/view-models/routes";
import { useMailBus, useMailBusListener } from "../mail-bus.tsx";
import { useNotices } from "../notices.tsx";
import { CheckNowButton } from "./check-now-button.tsx";
import { FolderDialog } from "./folder-dialog.tsx";
import { FolderIconFor } from "./folder-icon.tsx";
import { FolderMenu } from "./folder-menu.tsx";

export const DRAG_TYPE = "application/x-letterbox-messages";

export interface DraggedMessages {
  accountId: string;
  mailbox: string;
  uids: number[] | "all";
}

export type DialogState =
  | { kind: "create"; accountId: string; parent: string | null }
  | { kind: "rename"; folder: FolderView }
  | { kind: "delete"; folder: FolderView }
  | null;

export function FolderPane({ accounts: initial }: { accounts: AccountFolders[] }) {
  const [accounts, setAccounts] = useState(initial);
  const [dialog, setDialog] = useState<DialogState>(null);
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const params = useParams<{ account?: string; mailbox?: string }>();
  const inAllInboxes = usePathname().startsWith("/mail/all");
  const currentAccount = params.account ? decodeURIComponent(params.account) : null;
  const currentMailbox = params.mailbox ? fromSegment(params.mailbox) : null;
  const bus = useMailBus();
  const { notify } = useNotices();

  const refresh = async (accountId: string) => {
    const result = await loadFolders({ accountId });
    if (!result.ok) return;
    setAccounts((list) =>
      list.map((a) =>
        a.accountId === accountId ? { ...a, folders: result.data, error: undefined } : a,
      ),
    );
  };
  useMailBusListener((event) => {
    if (
      event.type === "folders-changed" ||
      event.type === "mailbox-changed" ||
      event.type === "moved"
    ) {
      void refresh(event.accountId);
    }
  });

  const drop = async (folder: FolderView, data: string) => {
    setDropTarget(null);
    let dragged: DraggedMessages;
    try {
      dragged = JSON.parse(data) as DraggedMessages;
    } catch {
      return;
    }
    if (dragged.accountId !== folder.accountId || dragged.mailbox === folder.path) return;
    const result = await moveToFolder({
      accountId: dragged.accountId,
      mailbox: dragged.mailbox,
      selection: dragged.uids,
      destination: { path: folder.path },
    });
    if (!result.ok) {
      notify("error", result.error.message);
      return;
    }
    const count =
      dragged.uids === "all"
        ? "All messages"
        : `${dragged.uids.length} message${dragged.uids.length === 1 ? "" : "s"}`;
    notify("info", `${count} moved to ${folder.name}.`);
    bus.emit({ type: "moved", ...dragged, destination: folder.path });
  };

  return (
    <nav aria-label="Folders" className="flex h-full flex-col overflow-y-auto px-2 py-3 text-sm">
      {accounts.length > 1 && (
        <Link
          href="/mail/all"
          aria-current={inAllInboxes ? "page" : undefined}
          className="mb-3 flex items-center gap-2 rounded-md px-2 py-1.5 font-medium hover:bg-zinc-100 aria-[current=page]:bg-accent-100 dark:hover:bg-zinc-800"
        >
          <FolderIconFor use="inbox" />
          <span className="flex-1">All inboxes</span>
          {(() => {
            const unread = accounts.reduce(
              (n, a) => n + (a.folders.find((f) => f.specialUse === "inbox")?.unread ?? 0),
              0,
            );
            return unread ? (
              <span className="text-xs font-semibold tabular-nums">
                {unread}
                <span className="sr-only"> unread</span>
              </span>
            ) : null;
          })()}
        </Link>
      )}
      {accounts.map((account) => (
        <section key={account.accountId} aria-label={account.email} className="mb-4">
          <div className="mb-1 flex items-center justify-between px-2">
            <h2 className="truncate text-xs font-semibold uppercase tracking-wide text-zinc-500">
              {account.email}
            </h2>
            {account.protocol === "pop3" && (
              <CheckNowButton accountId={account.accountId} email={account.email} />
            )}
            <button
              type="button"
              aria-label={`New folder in ${account.email}`}
              title="New folder"
              onClick={() =>
                setDialog({ kind: "create", accountId: account.accountId, parent: null })
              }
              className="rounded p-1 text-zinc-500 hover:bg-zinc-200 dark:hover:bg-zinc-800"
            >
              <PlusIcon />
            </button>
          </div>
          {account.error && (
            <p
              role="alert"
              aria-label={`Problem with ${account.email}`}
              className="px-2 text-xs text-red-700 dark:text-red-400"
            >
              {account.error}
            </p>
          )}
          <ul>
            {account.folders.map((folder) => {
              const active =
                !inAllInboxes &&
                folder.accountId === currentAccount &&
                folder.path === currentMailbox;
              const key = `${folder.accountId}:${folder.path}`;
              return (
                <li
                  key={key}
                  className="group relative"
                  style={{ paddingLeft: `${folder.depth * 0.9}rem` }}
                >
                  {folder.selectable ? (
                    <Link
                      href={mailboxHref(folder.accountId, folder.path)}
                      aria-current={active ? "page" : undefined}
                      // A nested folder is named by its path: "Work/Projects", not "Projects" twice.
                      aria-label={
                        folder.depth > 0
                          ? `${folder.path}${folder.unread ? `, ${folder.unread} unread` : ""}`
                          : undefined
                      }
                      onDragOver={(e) => {
                        if (!e.dataTransfer.types.includes(DRAG_TYPE)) return;
                        e.preventDefault();
                        e.dataTransfer.dropEffect = "move";
                        setDropTarget(key);
                      }}
                      onDragLeave={() => setDropTarget((t) => (t === key ? null : t))}
                      onDrop={(e) => {
                        e.preventDefault();
                        void drop(folder, e.dataTransfer.getData(DRAG_TYPE));
                      }}
                      className={`flex items-center gap-2 rounded-md px-2 py-1.5 pr-8 ${
                        active
                          ? "bg-accent-100 font-medium text-accent-700 dark:bg-accent-700/30 dark:text-accent-100"
                          : "hover:bg-zinc-100 dark:hover:bg-zinc-800"
                      } ${dropTarget === key ? "ring-2 ring-accent-500" : ""}`}
                    >
                      <FolderIconFor use={folder.specialUse} />
                      <span className="flex-1 truncate">{folder.name}</span>
                      {folder.unread ? (
                        <span className="text-xs font-semibold tabular-nums">
                          {folder.unread}
                          <span className="sr-only"> unread</span>
                        </span>
                      ) : null}
                    </Link>
                  ) : (
                    <span className="flex items-center gap-2 px-2 py-1.5 text-zinc-500">
                      <FolderIconFor use={null} />
                      {folder.name}
                    </span>
                  )}
                  {!folder.specialUse && folder.selectable && (
                    <FolderMenu
                      folder={folder}
                      onPick={setDialog}
                      subfolders={account.protocol === "imap"}
                    />
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
      {dialog?.kind === "create" && (
        <FolderDialog
          title="New folder"
          label="Folder name"
          confirmText="Create"
          onClose={() => setDialog(null)}
          onConfirm={async (name) => {
            const result = await createFolderAction({
              accountId: dialog.accountId,
              name,
              parent: dialog.parent,
            });
            if (!result.ok) return result.error.message;
            bus.emit({ type: "folders-changed", accountId: dialog.accountId });
            notify("info", `Folder ${name.trim()} created.`);
            return null;
          }}
        />
      )}
      {dialog?.kind === "rename" && (
        <FolderDialog
          title={`Rename ${dialog.folder.name}`}
          label="New name"
          initial={dialog.folder.name}
          confirmText="Rename"
          onClose={() => setDialog(null)}
          onConfirm={async (name) => {
            const result = await renameFolderAction({
              accountId: dialog.folder.accountId,
              path: dialog.folder.path,
              name,
            });
            if (!result.ok) return result.error.message;
            bus.emit({ type: "folders-changed", accountId: dialog.folder.accountId });
            return null;
          }}
        />
      )}
      {dialog?.kind === "delete" && (
        <FolderDialog
          title={`Delete ${dialog.folder.name}?`}
          description="The folder and every message in it are deleted from the server. This cannot be undone."
          confirmText="Delete folder"
          danger
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            const result = await deleteFolderAction({
              accountId: dialog.folder.accountId,
              path: dialog.folder.path,
            });
            if (!result.ok) return result.error.message;
            bus.emit({ type: "folders-changed", accountId: dialog.folder.accountId });
            return null;
          }}
        />
      )}
    </nav>
  );
}
