/**
 * Reading mail end to end: the demo mailbox (scripts/demo, WELL_KNOWN messages) of our own stack
 * user (support/demo-mailbox.ts) in the
 * stack's Dovecot, the production build, Debian's Chromium. Every change made through the UI is
 * checked on the server too (doveadm, our IMAP client), and again after a reload. Remote content
 * is watched at the sink every host name resolves to (support/watched-browser.ts), so "nothing
 * left the app" holds even for requests Playwright's own events miss.
 */
import type { Locator, Page, Request } from "@playwright/test";
import { type DemoMessage, reader as me, READER, seedReaderDemo } from "./support/demo-mailbox.ts";
import { hostileInput } from "./support/hostile-corpus.ts";
import {
  folderLink,
  folderNav,
  mailboxUrl,
  messageFrame,
  messageFrameElement,
  messageList,
  openMessage,
  reader,
  rowItem,
  rowLink,
  rowLinks,
  signInToInbox,
  uidOfRow,
} from "./support/mail-pages.ts";
import {
  flagsOf,
  folderNames,
  messageCount,
  uidOf,
  uidsOf,
  withImap,
} from "./support/mail-state.ts";
import { frameDocumentFacts, isAppResource } from "./support/message-probe.ts";
import { base64PartNamed } from "./support/raw-parts.ts";
import { deliverRaw } from "./support/seed.ts";
import { slowServerActions, trackServerActions } from "./support/server-actions.ts";
import { expect, test } from "./support/watched-browser.ts";

let demo: DemoMessage[] = [];
let account = "";

/** The demo messages of a mailbox, newest (highest UID) first, as the list shows them. */
function newestFirst(mailbox: string) {
  return demo.filter((m) => m.mailbox === mailbox).reverse();
}

function demoMessage(id: string): DemoMessage {
  const found = demo.find((m) => m.id === id);
  if (!found) throw new Error(`no demo message ${id}`);
  return found;
}

function uidOfDemo(id: string): number {
  const m = demoMessage(id);
  return uidOf(me.login, m.mailbox, m.messageId);
}

// Every test changes the mailbox (flags, moves, folders): each starts from the demo set.
test.beforeEach(async ({ page }) => {
  demo = await seedReaderDemo();
  account = await signInToInbox(page, READER);
});

function notices(page: Page) {
  return page.getByRole("status", { name: "Notices" });
}

function selectedToolbar(page: Page) {
  return page.getByRole("toolbar", { name: "Selected messages" });
}

