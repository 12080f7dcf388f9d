import { createHash } from "node:crypto";
import fs from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { ImapClient } from "../lib/mail/imap/index.ts";
import { Pop3Client } from "../lib/mail/pop3/index.ts";
import { paths } from "../scripts/mailstack/stack.mjs";
import { deliverViaSmtp } from "./support/deliver-smtp.ts";
import { signIn } from "./support/login.ts";
import { deliverRaw, resetUser } from "./support/seed.ts";
import { mailstack, stackUser } from "./support/stack.ts";

const bob = stackUser("bob");

/** bob's mailbox as POP3 sees it, straight from the server. */
async function serverUids(): Promise<string[]> {
  const client = await Pop3Client.connect({
    host: mailstack.host,
    port: mailstack.ports.pop3,
    security: "starttls",
    tlsPolicy: { ca: fs.readFileSync(paths.certFile) },
    auth: { user: bob.login, password: bob.password },
  });
  try {
    return (await client.uidl()).map((m) => m.uid);
  } finally {
    await client.quit();
  }
}

async function addBobPop3(page: Page) {
  await page.goto("/settings/accounts");
  const form = page.getByRole("form", { name: "Add an account" });
  await form.getByLabel("Email address").fill(bob.login);
  await form.getByLabel("Password").fill(bob.password);
  await form.getByLabel("Protocol").selectOption("pop3");
  await form.getByLabel("POP3 security").selectOption("starttls");
  await form.getByLabel("POP3 port").fill(String(mailstack.ports.pop3));
  await form.getByRole("button", { name: "Test and add account" }).click();
  await expect(form.getByRole("status", { name: "Account test" })).toContainText(
    `${bob.login} was added`,
  );
}

function plainMessage(subject: string): Buffer {
  return Buffer.from(
    [
      "From: Dave Lister <dave@example.test>",
      `To: ${bob.login}`,
      `Subject: ${subject}`,
      `Message-ID: <${Date.now()}.plain@e2e.example.test>`,
      `Date: ${new Date().toUTCString().replace("GMT", "+0000")}`,
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "",
      "Hello Bob.",
      "",
    ].join("\r\n"),
  );
}

function attachmentMessage(subject: string, attachment: Buffer): Buffer {
  return Buffer.from(
    [
      "From: Carol Danvers <carol@example.test>",
      `To: ${bob.login}`,
      `Subject: ${subject}`,
      `Message-ID: <${Date.now()}.pop3@e2e.example.test>`,
      `Date: ${new Date().toUTCString().replace("GMT", "+0000")}`,
      "MIME-Version: 1.0",
      'Content-Type: multipart/mixed; boundary="b1"',
      "",
      "--b1",
      "Content-Type: text/plain; charset=utf-8",
      "",
      "The report is attached.",
      "--b1",
      'Content-Type: application/octet-stream; name="report.bin"',
      'Content-Disposition: attachment; filename="report.bin"',
      "Content-Transfer-Encoding: base64",
      "",
      attachment.toString("base64").replace(/.{76}/g, "$&\r\n"),
      "--b1--",
      "",
    ].join("\r\n"),
  );
}

