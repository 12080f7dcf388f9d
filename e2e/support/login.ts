import { expect, type Page } from "@playwright/test";
import { stackUser } from "./stack.ts";

/** Sign in through the form as a stack user and wait for the mailbox. */
export async function signIn(page: Page, localPart: string): Promise<void> {
  const user = stackUser(localPart);
  await page.goto("/login");
  await page.getByLabel("Email address").fill(user.login);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/mail/);
}
