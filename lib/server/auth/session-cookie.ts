import "server-only";
import { cookies, headers } from "next/headers";

export const SESSION_COOKIE = "lbx_session";

/** Secure cookies when the browser reached us over https (directly or through a proxy). */
async function servedOverHttps(): Promise<boolean> {
  if (process.env.LETTERBOX_SECURE_COOKIES === "1") return true;
  const h = await headers();
  return h.get("x-forwarded-proto") === "https" || (h.get("origin") ?? "").startsWith("https:");
}

export async function readSessionToken(): Promise<string | undefined> {
  return (await cookies()).get(SESSION_COOKIE)?.value;
}

export async function writeSessionCookie(token: string, expiresAt: Date): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: await servedOverHttps(),
    path: "/",
    expires: expiresAt,
  });
}

export async function clearSessionCookie(): Promise<void> {
  (await cookies()).delete(SESSION_COOKIE);
}
