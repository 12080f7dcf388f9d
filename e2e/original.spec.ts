import { readFile } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import { signIn } from "./support/login.ts";
import { deliverRaw, demoMessage, seedAliceDemo } from "./support/seed.ts";

// The reader's zone is not the servers': times must be converted, not copied from the header.
test.use({ locale: "en-US", timezoneId: "Asia/Tokyo" });

const PAGE_BYTES = 256 * 1024;

/** Text as the source view holds it, line ends aside. */
const normal = (text: string) => text.replace(/\r\n/g, "\n");

async function openOriginal(page: Page, subject: string): Promise<void> {
  await page.goto("/mail");
  await expect(page).toHaveURL(/\/mail\/[^/]+\/INBOX/);
  const search = page.getByRole("searchbox", { name: "Search in Inbox" });
  await search.fill(subject);
  await search.press("Enter");
  await page.getByRole("link", { name: subject }).first().click();
  await expect(page.getByRole("article", { name: "Message" })).toBeVisible();
  await page.getByRole("link", { name: "Show original" }).click();
  await expect(page).toHaveURL(/\/\d+\/original/);
  await expect(page.getByRole("article", { name: "Original message" })).toBeVisible();
}

function sourceRegion(page: Page) {
  return page.getByRole("region", { name: "Message source" });
}