test.describe("POP3 account next to IMAP", () => {
  test.beforeAll(() => {
    resetUser("alice@example.test");
    resetUser(bob.login);
  });

  test("bob's POP3 inbox beside alice's IMAP: arrival, attachment, local state, deletion, unified inbox", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await signIn(page, "alice");
    await addBobPop3(page);
    await page.goto("/mail");
    const folders = page.getByRole("navigation", { name: "Folders" });
    const bobSection = folders.getByRole("region", { name: bob.login });
    await expect(bobSection.getByRole("link", { name: /^Inbox/ })).toBeVisible();

    // Mail sent to bob appears in his POP3 inbox without a reload.
    await bobSection.getByRole("link", { name: /^Inbox/ }).click();
    await expect(page.getByRole("region", { name: /Messages in Inbox/ })).toBeVisible();
    const attachment = Buffer.from(Array.from({ length: 50_000 }, (_, i) => (i * 7) % 256));
    const subject = `POP3 report ${Date.now()}`;
    await deliverRaw(bob.login, "INBOX", attachmentMessage(subject, attachment));
    // No button, no reload: the open inbox is checked while it is watched.
    const row = page.getByRole("link", { name: `Unread, Carol Danvers: ${subject}` });
    await expect(row).toBeVisible({ timeout: 45_000 });

    // Open it; the attachment downloads byte-identical.
    await row.click();
    await expect(page.getByRole("heading", { name: subject })).toBeVisible();
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download report.bin" }).click();
    const file = await (await download).path();
    expect(createHash("sha256").update(fs.readFileSync(file!)).digest("hex")).toBe(
      createHash("sha256").update(attachment).digest("hex"),
    );

    // Mark unread, move to a local folder, reload: the state is kept.
    await page.getByRole("button", { name: "Mark as unread" }).click();
    await page.getByRole("button", { name: `New folder in ${bob.login}` }).click();
    await page
      .getByRole("dialog", { name: "New folder" })
      .getByLabel("Folder name")
      .fill("Reports");
    await page
      .getByRole("dialog", { name: "New folder" })
      .getByRole("button", { name: "Create" })
      .click();
    await expect(bobSection.getByRole("link", { name: /^Reports/ })).toBeVisible();
    await page.getByRole("checkbox", { name: `Select “${subject}” from Carol Danvers` }).check();
    await page.getByRole("button", { name: "Move to…" }).click();
    await page
      .getByRole("menu", { name: "Move to folder" })
      .getByRole("menuitem", { name: "Reports" })
      .click();
    await expect(page.getByRole("link", { name: new RegExp(subject) })).toHaveCount(0);
    await page.reload();
    await bobSection.getByRole("link", { name: /^Reports/ }).click();
    await expect(
      page.getByRole("link", { name: `Unread, Carol Danvers: ${subject}` }),
    ).toBeVisible();

    // The unified inbox shows both accounts' messages, newest first.
    const aliceSubject = `Alice IMAP ${Date.now()}`;
    await deliverViaSmtp("alice@example.test", aliceSubject);
    const bobSubject = `Bob POP3 ${Date.now()}`;
    await new Promise((r) => setTimeout(r, 1100));
    await deliverRaw(bob.login, "INBOX", plainMessage(bobSubject));
    await page.getByRole("button", { name: `Check ${bob.login} for new mail` }).click();
    await expect(page.getByRole("status", { name: "Notices" })).toContainText("1 new message");
    await folders.getByRole("link", { name: /^All inboxes/ }).click();
    const list = page.getByRole("region", { name: "Messages in All inboxes" });
    await expect(list.getByRole("link", { name: new RegExp(bobSubject) })).toBeVisible();
    await expect(list.getByRole("link", { name: new RegExp(aliceSubject) })).toBeVisible();
    const names = await list.getByRole("link").allTextContents();
    const bobIndex = names.findIndex((n) => n.includes(bobSubject));
    const aliceIndex = names.findIndex((n) => n.includes(aliceSubject));
    expect(bobIndex).toBeGreaterThanOrEqual(0);
    expect(aliceIndex).toBeGreaterThan(bobIndex);
  });

  test("deleting with 'delete from server when deleted here' removes it from the server for good", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await signIn(page, "alice");
    await page.goto("/settings/accounts");
    await page
      .getByRole("group", { name: `POP3 options for ${bob.login}` })
      .getByLabel("Delete from the server when deleted here")
      .check();
    await page
      .getByRole("group", { name: `POP3 options for ${bob.login}` })
      .getByRole("button", { name: "Save" })
      .click();
    await expect(
      page.getByRole("status", { name: `POP3 options saved for ${bob.login}` }),
    ).toBeVisible();

    const subject = `Delete me ${Date.now()}`;
    await deliverRaw(bob.login, "INBOX", plainMessage(subject));
    await page.goto("/mail");
    const bobSection = page
      .getByRole("navigation", { name: "Folders" })
      .getByRole("region", { name: bob.login });
    await bobSection.getByRole("link", { name: /^Inbox/ }).click();
    await expect(page.getByRole("region", { name: "Messages in Inbox" })).toBeVisible();
    await page.getByRole("button", { name: `Check ${bob.login} for new mail` }).click();
    await expect(page.getByRole("status", { name: "Notices" })).toContainText("1 new message");
    await page.getByRole("link", { name: new RegExp(subject) }).click();
    const before = await serverUids();
    await page
      .getByRole("toolbar", { name: "Message" })
      .getByRole("button", { name: "Delete" })
      .click();
    // Deleting returns to the folder; wait for that before going to Trash.
    await expect(page).toHaveURL(/\/INBOX$/);
    await expect(page.getByRole("status", { name: "Notices" })).toContainText("Moved to Trash.");
    await bobSection.getByRole("link", { name: /^Trash/ }).click();
    await expect(page.getByRole("region", { name: "Messages in Trash" })).toBeVisible();
    await page.getByRole("link", { name: new RegExp(subject) }).click();
    await page
      .getByRole("toolbar", { name: "Message" })
      .getByRole("button", { name: "Delete forever" })
      .click();
    await expect
      .poll(async () => (await serverUids()).length, { timeout: 20_000 })
      .toBe(before.length - 1);

    // A check later, the message does not come back.
    await bobSection.getByRole("link", { name: /^Inbox/ }).click();
    await page.getByRole("button", { name: `Check ${bob.login} for new mail` }).click();
    await expect(page.getByRole("status", { name: "Notices" })).toContainText(
      /No new mail|new message/,
    );
    await expect(page.getByRole("link", { name: new RegExp(subject) })).toHaveCount(0);
  });
});

