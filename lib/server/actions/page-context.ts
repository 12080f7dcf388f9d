import "server-only";
import { notFound, redirect } from "next/navigation";
import { AccessError, type MailContext, mailContext } from "./mail-context.ts";

/**
 * mailContext for pages and layouts: a signed-out visitor goes to the login page, an account
 * that is not (or no longer) theirs is a 404 — never the generic error page.
 */
export async function pageMailContext(accountId?: string): Promise<MailContext> {
  try {
    return await mailContext(accountId);
  } catch (error) {
    if (error instanceof AccessError) {
      if (error.code === "UNAUTHENTICATED") redirect("/login");
      notFound();
    }
    throw error;
  }
}