test.describe("show original", () => {
  test.beforeAll(async () => {
    await seedAliceDemo();
  });
  // Leave alice's demo mailbox as the demo made it (the last test delivers one more message).
  test.afterAll(async () => {
    await seedAliceDemo();
  });

  test("show original: the Received timeline, grouped headers and the MIME tree are there", async ({
    page,
  }) => {
    const message = demoMessage("long-route");
    await signIn(page, "alice");
    await openOriginal(page, "Signed contract attached");

    // Summary.
    const summary = page.getByRole("region", { name: "Summary" });
    await expect(summary).toContainText("Hendrik de Vries <hendrik@wingtip.example.com>");
    await expect(summary).toContainText(message.messageId);
    await expect(summary).toContainText(`${message.bytes.length.toLocaleString("en-US")} bytes`);

    // The route: six hops, origin first, each with its clauses; the content filter's queue slow.
    const hops = page.getByRole("list", { name: "Received hops" }).locator(":scope > li");
    await expect(hops).toHaveCount(6);
    const byHosts = [
      "EX02.corp.wingtip.example.com",
      "EX01.corp.wingtip.example.com",
      "filter.wingtip.example.com",
      "relay.mailhost.example.net",
      "mx.example.test",
      "mail.example.test",
    ];
    for (const [i, host] of byHosts.entries()) {
      await expect(hops.nth(i).getByRole("heading")).toContainText(`Hop ${i + 1}`);
      await expect(hops.nth(i).getByRole("heading")).toContainText(host);
    }
    await expect(page.getByRole("listitem", { name: "Hop 4, slowest" })).toBeVisible();
    await expect(hops.nth(3)).toContainText("Slowest hop");
    await expect(hops.nth(3)).toContainText("+4 min 12 s");
    await expect(page.getByText("Slowest hop")).toHaveCount(1);
    await expect(hops.nth(1)).toContainText("+1 s");
    await expect(hops.nth(0)).toContainText("origin");
    await expect(hops.nth(0)).toContainText("HELO HDV-LT07.corp.wingtip.example.com [10.20.4.17]");
    await expect(hops.nth(5)).toContainText("delivery into the mailbox");
    const postfix = hops.nth(4);
    await expect(postfix).toContainText("ESMTPS");
    await expect(postfix).toContainText("4Zc0Lm5Rtwz9sWB");
    await expect(postfix).toContainText("alice@example.test");
    await expect(postfix).toContainText("relay.mailhost.example.net [192.0.2.99]");
    await expect(hops.nth(1)).toContainText("Frontend");
    // The time, in the reader's zone (Tokyo), of the instant the server wrote.
    const head = normal(message.bytes.subarray(0, message.bytes.indexOf("\r\n\r\n")).toString());
    const topDate = /^Received: [\s\S]*?; ([^\n]+(?:\n [^\n]+)*)/m
      .exec(head)![1]!
      .replace(/\n /g, " ");
    const time = hops.nth(5).locator("time");
    await expect(time).toHaveAttribute("datetime", new Date(topDate).toISOString());
    await expect(time).toContainText("GMT+9");

    // Authentication badges, from the receiving side only.
    const badges = page.getByRole("list", { name: "Authentication results" });
    for (const name of ["SPF pass", "DKIM pass", "DMARC pass"]) {
      await expect(badges.getByRole("listitem", { name })).toBeVisible();
    }
    await expect(page.getByText(/Trusted authserv-id: mx\.example\.test/)).toBeVisible();

    // Header groups, decoded beside the raw text; collapsible.
    for (const group of [
      "Originator (1)",
      "Destination (1)",
      "Origination date (1)",
      "Informational (1)",
      "Identification (1)",
      "MIME (2)",
      "Authentication (3)",
      "Trace (8)",
      "Other (5)",
    ]) {
      await expect(page.getByRole("button", { name: group })).toHaveAttribute(
        "aria-expanded",
        "true",
      );
    }
    const originator = page.getByRole("table", { name: "Originator header fields" });
    const fromRow = originator.getByRole("row", { name: /^From/ });
    await expect(fromRow.getByRole("cell").nth(0)).toHaveText(
      "Hendrik de Vries <hendrik@wingtip.example.com>",
    );
    await expect(fromRow.getByRole("cell").nth(1)).toHaveText(
      "From: Hendrik de Vries <hendrik@wingtip.example.com>",
    );
    const trace = page.getByRole("table", { name: "Trace header fields" });
    const firstReceived = trace.getByRole("row", { name: /^Received/ }).first();
    const foldedTop = /^Received: [^\n]*(?:\n [^\n]*)*/m.exec(head)![0];
    expect(await firstReceived.getByRole("cell").nth(1).textContent()).toBe(foldedTop);
    await expect(firstReceived.getByRole("cell").nth(0)).toHaveText(
      foldedTop.slice("Received: ".length).replace(/\n/g, ""),
    );
    await page.getByRole("button", { name: "Trace (8)" }).click();
    await expect(trace).toBeHidden();
    await page.getByRole("button", { name: "Trace (8)" }).click();
    await expect(trace).toBeVisible();

    // The MIME tree: every part by section number, and which one the reader shows and why.
    const parts = page.getByRole("list", { name: "MIME parts" });
    for (const name of [
      "Message root: multipart/mixed",
      "Part 1: multipart/alternative",
      "Part 1.1: text/plain",
      "Part 1.2: text/html",
      "Part 2: application/pdf",
    ]) {
      await expect(parts.getByRole("listitem", { name, exact: true })).toBeVisible();
    }
    await expect(parts.getByRole("listitem", { name: "Part 2: application/pdf" })).toContainText(
      "Wingtip service agreement (signed).pdf",
    );
    await expect(parts.getByRole("listitem", { name: "Part 1.1: text/plain" })).toContainText(
      "Not shown: an earlier alternative (text/plain)",
    );
    await expect(
      page.getByText("Shown: part 1.2, the last alternative we can render (text/html)."),
    ).toBeVisible();

    // The source, whole (one page), and the .eml download, byte for byte.
    await expect(sourceRegion(page)).toHaveAttribute("aria-busy", "false");
    expect(normal((await sourceRegion(page).textContent()) ?? "")).toBe(
      normal(message.bytes.toString("latin1")),
    );
    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download .eml" }).click();
    const download = await downloading;
    const saved = await readFile((await download.path())!);
    expect(saved.equals(message.bytes)).toBe(true);

    await page.getByRole("link", { name: "Back to message" }).click();
    await expect(page.getByRole("article", { name: "Message" })).toBeVisible();
  });

  test("the account names the server whose Authentication-Results it trusts", async ({ page }) => {
    await signIn(page, "alice");
    const field = page.getByRole("textbox", {
      name: "Trusted authentication servers for alice@example.test",
    });
    const save = page.getByRole("button", {
      name: "Save trusted authentication servers for alice@example.test",
    });
    const setTrusted = async (text: string, said: RegExp) => {
      await page.goto("/settings/accounts");
      await field.fill(text);
      await save.click();
      await expect(
        page.getByRole("status", { name: "Authentication servers saved for alice@example.test" }),
      ).toHaveText(said);
    };

    // A typo in the list is refused and said, not half-saved.
    await page.goto("/settings/accounts");
    await field.fill("mx.example.test; dkim=pass");
    await save.click();
    await expect(
      page.getByRole("alert", { name: "Authentication servers problem for alice@example.test" }),
    ).toContainText("is not a server name");

    try {
      // Naming a server that did not write the field: the demo's results are no longer believed.
      await setTrusted(" Mail.Example.test ", /Trusting results from mail\.example\.test\./);
      await page.reload();
      await expect(field).toHaveValue("mail.example.test");
      await openOriginal(page, "Signed contract attached");
      const badges = page.getByRole("list", { name: "Authentication results" });
      await expect(badges.getByRole("listitem")).toHaveCount(0);
      await expect(page.getByText(/Trusted authserv-id: mail\.example\.test/)).toContainText(
        "as configured for this account",
      );
      await expect(page.getByText(/0 of 1 Authentication-Results field used/)).toContainText(
        "Not trusted (added before your server, or claiming its name from outside): mx.example.test.",
      );

      // Naming the server that did: its verdicts are back.
      await setTrusted("mx.example.test", /Trusting results from mx\.example\.test\./);
      await openOriginal(page, "Signed contract attached");
      await expect(badges.getByRole("listitem", { name: "DKIM pass" })).toBeVisible();
      await expect(page.getByText(/1 of 1 Authentication-Results field used/)).toBeVisible();
    } finally {
      await setTrusted("", /Trusting the topmost Authentication-Results/);
    }
    await openOriginal(page, "Signed contract attached");
    await expect(page.getByText(/Trusted authserv-id: mx\.example\.test/)).toContainText(
      "by default, that of the topmost",
    );
  });

  test("a large source is paged, never loaded whole", async ({ page }) => {
    const message = demoMessage("large-attachment");
    const bytes = message.bytes;
    const pages = Math.ceil(bytes.length / PAGE_BYTES);
    expect(pages).toBeGreaterThan(8);
    // The expected text is the bytes themselves: the demo message is ASCII throughout.
    expect(bytes.every((b) => b < 0x80)).toBe(true);
    const slice = (n: number) =>
      normal(bytes.subarray(n * PAGE_BYTES, (n + 1) * PAGE_BYTES).toString("latin1"));

    await signIn(page, "alice");
    await openOriginal(page, "The song for Mum");
    const source = sourceRegion(page);
    await expect(page.getByText(`Page 1 of ${pages}`)).toBeVisible();
    await expect(source).toHaveAttribute("aria-busy", "false");
    expect(normal((await source.textContent()) ?? "")).toBe(slice(0));

    const nav = page.getByRole("navigation", { name: "Source pages" });
    await nav.getByRole("button", { name: "Next page" }).click();
    await expect(page.getByText(`Page 2 of ${pages}`)).toBeVisible();
    await expect(source).toHaveAttribute("aria-busy", "false");
    expect(normal((await source.textContent()) ?? "")).toBe(slice(1));

    await nav.getByRole("button", { name: "Last page" }).click();
    await expect(page.getByText(`Page ${pages} of ${pages}`)).toBeVisible();
    await expect(source).toHaveAttribute("aria-busy", "false");
    expect(normal((await source.textContent()) ?? "")).toBe(slice(pages - 1));
    await expect(nav.getByRole("button", { name: "Next page" })).toBeDisabled();

    await nav.getByRole("button", { name: "Previous page" }).click();
    await expect(page.getByText(`Page ${pages - 1} of ${pages}`)).toBeVisible();
    await expect(source).toHaveAttribute("aria-busy", "false");
    expect(normal((await source.textContent()) ?? "")).toBe(slice(pages - 2));

    // The page stays responsive, and the encoded subject is decoded beside its raw form.
    const informational = page.getByRole("table", { name: "Informational header fields" });
    const subject = informational.getByRole("row", { name: /^Subject/ });
    await expect(subject.getByRole("cell").nth(0)).toHaveText("The song for Mum's birthday 🎵");
    await expect(subject.getByRole("cell").nth(1)).toHaveText(
      "Subject: =?UTF-8?Q?The_song_for_Mum=27s_birthday_=F0=9F=8E=B5?=",
    );
    await expect(
      page.getByRole("list", { name: "MIME parts" }).getByRole("listitem", {
        name: "Part 2: audio/wav",
      }),
    ).toContainText("happy-birthday-practice.wav");
  });

  test("an attached message has its own original, and cid: links to nothing are flagged", async ({
    page,
  }) => {
    const inner = [
      "Received: from a.example (a.example [192.0.2.7]) by b.example with ESMTP id X1; Mon, 3 Feb 2025 10:00:30 +0000",
      "Received: from pc.a.example by a.example with ESMTPSA id X0; Mon, 3 Feb 2025 10:00:40 +0000",
      "From: Inner <inner@a.example>",
      "Subject: The inner one",
      "Date: Mon, 3 Feb 2025 10:00:00 +0000",
      "Message-ID: <inner-1@a.example>",
      "MIME-Version: 1.0",
      'Content-Type: multipart/related; boundary="r"',
      "",
      "--r",
      "Content-Type: text/html; charset=utf-8",
      "",
      '<p>Logo: <img src="cid:logo@a.example"> and <img src="cid:nowhere@a.example"></p>',
      "--r",
      "Content-Type: image/png",
      "Content-ID: <logo@a.example>",
      "Content-Transfer-Encoding: base64",
      "",
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
      "--r--",
      "",
    ].join("\r\n");
    const outer = Buffer.from(
      [
        "From: Outer <outer@b.example>",
        "To: alice@example.test",
        "Subject: Forwarding the inner one",
        "Date: Mon, 3 Feb 2025 11:00:00 +0000",
        "Message-ID: <outer-1@b.example>",
        "MIME-Version: 1.0",
        'Content-Type: multipart/mixed; boundary="m"',
        "",
        "--m",
        "Content-Type: text/plain",
        "",
        "See attached.",
        "--m",
        "Content-Type: message/rfc822",
        "",
        inner,
        "--m--",
        "",
      ].join("\r\n"),
    );
    const { uid } = await deliverRaw("alice@example.test", "INBOX", outer);
    await signIn(page, "alice");
    await expect(page).toHaveURL(/\/mail\/[^/]+\/INBOX/);
    const inbox = new URL(page.url()).pathname.replace(/\/$/, "");
    await page.goto(`${inbox}/${uid}/original`);
    const attached = page
      .getByRole("list", { name: "MIME parts" })
      .getByRole("listitem", { name: "Part 2: message/rfc822", exact: true });
    await expect(attached).toContainText("An attached message");
    await attached
      .getByRole("link", { name: "Show the original of this attached message" })
      .click();
    await expect(page).toHaveURL(/\/original\?part=2$/);

    await expect(page.getByRole("heading", { level: 1 })).toContainText("The inner one");
    await expect(page.getByText("An attached message (part 2)")).toBeVisible();
    const hops = page.getByRole("list", { name: "Received hops" }).locator(":scope > li");
    await expect(hops).toHaveCount(2);
    await expect(page.getByRole("listitem", { name: "Hop 2, clock skew" })).toContainText(
      "\u221210 s (clock skew)",
    );
    await expect(page.getByText("No Authentication-Results")).toBeVisible();
    const refs = page.getByRole("list", { name: "cid: references" });
    await expect(
      refs.getByRole("listitem").filter({ hasText: "cid:logo@a.example" }),
    ).toContainText("Shown inline: part 2.2");
    await expect(
      refs.getByRole("listitem").filter({ hasText: "cid:nowhere@a.example" }),
    ).toContainText("Points at nothing");
    await expect(page.getByText("1 reference points at nothing.")).toBeVisible();

    // Its source is the attached message's bytes, not the outer message's.
    await expect(sourceRegion(page)).toHaveAttribute("aria-busy", "false");
    expect(normal((await sourceRegion(page).textContent()) ?? "")).toBe(normal(inner));
    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download .eml" }).click();
    const saved = await readFile((await (await downloading).path())!);
    expect(saved.toString()).toBe(inner);
  });
});
