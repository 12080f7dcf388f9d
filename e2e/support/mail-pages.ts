/**
 * Ways around the mail screens for end-to-end tests, by role and name as a screen reader finds
 * them: the account id in the URL, a message's reader URL, the message frame.
 */
import { expect, type FrameLocator, type Locator, type Page } from "@playwright/test";
import { signIn } from "./login.ts";

/** Signs in as a stack user and waits for the Inbox; returns the session's account id. */
export async function signInToInbox(page: Page, localPart: string): Promise<string> {
  await signIn(page, localPart);
  await expect(page).toHaveURL(/\/mail\/[^/]+\/INBOX$/);
  await expect(page.getByRole("navigation", { name: "Folders" })).toBeVisible();
  return accountIdOf(page);
}

/** The account id of the signed-in session, from the mailbox URL sign-in lands on. */
export function accountIdOf(page: Page): string {
  const match = /\/mail\/([^/?#]+)/.exec(new URL(page.url()).pathname);
  if (!match?.[1]) throw new Error(`not on a mailbox URL: ${page.url()}`);
  return decodeURIComponent(match[1]);
}

export function mailboxUrl(account: string, mailbox: string): string {
  return `/mail/${encodeURIComponent(account)}/${encodeURIComponent(mailbox)}`;
}

export function messageUrl(account: string, mailbox: string, uid: number): string {
  return `${mailboxUrl(account, mailbox)}/${uid}`;
}

/** The reader's article, once the message (or its error) is on screen. */
export function reader(page: Page): Locator {
  return page.getByRole("article", { name: "Message" });
}

export function folderNav(page: Page): Locator {
  return page.getByRole("navigation", { name: "Folders" });
}

/** A folder's link in the folder pane; its name may be followed by an unread count. */
export function folderLink(page: Page, name: string): Locator {
  return folderNav(page)
    .getByRole("link")
    .filter({ has: page.locator("span.truncate", { hasText: exactText(name) }) });
}

/** A regular expression matching exactly `text` (for hasText, which otherwise matches parts). */
export function exactText(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
}

export function messageList(page: Page): Locator {
  return page.getByRole("list", { name: "Messages" });
}

/** The visible row links of the list, top first (the list is virtualized: only those near view). */
export function rowLinks(page: Page): Locator {
  return messageList(page).locator("a[data-row-link]");
}

/** The row link at a list index (the index in the mailbox, newest first). */
export function rowLink(page: Page, index: number): Locator {
  return messageList(page).locator(`a[data-row-link="${index}"]`);
}

/** The UID a row link opens. */
export async function uidOfRow(row: Locator): Promise<number> {
  const href = await row.getAttribute("href");
  const uid = Number(/\/(\d+)(?:\?|$)/.exec(href ?? "")?.[1]);
  if (!Number.isSafeInteger(uid)) throw new Error(`row link without a UID: ${href}`);
  return uid;
}

/** The list item (checkbox, link, flag button) of a row link. */
export function rowItem(row: Locator): Locator {
  return row.locator("xpath=ancestor::li[1]");
}

/** Opens a message by URL and waits for the reader to show it. */
export async function openMessage(
  page: Page,
  account: string,
  mailbox: string,
  uid: number,
  query = "",
): Promise<void> {
  await page.goto(`${messageUrl(account, mailbox, uid)}${query}`);
  await expect(reader(page)).toBeVisible();
}

/** The message's sandboxed frame (not the invisible measuring twin). */
export function messageFrameElement(page: Page): Locator {
  return page.locator('iframe[title^="Message: "]');
}

export function messageFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe[title^="Message: "]');
}