test.describe("reading", () => {
  test("sign in, then browse folders: the tree, unread counts, each folder's newest mail", async ({
    page,
  }) => {
    const nav = folderNav(page);
    const expected = ["Inbox", "Drafts", "Sent", "Archive", "Junk", "Trash"];
    const names = await nav.locator("li span.truncate").allTextContents();
    expect(names.slice(0, expected.length), "special folders first, in order").toEqual(expected);
    for (const name of ["Newsletters", "Receipts", "Travel", "Work", "Projects"]) {
      expect(names).toContain(name);
    }
    expect(names.indexOf("Projects"), "Work/Projects under Work").toBe(names.indexOf("Work") + 1);
    await expect(folderLink(page, "Inbox")).toHaveAttribute("aria-current", "page");
    const unread = newestFirst("INBOX").filter((m) => !m.flags.includes("\\Seen")).length;
    expect(unread).toBeGreaterThan(0);
    await expect(folderLink(page, "Inbox")).toContainText(`${unread} unread`);
    await expect(rowLink(page, 0)).toContainText(newestFirst("INBOX")[0]?.subject ?? "?");

    for (const [name, path] of [
      ["Newsletters", "Newsletters"],
      ["Projects", "Work/Projects"],
      ["Drafts", "Drafts"],
    ] as const) {
      await folderLink(page, name).click();
      await expect(page).toHaveURL(new RegExp(`${mailboxUrl(account, path)}$`));
      await expect(folderLink(page, name)).toHaveAttribute("aria-current", "page");
      await expect(page.getByRole("region", { name: `Messages in ${name}` })).toBeVisible();
      const newest = newestFirst(path);
      await expect(rowLink(page, 0)).toContainText(newest[0]?.subject ?? "?");
      // The list holds every message of the folder (rows beyond the screen are virtual).
      const height = await messageList(page).evaluate((el) => el.getBoundingClientRect().height);
      expect(Math.round(height / 76), `${path}: rows in the list`).toBe(newest.length);
    }
  });

  test("a multipart/alternative message reads in HTML and in plain text", async ({ page }) => {
    const newsletter = demoMessage("newsletter-morningbyte-1");
    await openMessage(page, account, "INBOX", uidOfDemo(newsletter.id));
    await expect(reader(page).getByRole("heading", { level: 1 })).toHaveText(newsletter.subject);
    const formats = page.getByRole("navigation", { name: "Message format" });
    await expect(formats.getByRole("link", { name: "HTML" })).toHaveAttribute(
      "aria-current",
      "true",
    );
    const frame = messageFrame(page);
    await expect(frame.getByText("Data centres that heat swimming pools").first()).toBeVisible();
    await expect(messageFrameElement(page)).toHaveAttribute(
      "title",
      `Message: ${newsletter.subject}`,
    );

    await formats.getByRole("link", { name: "Plain text" }).click();
    await expect(page).toHaveURL(/[?&]view=plain/);
    await expect(formats.getByRole("link", { name: "Plain text" })).toHaveAttribute(
      "aria-current",
      "true",
    );
    await expect(messageFrameElement(page)).toHaveCount(0);
    await expect(reader(page)).toContainText(/THE MORNING BYTE · Issue #\d+/);
    // The plain part's URLs became links, opening outside the app.
    const link = reader(page)
      .getByRole("link", { name: /morningbyte\.example\.com\/r\// })
      .first();
    await expect(link).toHaveAttribute("target", "_blank");
    await expect(link).toHaveAttribute("rel", /noopener/);

    await formats.getByRole("link", { name: "HTML" }).click();
    await expect(page).toHaveURL(/[?&]view=html/);
    await expect(frame.getByText("Data centres that heat swimming pools").first()).toBeVisible();
  });

  test("remote images: no request leaves the app until “Load remote content”, then only through the proxy", async ({
    page,
    sink,
    baseURL,
  }) => {
    const origin = baseURL ?? "";
    // Every request the page makes, from any frame Playwright can see…
    const requests: string[] = [];
    const record = (request: Request) => {
      requests.push(request.url());
    };
    page.context().on("request", record);
    await page.context().route("**/*", (route) => route.continue());
    // …and, as ground truth, what reached the sink every other host name resolves to.
    await sink.settle();
    sink.clear();
    const outside = () =>
      requests.filter((url) => !url.startsWith(`${origin}/`) && !/^(data|blob|about):/.test(url));
    const newsletter = demoMessage("newsletter-morningbyte-1");
    await openMessage(page, account, "INBOX", uidOfDemo(newsletter.id));
    const bar = page.getByRole("region", { name: "Remote content" });
    await expect(bar).toContainText(/\d+ remote items? blocked/);
    await expect(bar).toContainText("images.example.com");
    await expect(
      messageFrame(page).getByText("Data centres that heat swimming pools").first(),
    ).toBeVisible();
    const before = await frameDocumentFacts(page);
    expect(before.resources.filter((url) => !isAppResource(url, origin))).toEqual([]);
    await page.mouse.wheel(0, 5_000);
    await page.waitForTimeout(2_500);
    await sink.settle();
    expect(sink.hitsUnder("example.com"), "requests reaching the sink before consent").toEqual([]);
    expect(outside(), "requests leaving the app before consent").toEqual([]);

    await bar.getByRole("link", { name: "Load remote content" }).click();
    await expect(page).toHaveURL(/[?&]remote=1/);
    await expect(bar).toHaveCount(0);
    const after = await frameDocumentFacts(page);
    const proxied = after.resources.filter((url) => url.includes("/api/image-proxy?"));
    expect(proxied.length, "remote images now come through the app's proxy").toBeGreaterThan(0);
    expect(proxied.map((url) => new URL(url, origin).searchParams.get("url"))).toContain(
      "https://images.example.com/morningbyte/header-2025.png",
    );
    expect(after.resources.filter((url) => !isAppResource(url, origin))).toEqual([]);
    await page.mouse.wheel(0, 5_000);
    await page.waitForTimeout(2_500);
    await sink.settle();
    expect(sink.hitsUnder("example.com"), "direct requests after consent").toEqual([]);
    expect(outside(), "requests leaving the app after consent").toEqual([]);
    // The proxy answers for the image (it cannot reach the internet here, so not with it).
    const response = await page.request.get(new URL(proxied[0] ?? "", origin).toString());
    expect(response.status()).not.toBe(403);
    page.context().off("request", record);
  });

  test("“Always for” a sender loads its remote content, but not for a message only claiming to be theirs", async ({
    page,
  }) => {
    const sender = "hello@morningbyte.example.com";
    const forgedId = "<forged-morningbyte@attacker.example>";
    // Same From, no Authentication-Results: nothing vouches that it comes from morningbyte.
    await deliverRaw(
      me.login,
      "INBOX",
      `From: MorningByte <${sender}>\r\nTo: ${me.login}\r\nSubject: Your account needs attention\r\n` +
        `Message-ID: ${forgedId}\r\nDate: Mon, 23 Nov 2026 08:00:00 +0000\r\nMIME-Version: 1.0\r\n` +
        `Content-Type: text/html; charset=utf-8\r\n\r\n<p>Forged issue</p>` +
        `<img src="https://images.example.com/morningbyte/track.gif?u=reader" width="1" height="1">\r\n`,
    );
    const bar = page.getByRole("region", { name: "Remote content" });
    const proxied = async () =>
      (await frameDocumentFacts(page)).resources.filter((url) => url.includes("/api/image-proxy?"));
    await openMessage(page, account, "INBOX", uidOfDemo("newsletter-morningbyte-1"));
    try {
      await bar.getByRole("button", { name: `Always for ${sender}` }).click();
      await expect(bar).toHaveCount(0);
      await expect(
        messageFrame(page).getByText("Data centres that heat swimming pools").first(),
      ).toBeVisible();
      expect((await proxied()).length).toBeGreaterThan(0);

      await openMessage(page, account, "INBOX", uidOf(me.login, "INBOX", forgedId));
      await expect(messageFrame(page).getByText("Forged issue")).toBeVisible();
      await expect(bar).toContainText(
        `You always load remote content from ${sender}, but your mail server did not confirm that this message comes from them`,
      );
      await expect(bar.getByRole("button", { name: /^Always for/ })).toHaveCount(0);
      expect(await proxied()).toEqual([]);
    } finally {
      // Settings lists the sender, and forgetting it blocks its mail again.
      await page.goto("/settings");
      await page
        .getByRole("list", { name: "Senders whose remote content loads" })
        .getByRole("button", { name: `Stop loading remote content from ${sender}` })
        .click();
      await expect(page.getByText("No senders yet")).toBeVisible();
    }
    await openMessage(page, account, "INBOX", uidOfDemo("newsletter-morningbyte-1"));
    await expect(bar).toContainText(/\d+ remote items? blocked/);
    expect(await proxied()).toEqual([]);
  });

  test("an attachment downloads byte for byte; the image previews", async ({ page }) => {
    const message = demoMessage("attachments-png-pdf");
    await openMessage(page, account, "INBOX", uidOfDemo(message.id));
    const files = page.getByRole("region", { name: "Attachments" });
    await expect(files.getByRole("heading")).toHaveText("2 attachments");
    for (const name of ["weekly-active-users.png", "Q3-summary-report.pdf"]) {
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        files.getByRole("link", { name: `Download ${name}` }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(name);
      const path = await download.path();
      const fs = await import("node:fs");
      const got = fs.readFileSync(path);
      const want = base64PartNamed(message.bytes, name);
      expect(want.length).toBeGreaterThan(100);
      expect(got.length, `${name}: size`).toBe(want.length);
      expect(got.equals(want), `${name}: bytes`).toBe(true);
    }
    const preview = files.locator("img").first();
    await preview.scrollIntoViewIfNeeded();
    await expect
      .poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);
  });

  test("an attached message (message/rfc822) opens in the reader and back", async ({ page }) => {
    const forwarded = demoMessage("forwarded-rfc822");
    await openMessage(page, account, "INBOX", uidOfDemo(forwarded.id));
    await expect(reader(page).getByRole("heading", { level: 1 })).toHaveText(forwarded.subject);
    const open = page
      .getByRole("region", { name: "Attachments" })
      .getByRole("link", { name: /^Open attached message .*TR-4471/ });
    await open.click();
    await expect(page).toHaveURL(/[?&]part=\d+(\.\d+)*/);
    const heading = reader(page).getByRole("heading", { level: 1 });
    await expect(heading).toHaveText("Offsite venue confirmation - booking TR-4471");
    await expect(reader(page).locator("header")).toContainText("events@tearoom.example.com");
    await expect(reader(page)).toContainText("Dear Mr Builder");
    await expect(reader(page)).toContainText("An attached message.");
    // Its own attachment is offered from inside the attached message.
    await expect(
      page.getByRole("region", { name: "Attachments" }).getByRole("link", { name: /^Download / }),
    ).not.toHaveCount(0);
    await reader(page).getByRole("link", { name: "Back to the message it came with" }).click();
    await expect(heading).toHaveText(forwarded.subject);
    await expect(page).not.toHaveURL(/part=/);
  });

  test("flags, read state and moves survive a reload and are on the server", async ({ page }) => {
    const first = rowLink(page, 0);
    const firstUid = await uidOfRow(first);
    const firstItem = rowItem(first);
    await firstItem.getByRole("button", { name: "Flag" }).click();
    await expect(firstItem.getByRole("button", { name: "Unflag" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    await expect.poll(() => flagsOf(me.login, "INBOX", firstUid)).toContain("\\Flagged");

    // Opening a message reads it; the reader's "Mark as unread" undoes that.
    const second = rowLink(page, 1);
    const secondUid = await uidOfRow(second);
    await second.click();
    await expect(reader(page)).toBeVisible();
    await expect.poll(() => flagsOf(me.login, "INBOX", secondUid)).toContain("\\Seen");
    await page
      .getByRole("toolbar", { name: "Message" })
      .getByRole("button", { name: "Mark as unread" })
      .click();
    await expect(page).toHaveURL(new RegExp(`${mailboxUrl(account, "INBOX")}$`));
    await expect.poll(() => flagsOf(me.login, "INBOX", secondUid)).not.toContain("\\Seen");

    // Archive from the reader.
    const report = demoMessage("attachments-png-pdf");
    await openMessage(page, account, "INBOX", uidOfDemo(report.id));
    await page
      .getByRole("toolbar", { name: "Message" })
      .getByRole("button", { name: "Archive" })
      .click();
    await expect(notices(page)).toContainText("Moved to Archive.");
    await expect.poll(() => uidsOf(me.login, "INBOX", report.messageId).length).toBe(0);
    expect(uidsOf(me.login, "Archive", report.messageId)).toHaveLength(1);

    await page.reload();
    await expect(rowItem(rowLink(page, 0)).getByRole("button", { name: "Unflag" })).toBeVisible();
    expect(await uidOfRow(rowLink(page, 0))).toBe(firstUid);
    await expect(rowLink(page, 1)).toHaveAttribute("aria-label", /^Unread, /);
    await expect(messageList(page)).not.toContainText(report.subject);
    await folderLink(page, "Archive").click();
    await expect(rowLink(page, 0)).toContainText(report.subject);
    await page.reload();
    await expect(rowLink(page, 0)).toContainText(report.subject);
  });

  test("keyboard: j/k move, Enter opens, u s e # Delete act, / searches, ? helps", async ({
    page,
  }) => {
    const uids = await Promise.all([0, 1, 2, 3, 4].map((i) => uidOfRow(rowLink(page, i))));
    const [u0, u1, u2, u3] = uids as [number, number, number, number, number];
    const subjects = await Promise.all(
      [0, 1, 2].map(
        async (i) => (await rowLink(page, i).locator("span.block").textContent()) ?? "",
      ),
    );
    const heading = reader(page).getByRole("heading", { level: 1 });
    // Each key is pressed once the screen shows the previous one's effect and the app is idle
    // (see the next test for a key pressed while it is not).
    const actions = trackServerActions(page);
    const showing = async (uid: number, subject: string) => {
      await expect(page).toHaveURL(new RegExp(`/INBOX/${uid}$`));
      await expect(heading).toHaveText(subject);
      await actions.idle();
    };
    await page.keyboard.press("j");
    await expect(rowLink(page, 1)).toBeFocused();
    await page.keyboard.press("j");
    await expect(rowLink(page, 2)).toBeFocused();
    await page.keyboard.press("k");
    await expect(rowLink(page, 1)).toBeFocused();
    await page.keyboard.press("Enter");
    await showing(u1, subjects[1] ?? "");
    // With the reader open, j and k open the next and previous message.
    await page.keyboard.press("j");
    await showing(u2, subjects[2] ?? "");
    await page.keyboard.press("k");
    await showing(u1, subjects[1] ?? "");
    await expect.poll(() => flagsOf(me.login, "INBOX", u1)).toContain("\\Seen");

    const row1 = rowItem(rowLink(page, 1));
    await page.keyboard.press("u");
    await expect.poll(() => flagsOf(me.login, "INBOX", u1)).not.toContain("\\Seen");
    await expect(rowLink(page, 1)).toHaveAttribute("aria-label", /^Unread, /);
    await actions.idle();
    await page.keyboard.press("u");
    await expect.poll(() => flagsOf(me.login, "INBOX", u1)).toContain("\\Seen");
    await expect(rowLink(page, 1)).not.toHaveAttribute("aria-label", /^Unread, /);
    await actions.idle();
    await page.keyboard.press("s");
    await expect.poll(() => flagsOf(me.login, "INBOX", u1)).toContain("\\Flagged");
    await expect(row1.getByRole("button", { name: "Unflag" })).toBeVisible();
    await actions.idle();
    await page.keyboard.press("s");
    await expect.poll(() => flagsOf(me.login, "INBOX", u1)).not.toContain("\\Flagged");
    await expect(row1.getByRole("button", { name: "Flag", exact: true })).toBeVisible();

    // Rows are the INBOX newest first, as delivered: the demo set says which message each is.
    const [, id1, id2, id3] = newestFirst("INBOX").map((m) => m.messageId);
    expect(uidsOf(me.login, "INBOX", id1 ?? "")).toEqual([u1]);
    expect(uidsOf(me.login, "INBOX", id3 ?? "")).toEqual([u3]);
    expect(id1 && id2 && id3).toBeTruthy();

    await actions.idle();
    await page.keyboard.press("e");
    await expect(notices(page)).toContainText("1 message moved to Archive.");
    await expect.poll(() => uidsOf(me.login, "Archive", id1 ?? "").length).toBe(1);
    expect(uidsOf(me.login, "INBOX", id1 ?? "")).toEqual([]);
    await expect(page).toHaveURL(new RegExp(`${mailboxUrl(account, "INBOX")}$`));
    // The cursor stays on row 1, which is now the message that was below.
    await expect.poll(() => uidOfRow(rowLink(page, 1))).toBe(u2);
    await actions.idle();
    await page.keyboard.press("#");
    await expect(notices(page)).toContainText("1 message moved to Trash.");
    await expect.poll(() => uidsOf(me.login, "Trash", id2 ?? "").length).toBe(1);
    await expect.poll(() => uidOfRow(rowLink(page, 1))).toBe(u3);
    await actions.idle();
    await page.keyboard.press("Delete");
    await expect.poll(() => uidsOf(me.login, "Trash", id3 ?? "").length).toBe(1);
    expect(uidsOf(me.login, "INBOX", id3 ?? "")).toEqual([]);
    expect(await uidOfRow(rowLink(page, 0))).toBe(u0);

    await page.keyboard.press("/");
    await expect(page.getByRole("searchbox", { name: "Search in Inbox" })).toBeFocused();
    // Typing in the search box is typing, not shortcuts.
    await page.keyboard.type("jk");
    await expect(page.getByRole("searchbox", { name: "Search in Inbox" })).toHaveValue("jk");
    await page.getByRole("searchbox", { name: "Search in Inbox" }).fill("");
    await page.getByRole("searchbox", { name: "Search in Inbox" }).blur();
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(help).toBeVisible();
    await expect(help).toContainText("Archive");
    await page.keyboard.press("Escape");
    await expect(help).toBeHidden();
  });

  test("j in the reader is not undone by a server action that was still running", async ({
    page,
  }) => {
    // Opening an unread message tells the folder pane to reload its counts (a server action).
    // On a slow link that action is still running when the person presses j; the message j
    // opened must stay open when the action completes.
    const uids = await Promise.all([0, 1].map((i) => uidOfRow(rowLink(page, i))));
    const subjects = await Promise.all(
      [0, 1].map(async (i) => (await rowLink(page, i).locator("span.block").textContent()) ?? ""),
    );
    expect(await rowLink(page, 0).getAttribute("aria-label")).toMatch(/^Unread, /);
    await slowServerActions(page, 2_000);
    const actions = trackServerActions(page);
    await rowLink(page, 0).click();
    const heading = reader(page).getByRole("heading", { level: 1 });
    await expect(heading).toHaveText(subjects[0] ?? "");
    await expect.poll(() => actions.pending()).toBeGreaterThan(0);
    await page.keyboard.press("j");
    await expect(page).toHaveURL(new RegExp(`/INBOX/${uids[1]}$`));
    await actions.idle();
    await page.waitForTimeout(500);
    await expect(page).toHaveURL(new RegExp(`/INBOX/${uids[1]}$`));
    await expect(heading).toHaveText(subjects[1] ?? "");
  });

  test("j pressed while the list reloads still opens the next message", async ({ page }) => {
    // "u" marks the open message unread; the list then reloads its rows from the server. A
    // person who presses j meanwhile expects the next message, not a key that did nothing.
    const uids = await Promise.all([0, 1, 2].map((i) => uidOfRow(rowLink(page, i))));
    const actions = trackServerActions(page);
    await rowLink(page, 1).click();
    await expect(page).toHaveURL(new RegExp(`/INBOX/${uids[1]}$`));
    await expect(reader(page)).toBeVisible();
    await actions.idle();
    await slowServerActions(page, 1_500);
    await page.keyboard.press("u");
    // The list reloads its rows from the server (slowed down here); j must not wait for it.
    await page.keyboard.press("j");
    await expect(page).toHaveURL(new RegExp(`/INBOX/${uids[2]}$`));
  });

  test("select many: checkbox, shift-click, select all in folder, then act", async ({ page }) => {
    const toolbar = selectedToolbar(page);
    const uids = await Promise.all([0, 1, 2, 3].map((i) => uidOfRow(rowLink(page, i))));
    await rowItem(rowLink(page, 0)).getByRole("checkbox").click();
    await expect(toolbar).toContainText("1 selected");
    await rowItem(rowLink(page, 3))
      .getByRole("checkbox")
      .click({ modifiers: ["Shift"] });
    await expect(toolbar).toContainText("4 selected");
    for (const i of [0, 1, 2, 3]) {
      await expect(rowItem(rowLink(page, i)).getByRole("checkbox")).toBeChecked();
    }
    await expect(rowItem(rowLink(page, 4)).getByRole("checkbox")).not.toBeChecked();
    await toolbar.getByRole("button", { name: "Flag", exact: true }).click();
    for (const uid of uids) {
      await expect.poll(() => flagsOf(me.login, "INBOX", uid)).toContain("\\Flagged");
    }
    const travelBefore = messageCount(me.login, "Travel");
    const inboxBefore = messageCount(me.login, "INBOX");
    await toolbar.getByRole("button", { name: "Move to…" }).click();
    await page
      .getByRole("menu", { name: "Move to folder" })
      .getByRole("menuitem", {
        name: "Travel",
      })
      .click();
    await expect(notices(page)).toContainText("4 messages moved to Travel.");
    await expect.poll(() => messageCount(me.login, "Travel")).toBe(travelBefore + 4);
    expect(messageCount(me.login, "INBOX")).toBe(inboxBefore - 4);
    await expect(toolbar).not.toContainText("selected");
    for (const uid of uids) {
      await expect(messageList(page).locator(`a[href$="/INBOX/${uid}"]`)).toHaveCount(0);
    }

    // Select all in a folder larger than the screen, then mark it all read.
    await folderLink(page, "Newsletters").click();
    await expect(page.getByRole("region", { name: "Messages in Newsletters" })).toBeVisible();
    const total = newestFirst("Newsletters").length;
    // Make some unread first, so "mark as read" has something to do.
    await withImap(READER, async (client) => {
      await client.select("Newsletters");
      await client.removeFlags("1:*", ["\\Seen"]);
    });
    await page.reload();
    await expect(rowLink(page, 0)).toHaveAttribute("aria-label", /^Unread, /);
    await toolbar.getByRole("checkbox", { name: "Select all messages on screen" }).check();
    const onScreen = Number(/(\d+) selected/.exec((await toolbar.textContent()) ?? "")?.[1]);
    expect(onScreen).toBeGreaterThan(0);
    expect(onScreen).toBeLessThan(total);
    await toolbar.getByRole("button", { name: `Select all ${total} in folder` }).click();
    await expect(toolbar).toContainText(`All ${total} selected`);
    await toolbar.getByRole("button", { name: "Mark as read" }).click();
    await expect
      .poll(async () =>
        withImap(READER, async (client) => {
          await client.select("Newsletters");
          return (await client.search({ seen: false })).ids.length;
        }),
      )
      .toBe(0);
    await page.reload();
    await expect(rowLink(page, 0)).not.toHaveAttribute("aria-label", /^Unread, /);
    await expect(folderLink(page, "Newsletters")).not.toContainText("unread");
  });

  test("drag a message onto a folder moves it", async ({ page }) => {
    const row = rowLink(page, 2);
    const uid = await uidOfRow(row);
    const subject = (await row.locator("span.block").textContent()) ?? "";
    const workBefore = messageCount(me.login, "Work");
    await rowItem(row).dragTo(folderLink(page, "Work"));
    await expect(notices(page)).toContainText("1 message moved to Work.");
    await expect.poll(() => messageCount(me.login, "Work")).toBe(workBefore + 1);
    await expect(messageList(page).locator(`a[href$="/INBOX/${uid}"]`)).toHaveCount(0);
    await folderLink(page, "Work").click();
    await expect(rowLink(page, 0)).toContainText(subject);
  });

  test("a bounce shows a per-recipient delivery status card", async ({ page }) => {
    await openMessage(page, account, "INBOX", uidOfDemo("bounce-failed"));
    const card = page.getByRole("region", { name: "Delivery report" });
    await expect(card.getByRole("heading")).toContainText("mx.example.test");
    const recipients = card.getByRole("listitem");
    await expect(recipients).toHaveCount(1);
    await expect(recipients.first()).toContainText("edit.n@mail.example.com");
    await expect(recipients.first()).toContainText("Could not be delivered");
    await expect(recipients.first()).toContainText("5.1.1");
    await expect(recipients.first()).toContainText(
      "Recipient address rejected: User unknown in virtual mailbox table",
    );
    await expect(recipients.first()).toContainText("mx.mail.example.com");

    await openMessage(page, account, "INBOX", uidOfDemo("bounce-delayed"));
    await expect(card.getByRole("listitem").first()).toContainText("hendrik@wingtip.example.com");
    await expect(card.getByRole("listitem").first()).toContainText("Delayed, still trying");
    await expect(card.getByRole("listitem").first()).toContainText("4.4.1");
  });
});

test.describe("folders", () => {
  /** A folder's entry in the pane, by its full path (leaf names can repeat: Projects). */
  function folderItem(page: Page, path: string) {
    return folderNav(page)
      .getByRole("listitem")
      .filter({ has: page.locator(`a[href="${mailboxUrl(account, path)}"]`) });
  }

  async function createFolder(page: Page, name: string, parentPath?: string) {
    if (parentPath) {
      const item = folderItem(page, parentPath);
      await item.getByRole("button", { name: /^Actions for folder / }).click();
      await item.getByRole("menu").getByRole("menuitem", { name: "New subfolder" }).click();
    } else {
      await folderNav(page)
        .getByRole("button", { name: `New folder in ${me.login}` })
        .click();
    }
    const dialog = page.getByRole("dialog", { name: "New folder" });
    await dialog.getByRole("textbox", { name: "Folder name" }).fill(name);
    const typed = await dialog.getByRole("textbox", { name: "Folder name" }).inputValue();
    await dialog.getByRole("button", { name: "Create" }).click();
    return { dialog, typed };
  }

  /** "closed" when the dialog did what it was asked, else the problem it shows. */
  async function dialogOutcome(dialog: Locator): Promise<string> {
    const problem = dialog.getByRole("alert", { name: "Folder problem" });
    let outcome = "";
    await expect
      .poll(async () => {
        if (await problem.count()) outcome = `refused: ${await problem.textContent()}`;
        else if (!(await dialog.isVisible())) outcome = "closed";
        return outcome;
      })
      .not.toBe("");
    return outcome;
  }

  async function folderMenu(page: Page, name: string, item: "Rename" | "Delete") {
    await folderNav(page)
      .getByRole("button", { name: `Actions for folder ${name}` })
      .click();
    await page
      .getByRole("menu", { name: `Folder ${name}` })
      .getByRole("menuitem", { name: item })
      .click();
  }

  test("create, rename and delete a folder", async ({ page }) => {
    await createFolder(page, "Reading list");
    await expect(folderLink(page, "Reading list")).toBeVisible();
    await expect.poll(() => folderNames(READER)).toContain("Reading list");

    await folderMenu(page, "Reading list", "Rename");
    const rename = page.getByRole("dialog", { name: "Rename Reading list" });
    await expect(rename.getByRole("textbox", { name: "New name" })).toHaveValue("Reading list");
    await rename.getByRole("textbox", { name: "New name" }).fill("Reading 2026");
    await rename.getByRole("button", { name: "Rename" }).click();
    await expect(folderLink(page, "Reading 2026")).toBeVisible();
    await expect(folderLink(page, "Reading list")).toHaveCount(0);
    const names = await folderNames(READER);
    expect(names).toContain("Reading 2026");
    expect(names).not.toContain("Reading list");

    await folderMenu(page, "Reading 2026", "Delete");
    const confirm = page.getByRole("dialog", { name: "Delete Reading 2026?" });
    await confirm.getByRole("button", { name: "Delete folder" }).click();
    await expect(folderLink(page, "Reading 2026")).toHaveCount(0);
    expect(await folderNames(READER)).not.toContain("Reading 2026");
    await page.reload();
    await expect(folderLink(page, "Reading 2026")).toHaveCount(0);
  });

  test("PF1 (CRLF injection in a folder name) is rejected or created literally", async ({
    page,
  }) => {
    const pf1 = hostileInput("PF1").value;
    const before = await folderNames(READER);
    const counts = {
      INBOX: messageCount(me.login, "INBOX"),
      Sent: messageCount(me.login, "Sent"),
    };
    const { dialog, typed } = await createFolder(page, pf1);
    const refused = dialog.getByRole("alert", { name: "Folder problem" });
    const outcome = await dialogOutcome(dialog);
    test.info().annotations.push({ type: "PF1", description: outcome });
    const after = await folderNames(READER);
    const added = after.filter((n) => !before.includes(n));
    if (await refused.count()) {
      await expect(refused).not.toBeEmpty();
      expect(added, "a refused name created nothing").toEqual([]);
    } else {
      // Created: exactly one folder, named exactly what the field held.
      expect(added).toEqual([typed]);
      await expect(folderNav(page).getByText(typed, { exact: true })).toBeVisible();
    }
    expect(after.filter((n) => !added.includes(n)).sort()).toEqual([...before].sort());
    // Nothing was expunged or moved by a smuggled command.
    expect(messageCount(me.login, "INBOX")).toBe(counts.INBOX);
    expect(messageCount(me.login, "Sent")).toBe(counts.Sent);
    // The connection is still good: the folder pane and a folder still load.
    await page.reload();
    await folderLink(page, "Sent").click();
    await expect(rowLink(page, 0)).toBeVisible();
  });

  test("PF2 typed as a new folder name round-trips exactly", async ({ page }) => {
    const pf2 = hostileInput("PF2").value;
    const { dialog } = await createFolder(page, pf2);
    expect(await dialogOutcome(dialog), "the New folder dialog").toBe("closed");
    await expect.poll(() => folderNames(READER)).toContain(pf2);
    const leaf = pf2.split("/").at(-1) ?? pf2;
    await expect(folderLink(page, leaf)).toBeVisible();
  });

  test("PF2 (quotes, &, non-ASCII) as a subfolder round-trips exactly: create, open, rename, delete", async ({
    page,
  }) => {
    const pf2 = hostileInput("PF2").value;
    const [parent = "", leaf = ""] = pf2.split("/");
    expect(await dialogOutcome((await createFolder(page, parent)).dialog)).toBe("closed");
    await expect(folderItem(page, parent)).toBeVisible();
    expect(await dialogOutcome((await createFolder(page, leaf, parent)).dialog)).toBe("closed");
    await expect(folderItem(page, pf2)).toBeVisible();
    await expect(folderLink(page, leaf)).toBeVisible();
    await expect
      .poll(async () => JSON.stringify(await folderNames(READER)))
      .toContain(JSON.stringify(pf2));

    // Mail put there on the server shows under that exact name.
    await deliverRaw(
      me.login,
      pf2,
      `From: Bob <bob@example.test>\r\nTo: ${me.login}\r\nSubject: Q1 figures\r\n` +
        "Message-ID: <pf2-figures@example.test>\r\nDate: Sat, 21 Nov 2026 09:00:00 +0000\r\n\r\nQ1.\r\n",
    );
    await folderLink(page, leaf).click();
    await expect(page).toHaveURL(
      new RegExp(`${mailboxUrl(account, pf2).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`),
    );
    await expect(page.getByRole("region", { name: `Messages in ${leaf}` })).toBeVisible();
    await expect(rowLink(page, 0)).toContainText("Q1 figures");

    const renamed = leaf.replace("Q1", "Q2");
    // A nested folder is named by its path, so "Projects" here and a top-level one never clash.
    await folderMenu(page, pf2, "Rename");
    const dialog = page.getByRole("dialog", { name: `Rename ${leaf}` });
    await expect(dialog.getByRole("textbox", { name: "New name" })).toHaveValue(leaf);
    await dialog.getByRole("textbox", { name: "New name" }).fill(renamed);
    await dialog.getByRole("button", { name: "Rename" }).click();
    await expect(folderLink(page, renamed)).toBeVisible();
    const names = await folderNames(READER);
    expect(names).toContain(`${parent}/${renamed}`);
    expect(names).not.toContain(pf2);
    expect(uidsOf(me.login, `${parent}/${renamed}`, "<pf2-figures@example.test>")).toHaveLength(1);

    await folderMenu(page, `${parent}/${renamed}`, "Delete");
    await page
      .getByRole("dialog", { name: `Delete ${renamed}?` })
      .getByRole("button", {
        name: "Delete folder",
      })
      .click();
    await expect(folderLink(page, renamed)).toHaveCount(0);
    expect(await folderNames(READER)).not.toContain(`${parent}/${renamed}`);
  });

  test("PF3: a server-returned folder name with markup is rendered as text", async ({
    page,
    tripwire,
  }) => {
    const pf3 = hostileInput("PF3").value;
    await withImap(READER, async (client) => {
      await client.createMailbox(pf3);
      await client.subscribe(pf3);
    });
    await page.reload();
    const link = folderLink(page, pf3);
    await expect(link).toBeVisible();
    await expect(folderNav(page).locator("svg[onload]")).toHaveCount(0);
    await link.click();
    const region = page.getByRole("region", { name: `Messages in ${pf3}` });
    await expect(region).toBeVisible();
    await expect(region).toContainText(`${pf3} is empty.`);
    await expect(page.getByRole("searchbox", { name: `Search in ${pf3}` })).toBeVisible();
    await folderMenu(page, pf3, "Rename");
    const dialog = page.getByRole("dialog", { name: `Rename ${pf3}` });
    await expect(dialog.getByRole("heading")).toHaveText(`Rename ${pf3}`);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(page.locator("svg[onload]")).toHaveCount(0);
    await page.waitForTimeout(1_000);
    tripwire.expectNoScript("PF3");

    await folderMenu(page, pf3, "Delete");
    await page
      .getByRole("dialog", { name: `Delete ${pf3}?` })
      .getByRole("button", {
        name: "Delete folder",
      })
      .click();
    await expect(link).toHaveCount(0);
    expect(await folderNames(READER)).not.toContain(pf3);
  });
});

test.describe("search", () => {
  const planted = {
    ps1: 'Quote test foo") OR (ALL here',
    // A text field drops or blanks the line break: both spellings are planted.
    ps2: "Umlaut ööööA5 LOGOUT and öööö A5 LOGOUT report",
  };

  test.beforeEach(async () => {
    const message = (subject: string, id: string, body: string) =>
      `From: Bob <bob@example.test>\r\nTo: ${me.login}\r\nSubject: =?UTF-8?B?${Buffer.from(subject).toString("base64")}?=\r\n` +
      `Message-ID: <${id}@example.test>\r\nDate: Sat, 21 Nov 2026 09:00:00 +0000\r\n` +
      `MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${body}\r\n`;
    await deliverRaw(me.login, "INBOX", message(planted.ps1, "planted-ps1", "quotes"));
    await deliverRaw(me.login, "INBOX", message(planted.ps2, "planted-ps2", "öööö\r\nA5 LOGOUT"));
  });

  function searchBox(page: Page) {
    return page.getByRole("searchbox", { name: "Search in Inbox" });
  }

  async function search(page: Page, text: string) {
    await searchBox(page).fill(text);
    await searchBox(page).press("Enter");
    await expect(page).toHaveURL(/[?&]q=/);
  }

  async function resultSubjects(page: Page): Promise<string[]> {
    const list = page.getByRole("region", { name: "Messages in Inbox" });
    await expect(
      list.getByText(/^Nothing in Inbox matches/).or(rowLinks(page).first()),
    ).toBeVisible();
    return rowLinks(page).locator("span.block").allTextContents();
  }

  test("an ordinary search finds what it should and not the rest", async ({ page }) => {
    await search(page, "Offsite venue");
    const found = await resultSubjects(page);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((s) => /offsite venue/i.test(s))).toBe(true);
    await searchBox(page).fill("");
    await searchBox(page).press("Enter");
    await expect(page).not.toHaveURL(/[?&]q=/);
  });

  test("PS1: a quote breakout searches literally", async ({ page }) => {
    const ps1 = hostileInput("PS1").value;
    await search(page, ps1);
    await expect(searchBox(page)).toHaveValue(ps1);
    expect(await resultSubjects(page)).toEqual([planted.ps1]);
    await expect(page.getByRole("alert", { name: "List problem" })).toHaveCount(0);
  });

  test("PS2: UTF-8 and CRLF in a search keep the connection up and the results sane", async ({
    page,
  }) => {
    const ps2 = hostileInput("PS2").value;
    // Typed: a text field drops the line break itself; the ö's must still count as bytes.
    await search(page, ps2);
    const typed = await searchBox(page).inputValue();
    expect(typed).toMatch(/^öööö ?A5 LOGOUT$/);
    expect(await resultSubjects(page)).toEqual([planted.ps2]);
    await expect(page.getByRole("alert", { name: "List problem" })).toHaveCount(0);

    // Straight from the URL, CR and LF reach the server as they are.
    await page.goto(`${mailboxUrl(account, "INBOX")}?q=${encodeURIComponent(ps2)}`);
    const problem = page.getByRole("alert", { name: "List problem" });
    const found = await resultSubjects(page).catch(() => [] as string[]);
    if ((await problem.count()) > 0) await expect(problem).not.toBeEmpty();
    expect(found.length, "no more than the one message that has it").toBeLessThanOrEqual(1);
    for (const subject of found) expect(subject).toBe(planted.ps2);

    // Still connected: another search and a message open normally.
    await page.goto(mailboxUrl(account, "INBOX"));
    await search(page, "Offsite venue");
    expect((await resultSubjects(page)).length).toBeGreaterThan(0);
    await rowLink(page, 0).click();
    await expect(reader(page).getByRole("heading", { level: 1 })).toContainText(/Offsite venue/i);
    await folderLink(page, "Sent").click();
    await expect(rowLink(page, 0)).toBeVisible();
  });
});