test.describe("replying to POP3 mail", () => {
  test("a reply to a message in bob's POP3 inbox goes out from bob, and a copy stays in his Sent", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    resetUser("carol@example.test");
    await signIn(page, "alice");
    const bobSection = page
      .getByRole("navigation", { name: "Folders" })
      .getByRole("region", { name: bob.login });
    const subject = `Question for Bob ${Date.now()}`;
    await deliverRaw(
      bob.login,
      "INBOX",
      Buffer.from(
        [
          "From: Carol Danvers <carol@example.test>",
          `To: ${bob.login}`,
          `Subject: ${subject}`,
          `Message-ID: <${Date.now()}.question@e2e.example.test>`,
          `Date: ${new Date().toUTCString().replace("GMT", "+0000")}`,
          "Content-Type: text/plain; charset=utf-8",
          "",
          "Are you coming on Friday?",
          "",
        ].join("\r\n"),
      ),
    );
    await bobSection.getByRole("link", { name: /^Inbox/ }).click();
    await page.getByRole("button", { name: `Check ${bob.login} for new mail` }).click();
    await page.getByRole("link", { name: new RegExp(subject) }).click();
    await page.getByRole("link", { name: "Reply", exact: true }).click();
    const form = page.getByRole("form", { name: "Compose" });
    await expect(form.getByLabel("From")).toContainText(bob.login);
    await expect(form.getByRole("textbox", { name: "Subject" })).toHaveValue(`Re: ${subject}`);
    await form.getByRole("textbox", { name: "Message body" }).click();
    await page.keyboard.type("Yes, see you then.");
    await form.getByRole("button", { name: "Send", exact: true }).click();
    await expect(page.getByRole("status", { name: "Notices" })).toContainText("Message sent.");

    // carol receives it from bob, over IMAP, straight from the server.
    const carol = stackUser("carol");
    const client = await ImapClient.connect({
      host: mailstack.host,
      port: mailstack.ports.imap,
      security: "starttls",
      tlsPolicy: { ca: fs.readFileSync(paths.certFile) },
      auth: { user: carol.login, password: carol.password },
    });
    try {
      let header = "";
      await expect
        .poll(
          async () => {
            await client.select("INBOX");
            const uids = (await client.search({ subject: `Re: ${subject}` })).ids;
            if (uids.length === 0) return "";
            header = (await client.fetchSource(uids[0]!)).toString("latin1");
            return header;
          },
          { timeout: 15_000 },
        )
        .toContain(`Subject: Re: ${subject}`);
      expect(header).toMatch(new RegExp(`^From: .*<?${bob.login}>?`, "m"));
      expect(header).toContain("In-Reply-To:");
    } finally {
      await client.logout();
    }

    // bob's POP3 account keeps the sent copy in Letterbox's own Sent folder.
    await bobSection.getByRole("link", { name: /^Sent/ }).click();
    await expect(page.getByRole("link", { name: new RegExp(`Re: ${subject}`) })).toBeVisible();
  });
});
