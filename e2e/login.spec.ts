import { expect, test } from "@playwright/test";
import { mailstack, stackUser } from "./support/stack.ts";
import { tlsProxy } from "./support/tls-proxy.ts";

test.describe("sign in", () => {
  test("the right password reaches the mailbox list", async ({ page }) => {
    const alice = stackUser("alice");
    await page.goto("/");
    await expect(page).toHaveURL(/\/login$/);
    await page.getByLabel("Email address").fill(alice.login);
    await page.getByLabel("Password").fill(alice.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/mail/);
    const mailboxes = page.getByRole("navigation", { name: "Folders" });
    for (const name of ["Inbox", "Drafts", "Sent", "Trash"]) {
      await expect(mailboxes.getByText(name, { exact: true })).toBeVisible();
    }
  });

  test("a hostile but legal password works (PL1)", async ({ page }) => {
    const pl1 = stackUser("pl1");
    expect(pl1.password).toBe('p"w\\{2}');
    await page.goto("/login");
    await page.getByLabel("Email address").fill(pl1.login);
    await page.getByLabel("Password").fill(pl1.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("navigation", { name: "Folders" })).toBeVisible();
  });

  test("a wrong password says so, and keeps the address", async ({ page }) => {
    const alice = stackUser("alice");
    await page.goto("/login");
    await page.getByLabel("Email address").fill(alice.login);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert", { name: "Sign-in problem" })).toContainText(
      "did not accept this user name and password",
    );
    await expect(page.getByLabel("Email address")).toHaveValue(alice.login);
    await expect(page).toHaveURL(/\/login$/);
  });

  test("an unreachable server says it could not be reached", async ({ page }) => {
    const alice = stackUser("alice");
    await page.goto("/login");
    await page.getByLabel("Email address").fill(alice.login);
    await page.getByLabel("Password").fill(alice.password);
    await page.getByText("Server settings").click();
    await page.getByLabel("IMAP port").fill("1");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert", { name: "Sign-in problem" })).toContainText(
      "could not reach the IMAP server at 127.0.0.1:1",
    );
  });

  test("an untrusted certificate is refused, and can be trusted by its fingerprint", async ({
    page,
  }) => {
    const proxy = await tlsProxy(mailstack.ports.imap);
    try {
      const alice = stackUser("alice");
      await page.goto("/login");
      await page.getByLabel("Email address").fill(alice.login);
      await page.getByLabel("Password").fill(alice.password);
      await page.getByText("Server settings").click();
      await page.getByLabel("IMAP security").selectOption("tls");
      await page.getByLabel("IMAP port").fill(String(proxy.port));
      await page.getByRole("button", { name: "Sign in" }).click();
      const alert = page.getByRole("alert", { name: "Sign-in problem" });
      await expect(alert).toContainText("certificate is not trusted");
      await expect(alert).toContainText(proxy.fingerprint);
      // The password field is not echoed back by the server; the person types it again.
      await page.getByLabel("Password").fill(alice.password);
      await page.getByRole("button", { name: "Trust this certificate and sign in" }).click();
      await expect(page.getByRole("navigation", { name: "Folders" })).toBeVisible();
    } finally {
      await proxy.close();
    }
  });

  test("signing out ends the session: the old cookie opens nothing", async ({ page, browser }) => {
    const alice = stackUser("alice");
    await page.goto("/login");
    await page.getByLabel("Email address").fill(alice.login);
    await page.getByLabel("Password").fill(alice.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/mail/);
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === "lbx_session");
    expect(session?.httpOnly).toBe(true);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login$/);

    const replay = await browser.newContext();
    await replay.addCookies([session!]);
    const stolen = await replay.newPage();
    await stolen.goto("/mail");
    await expect(stolen).toHaveURL(/\/login$/);
    await replay.close();
  });
});
