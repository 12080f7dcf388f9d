"use server";

import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { accountsOfUser } from "@/lib/server/accounts/account-store";
import { currentSession } from "@/lib/server/auth/current-session";
import { loadUnifiedPage } from "@/lib/server/mail/unified-inbox";
import type { UnifiedPage } from "@/lib/view-models/mailbox";

const input = z.object({ pageIndex: z.number().int().min(0).max(10_000) });

/** A page of "All inboxes" for the signed-in person (every account of theirs, none of others'). */
export async function loadUnified(
  raw: z.input<typeof input>,
): Promise<UnifiedPage | { error: string }> {
  const session = await currentSession();
  if (!session) return { error: "Your session has ended. Sign in again." };
  const parsed = input.safeParse(raw);
  if (!parsed.success) return { error: "Which page?" };
  const accounts = await accountsOfUser(await getDb(), session.userId);
  return loadUnifiedPage(session.sessionId, accounts, parsed.data.pageIndex);
}
