"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { currentSession } from "@/lib/server/auth/current-session";
import { clearSessionCookie } from "@/lib/server/auth/session-cookie";
import { deleteSession } from "@/lib/server/auth/session-store";
import { closeSessionConnections } from "@/lib/server/mail/imap-pool";

/** Sign out: the session row goes, so the old cookie opens nothing even if it was copied. */
export async function signOut(): Promise<void> {
  const session = await currentSession();
  if (session) {
    await deleteSession(await getDb(), session.sessionId);
    await closeSessionConnections(session.sessionId);
  }
  await clearSessionCookie();
  redirect("/login");
}
