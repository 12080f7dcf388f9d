import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "../../db/client.ts";
import { readSessionToken } from "./session-cookie.ts";
import { findSession, type SessionInfo } from "./session-store.ts";

/** The signed-in session of this request, looked up once per request. */
export const currentSession = cache(async (): Promise<SessionInfo | null> => {
  const db = await getDb();
  return findSession(db, await readSessionToken());
});

/** For pages: the session, or a redirect to the login page. */
export async function requireSession(): Promise<SessionInfo> {
  const session = await currentSession();
  if (!session) redirect("/login");
  return session;
}
