"use server";

import { z } from "zod";
import { type ActionResult, runMailAction } from "@/lib/server/actions/run-action";
import { storeFor } from "@/lib/server/mail/store/store-for";
import { checkPop3 } from "@/lib/server/pop3/index";
import type { FolderView, MessagePage } from "@/lib/view-models/mailbox";

const accountId = z.string().min(1).max(64);
const mailbox = z.string().min(1).max(1000);
const selection = z.union([z.literal("all"), z.array(z.number().int().positive()).max(10_000)]);

const pageInput = z.object({
  accountId,
  mailbox,
  pageIndex: z.number().int().min(0).max(1_000_000),
  query: z.string().max(500).optional(),
});

export async function loadPage(
  input: z.input<typeof pageInput>,
): Promise<ActionResult<MessagePage>> {
  return runMailAction(pageInput, input, (context, { mailbox, pageIndex, query }) =>
    storeFor(context).page({ mailbox, pageIndex, query }),
  );
}

const flagInput = z.object({
  accountId,
  mailbox,
  selection,
  flag: z.enum(["seen", "flagged", "answered"]),
  value: z.boolean(),
});

export async function setMessageFlag(
  input: z.input<typeof flagInput>,
): Promise<ActionResult<null>> {
  return runMailAction(flagInput, input, async (context, i) => {
    await storeFor(context).setFlag(i.mailbox, i.selection, i.flag, i.value);
    return null;
  });
}

const moveInput = z.object({
  accountId,
  mailbox,
  selection,
  destination: z.union([
    z.object({ path: mailbox }),
    z.object({ special: z.enum(["archive", "junk", "trash", "inbox"]) }),
  ]),
});

export async function moveToFolder(
  input: z.input<typeof moveInput>,
): Promise<ActionResult<{ destination: string }>> {
  return runMailAction(moveInput, input, async (context, i) => {
    const store = storeFor(context);
    const destination =
      "path" in i.destination
        ? i.destination.path
        : i.destination.special === "inbox"
          ? "INBOX"
          : await store.specialFolder(i.destination.special);
    await store.move(i.mailbox, i.selection, destination);
    return { destination };
  });
}

const deleteInput = z.object({ accountId, mailbox, selection });

export async function deleteSelected(
  input: z.input<typeof deleteInput>,
): Promise<ActionResult<{ outcome: "trash" | "expunged" }>> {
  return runMailAction(deleteInput, input, async (context, i) => ({
    outcome: await storeFor(context).remove(i.mailbox, i.selection),
  }));
}

const foldersInput = z.object({ accountId });

export async function loadFolders(
  input: z.input<typeof foldersInput>,
): Promise<ActionResult<FolderView[]>> {
  return runMailAction(foldersInput, input, (context) => storeFor(context).folders());
}

const createInput = z.object({ accountId, name: z.string().max(1000), parent: mailbox.nullable() });

export async function createFolderAction(
  input: z.input<typeof createInput>,
): Promise<ActionResult<{ path: string }>> {
  return runMailAction(createInput, input, async (context, i) => ({
    path: await storeFor(context).createFolder(i.name, i.parent),
  }));
}

const renameInput = z.object({ accountId, path: mailbox, name: z.string().max(1000) });

export async function renameFolderAction(
  input: z.input<typeof renameInput>,
): Promise<ActionResult<{ path: string }>> {
  return runMailAction(renameInput, input, async (context, i) => ({
    path: await storeFor(context).renameFolder(i.path, i.name),
  }));
}

const deleteFolderInput = z.object({ accountId, path: mailbox });

export async function deleteFolderAction(
  input: z.input<typeof deleteFolderInput>,
): Promise<ActionResult<null>> {
  return runMailAction(deleteFolderInput, input, async (context, i) => {
    await storeFor(context).deleteFolder(i.path);
    return null;
  });
}

const checkInput = z.object({ accountId });

/** "Check for new mail" on a POP3 account: a check now, its outcome in words. */
export async function checkNowAction(
  input: z.input<typeof checkInput>,
): Promise<ActionResult<{ newMessages: number; problem: string | null }>> {
  return runMailAction(checkInput, input, async (context) => {
    if (context.account.incomingProtocol !== "pop3") return { newMessages: 0, problem: null };
    const result = await checkPop3(context.account.id, { reason: "manual" });
    return { newMessages: result.newMessages, problem: result.error?.message ?? null };
  });
}
