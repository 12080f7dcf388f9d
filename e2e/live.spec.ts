import { expect, type Locator, test } from "@playwright/test";
import { deliverViaSmtp } from "./support/deliver-smtp.ts";
import { signIn } from "./support/login.ts";
import { resetUser } from "./support/seed.ts";

async function unreadCount(inbox: Locator): Promise<number> {
  const name = (await inbox.textContent()) ?? "";
  const match = /(\d+)\s*unread/.exec(name.replace(/\s+/g, " "));
  return match ? Number(match[1]) : 0;
}

test.describe("live updates", () => {
  test.beforeAll(() => {
    resetUser("alice@example.test");
  });

  test("mail delivered by Postfix appears in the open folder without a reload, counts too", async ({
    page,
  }) => {
    await signIn(page, "alice");
    const inbox = page
      .getByRole("navigation", { name: "Folders" })
      .getByRole("link", { name: /^Inbox/ });
    await expect(page.getByRole("region", { name: /Messages in Inbox/ })).toBeVisible();
    const before = await unreadCount(inbox);
    const navigations: string[] = [];
    page.on(
      "framenavigated",
      (frame) => frame === page.mainFrame() && navigations.push(frame.url()),
    );

    const subject = `Live ${Date.now()}`;
    await deliverViaSmtp("alice@example.test", subject);
    await expect(page.getByRole("link", { name: `Unread, Test Sender: ${subject}` })).toBeVisible({
      timeout: 8000,
    });
    await expect.poll(() => unreadCount(inbox), { timeout: 8000 }).toBe(before + 1);

    const second = `${subject} (second)`;
    await deliverViaSmtp("alice@example.test", second);
    await expect(page.getByRole("link", { name: `Unread, Test Sender: ${second}` })).toBeVisible({
      timeout: 8000,
    });
    await expect.poll(() => unreadCount(inbox), { timeout: 8000 }).toBe(before + 2);
    expect(navigations).toEqual([]);
  });
});
