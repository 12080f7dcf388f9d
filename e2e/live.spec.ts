import { expect, test } from "@playwright/test";
import { deliverViaSmtp } from "./support/deliver-smtp.ts";
import { signIn } from "./support/login.ts";
import { resetUser } from "./support/seed.ts";

test.describe("live updates", () => {
  test.beforeAll(() => {
    resetUser("alice@example.test");
  });

  test("mail delivered by Postfix appears in the open folder without a reload, counts too", async ({
    page,
  }) => {
    await signIn(page, "alice");
    const folders = page.getByRole("navigation", { name: "Folders" });
    await expect(page.getByText("Inbox is empty.")).toBeVisible();
    const navigations: string[] = [];
    page.on(
      "framenavigated",
      (frame) => frame === page.mainFrame() && navigations.push(frame.url()),
    );

    const subject = `Live ${Date.now()}`;
    await deliverViaSmtp("alice@example.test", subject);
    const row = page.getByRole("link", { name: new RegExp(`Unread, Test Sender: ${subject}`) });
    await expect(row).toBeVisible({ timeout: 8000 });
    await expect(folders.getByRole("link", { name: /^Inbox\s*1 unread$/ })).toBeVisible();

    const second = `${subject} (second)`;
    await deliverViaSmtp("alice@example.test", second);
    await expect(
      page.getByRole("link", { name: new RegExp(second.replace(/[()]/g, "\\$&")) }),
    ).toBeVisible({ timeout: 8000 });
    await expect(folders.getByRole("link", { name: /^Inbox\s*2 unread$/ })).toBeVisible();
    expect(navigations).toEqual([]);
  });
});
