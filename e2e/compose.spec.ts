import crypto from "node:crypto";
import fs from "node:fs";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { attachmentContent, attachments, htmlBody, textBody } from "../lib/mail/mime/index.ts";
import {
  addRecipients,
  composer,
  dropFiles,
  fieldNames,
  headerFields,
  parsed,
  paste,
  storedMessages,
  waitForStored,
} from "./support/compose-mail.ts";
import { signIn } from "./support/login.ts";
import { deliverRaw, resetUser } from "./support/seed.ts";

// The shared hostile inputs, next to the repository (read, not imported: Playwright's loader
// wants an import attribute for JSON).
const HOSTILE = "../shared/hostile-public";
const inputs = JSON.parse(fs.readFileSync(`${HOSTILE}/inputs.json`, "utf8")) as {
  compose_inputs: { id: string; value: string }[];
};
const compose = Object.fromEntries(inputs.compose_inputs.map((i) => [i.id, i.value]));
const ALICE = "alice@example.test";
const BOB = "bob@example.test";
const CAROL = "carol@example.test";
const DAVE = "dave@example.test";
const run = Date.now().toString(36);
// The first test's message, which the forward test forwards again from bob's Inbox.
const subject = `Quarterly plan ${run} ✓`;
const pdfName = "Überweisung März – 2026 ñ.pdf";
const pdf = crypto.randomBytes(60_000);
const big = crypto.randomBytes(8 * 1024 * 1024);

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  for (const login of [ALICE, BOB, CAROL, DAVE]) resetUser(login);
});

async function signedIn(browser: Browser, user: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, user);
  return page;
}

async function openCompose(page: Page) {
  await page.getByRole("link", { name: "Compose" }).click();
  await expect(composer(page).form).toBeVisible();
}

/** The reader shows HTML mail in a sandboxed frame. */
function messageFrame(page: Page) {
  return page.locator("iframe[title^='Message:']").contentFrame();
}

/** Slow uploads down (Chromium's network emulation), so the progress bar can be watched. */
async function throttleUploads(page: Page, bytesPerSecond: number) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: bytesPerSecond,
  });
  return () =>
    cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
}

test("alice writes to bob, carol (Cc) and dave (Bcc) with HTML and two files; bob replies", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const alice = await signedIn(browser, "alice");

  // An identity with a signature, set in Settings.
  await alice.getByRole("link", { name: "Settings" }).click();
  await alice.getByRole("button", { name: `Edit identity ${ALICE}` }).click();
  await alice.getByLabel("Display name").fill("Alice L.");
  await alice.getByLabel("Signature").fill("Alice Liddell\nLetterbox tests");
  await alice.getByRole("button", { name: "Save identity" }).click();
  await expect(alice.getByRole("status")).toHaveText("Identity saved.");
  await alice.getByRole("link", { name: "Back to mail" }).click();

  await openCompose(alice);
  const c = composer(alice);
  await addRecipients(alice, "To", "Bob Builder <bob@example.test>");
  await addRecipients(alice, "Cc", CAROL);
  await addRecipients(alice, "Bcc", DAVE);
  await expect(c.chips("To")).toHaveText([/Bob Builder <bob@example.test>/]);
  await c.subject.fill(subject);
  await expect(c.body).toContainText("Letterbox tests");

  await c.body.click();
  await alice.keyboard.press("Control+Home");
  await alice.keyboard.type("Hello Bob,");
  await alice.keyboard.press("Enter");
  await c.form.getByRole("button", { name: "Bulleted list" }).click();
  await alice.keyboard.type("first item");
  await alice.keyboard.press("Enter");
  await alice.keyboard.type("second item");
  await alice.keyboard.press("Enter");
  await alice.keyboard.press("Enter");
  await alice.keyboard.type("Read the notes");
  for (let i = 0; i < "the notes".length; i++) await alice.keyboard.press("Shift+ArrowLeft");
  await c.form.getByRole("button", { name: "Link" }).click();
  await alice.getByLabel("Link address").fill("https://example.test/notes");
  await alice.getByRole("button", { name: "Apply link" }).click();
  await expect(c.body.getByRole("link", { name: "the notes" })).toHaveAttribute(
    "href",
    "https://example.test/notes",
  );

  // Both files by the picker; the 8 MB one slowly enough to watch its progress bar.
  const unthrottle = await throttleUploads(alice, 3 * 1024 * 1024);
  await c.attach.setInputFiles([
    { name: pdfName, mimeType: "application/pdf", buffer: pdf },
    { name: "big-8mb.bin", mimeType: "application/octet-stream", buffer: big },
  ]);
  const progress = alice.getByRole("progressbar", { name: "Uploading big-8mb.bin" });
  const seen = new Set<number>();
  await expect
    .poll(
      async () => {
        const value = await progress
          .getAttribute("aria-valuenow", { timeout: 200 })
          .catch(() => null);
        if (value !== null) seen.add(Number(value));
        return [...seen].some((v) => v > 0 && v < 100);
      },
      { timeout: 20_000, intervals: [100] },
    )
    .toBe(true);
  await expect(progress).toBeHidden({ timeout: 30_000 });
  await unthrottle();
  await expect(c.files).toHaveCount(2);
  await expect(c.files.filter({ hasText: pdfName })).toContainText("60.0 kB");
  await expect(c.files.filter({ hasText: "big-8mb.bin" })).toContainText("8.4 MB");
  await expect(alice.getByRole("meter", { name: "Message size" })).toHaveAttribute(
    "aria-valuetext",
    /^11\.\d MB of 31\.5 MB \(the mail server's limit\)$/,
  );

  await c.send.click();
  await expect(alice.getByRole("status", { name: "Notices" })).toContainText("Message sent.");

  // The exact sent bytes are in Sent, \Seen; each recipient got those same bytes.
  const sent = await waitForStored(ALICE, "Sent", subject.slice(0, 14));
  expect(sent.flags).toContain("S");
  const messageId = headerFields(sent.bytes)
    .find((f) => /^message-id:/i.test(f))!
    .slice(12)
    .trim();
  for (const login of [BOB, CAROL, DAVE]) {
    const got = await waitForStored(login, "INBOX", messageId);
    expect(got.bytes.subarray(got.bytes.length - sent.bytes.length).equals(sent.bytes), login).toBe(
      true,
    );
    expect(fieldNames(got.bytes), login).not.toContain("bcc");
  }
  expect(fieldNames(sent.bytes)).not.toContain("bcc");
  expect(sent.bytes.includes(DAVE)).toBe(false);
  const message = parsed(sent.bytes);
  expect(headerFields(sent.bytes)).toContain('From: "Alice L." <alice@example.test>');
  const html = htmlBody(message)!;
  expect(html).toMatch(/<ul><li>first item<\/li><li>second item<\/li><\/ul>/);
  expect(html).toContain('<a href="https://example.test/notes">the notes</a>');
  expect(textBody(message)).toBe(
    "Hello Bob,\n- first item\n- second item\nRead the notes <https://example.test/notes>\n\n-- \nAlice Liddell\nLetterbox tests".replace(
      /\n/g,
      "\r\n",
    ),
  );
  const files = attachments(message);
  expect(files.map((f) => f.filename)).toEqual([pdfName, "big-8mb.bin"]);
  expect(Buffer.from(attachmentContent(message, files[0]!)!).equals(pdf)).toBe(true);
  expect(Buffer.from(attachmentContent(message, files[1]!)!).equals(big)).toBe(true);

  // bob, in his own browser, opens it and downloads both files, byte for byte, names intact.
  const bob = await signedIn(browser, "bob");
  await bob.getByRole("link", { name: new RegExp(`Alice L\\.: ${subject}`) }).click();
  await expect(messageFrame(bob).getByText("first item")).toBeVisible();
  for (const [name, bytes] of [
    [pdfName, pdf],
    ["big-8mb.bin", big],
  ] as const) {
    const download = bob.waitForEvent("download");
    await bob.getByRole("link", { name: `Download ${name}` }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(name);
    expect(fs.readFileSync((await file.path())!).equals(bytes)).toBe(true);
  }

  // bob replies: to alice, "Re:" once, the original quoted under an attribution line.
  await bob.getByRole("link", { name: "Reply", exact: true }).click();
  const r = composer(bob);
  await expect(r.chips("To")).toHaveText([/alice@example\.test/]);
  await expect(r.subject).toHaveValue(`Re: ${subject}`);
  await expect(r.body).toContainText(/wrote:/);
  await expect(r.body.locator("blockquote")).toContainText("first item");
  await r.body.click();
  await bob.keyboard.press("Control+Home");
  await bob.keyboard.type("Thanks Alice, agreed.");
  await r.send.click();
  await expect(bob.getByRole("status", { name: "Notices" })).toContainText("Message sent.");
  await bob.goto("/mail");
  // The list's icons keep aria-hidden even with a label (components/ui/icons.tsx), so the
  // "Answered" mark is found by its label attribute rather than by role.
  await expect(
    bob.getByRole("link", { name: new RegExp(subject) }).locator('svg[aria-label="Answered"]'),
  ).toBeVisible();
  expect(storedMessages(BOB, "INBOX").find((m) => m.bytes.includes(messageId))!.flags).toContain(
    "R",
  );

  const reply = await waitForStored(ALICE, "INBOX", `Re: ${subject.slice(0, 14)}`);
  const replyFields = headerFields(reply.bytes);
  expect(replyFields).toContain(`In-Reply-To: ${messageId}`);
  expect(replyFields).toContain(`References: ${messageId}`);
  await alice.goto("/mail");
  await alice.getByRole("link", { name: new RegExp(`Re: ${subject}`) }).click();
  await expect(messageFrame(alice).getByText("Thanks Alice, agreed.")).toBeVisible();
  await expect(messageFrame(alice).locator("blockquote")).toContainText("first item");
  // Answering the answer: still one "Re:".
  await alice.getByRole("link", { name: "Reply", exact: true }).click();
  await expect(composer(alice).subject).toHaveValue(`Re: ${subject}`);
  await alice.context().close();
  await bob.context().close();
});

test("a refused recipient: the error names it and its code; the draft and its file survive a reload", async ({
  browser,
}) => {
  const alice = await signedIn(browser, "alice");
  await openCompose(alice);
  const c = composer(alice);
  await addRecipients(alice, "To", "nobody@example.test");
  await c.subject.fill(`Refused ${run}`);
  await c.body.click();
  await alice.keyboard.type("This will bounce at RCPT.");
  await dropFiles(alice, c.form, [
    { name: "notes.txt", type: "text/plain", bytes: Buffer.from("dropped notes\n") },
  ]);
  await expect(c.files.filter({ hasText: "notes.txt" })).toContainText("14 bytes");
  await expect(c.files.getByRole("progressbar")).toHaveCount(0);
  await c.send.click();
  await expect(c.failure).toContainText("The server refused nobody@example.test: 550 5.1.1");
  await expect(alice).toHaveURL(/draft=\d+/);

  await alice.reload();
  const again = composer(alice);
  await expect(again.chips("To")).toHaveText([/nobody@example\.test/]);
  await expect(again.subject).toHaveValue(`Refused ${run}`);
  await expect(again.body).toContainText("This will bounce at RCPT.");
  await expect(again.files.filter({ hasText: "notes.txt" })).toBeVisible();
  const drafts = storedMessages(ALICE, "Drafts").filter((m) => m.bytes.includes(`Refused ${run}`));
  expect(drafts).toHaveLength(1);
  expect(drafts[0]!.flags).toContain("D");

  // Some refused, some accepted: sent, and the person sees exactly who was refused.
  await addRecipients(alice, "To", BOB);
  await again.send.click();
  const report = alice.getByRole("alert", { name: "Sending report" });
  await expect(report).toContainText("Sent to bob@example.test");
  await expect(report.getByRole("list", { name: "Refused recipients" })).toHaveText(
    /The server refused nobody@example\.test: 550 5\.1\.1/,
  );
  await waitForStored(BOB, "INBOX", `Refused ${run}`);
  await expect
    .poll(
      () =>
        storedMessages(ALICE, "Drafts").filter((m) => m.bytes.includes(`Refused ${run}`)).length,
    )
    .toBe(0);
  await alice.context().close();
});

test("the size budget: a file past SIZE is refused with the numbers, in the page and by the server", async ({
  browser,
}) => {
  const alice = await signedIn(browser, "alice");
  await openCompose(alice);
  const c = composer(alice);
  await c.attach.setInputFiles([
    { name: "huge.bin", mimeType: "application/octet-stream", buffer: Buffer.alloc(32_000_000, 7) },
  ]);
  await expect(alice.getByRole("alert", { name: "Attachment refused" })).toHaveText(
    /^huge\.bin \(32\.0 MB, 43\.8 MB encoded\) would make the message 43\.8 MB, but the mail server accepts at most 31\.5 MB\. 31\.4 MB is left\.$/,
  );
  await expect(c.files).toHaveCount(0);

  // The route refuses too (a request not made by our page), before reading the body.
  const response = await alice.request.post("/api/uploads?compose=e2e-budget-1&name=huge.bin", {
    headers: { "content-type": "application/octet-stream" },
    data: Buffer.alloc(32_000_000, 7),
  });
  expect(response.status()).toBe(413);
  const body = await response.json();
  expect(body.limit).toBe(31_457_280);
  expect(body.error).toMatch(/huge\.bin \(32\.0 MB, 43\.8 MB encoded\).*at most 31\.5 MB/);
  await alice.context().close();
});

test("files sent side by side cannot share out more than the budget between them", async ({
  browser,
}) => {
  const alice = await signedIn(browser, "alice");
  // Each fits alone (12 MB is 16.4 MB encoded of 31.5 MB); together they do not.
  const upload = (name: string) =>
    alice.request.post(`/api/uploads?compose=e2e-race-1&name=${name}`, {
      headers: { "content-type": "application/octet-stream" },
      data: Buffer.alloc(12_000_000, 3),
    });
  const responses = await Promise.all([upload("one.bin"), upload("two.bin")]);
  const statuses = responses.map((r) => r.status()).sort();
  expect(statuses).not.toEqual([201, 201]);
  expect(statuses).toContain(413);
  const refused = responses.find((r) => r.status() === 413)!;
  expect((await refused.json()).error).toMatch(
    /\.bin \(12\.0 MB, 16\.4 MB encoded\) would make the message/,
  );
  await alice.context().close();
});

/** Rewrites every compose server action the page makes (send and draft alike) on the wire. */
async function craftActions(page: Page, change: (form: Record<string, unknown>) => void) {
  await page.route("**/mail/compose**", async (route) => {
    const request = route.request();
    if (request.method() !== "POST" || !request.headers()["next-action"]) return route.continue();
    const args = JSON.parse(request.postData() ?? "[]") as unknown[];
    const form = args[0] as Record<string, unknown> | undefined;
    if (!form || typeof form.subject !== "string") return route.continue();
    change(form);
    await route.continue({ postData: JSON.stringify(args) });
  });
}

test("PC2: a subject with CR/LF is refused in the page, and by the server when the call is crafted", async ({
  browser,
}) => {
  const alice = await signedIn(browser, "alice");
  await openCompose(alice);
  const c = composer(alice);
  await addRecipients(alice, "To", BOB);
  await c.subject.fill(compose.PC2!);
  await c.send.click();
  await expect(c.problems).toContainText("The subject contains a line break");

  await craftActions(alice, (form) => {
    form.subject = compose.PC2;
  });
  await c.subject.fill(`Innocent ${run}`);
  await c.send.click();
  await expect(c.problems).toContainText("The subject contains a line break (U+000D)");
  await alice.unrouteAll({ behavior: "wait" });
  expect(storedMessages(BOB, "INBOX").filter((m) => m.bytes.includes("X-Injected"))).toHaveLength(
    0,
  );

  // No subject at all: the composer asks first, and "Add a subject" sends nothing.
  await c.subject.fill("");
  await c.send.click();
  const ask = alice.getByRole("dialog", { name: "Send without a subject?" });
  await expect(ask).toBeVisible();
  await ask.getByRole("button", { name: "Add a subject" }).click();
  await expect(ask).toBeHidden();
  await expect(c.subject).toBeFocused();
  await alice.context().close();
});

test("PC1: a pasted To with a line break gives one address and no Cc; a crafted call is refused", async ({
  browser,
}) => {
  const alice = await signedIn(browser, "alice");
  await openCompose(alice);
  const c = composer(alice);
  const pc1 = compose.PC1!.replace("bob@letterbox.test", BOB);
  await paste(c.field("To"), pc1);
  await expect(c.chips("To")).toHaveText([
    /^bob@example\.test/,
    /Cc: pc1@attacker\.test.*invalid address/,
  ]);
  await c.subject.fill(`PC1 ${run}`);
  await c.send.click();
  await expect(c.problems).toContainText("“Cc: pc1@attacker.test” is not a valid address");
  await c.form.getByRole("button", { name: "Remove Cc: pc1@attacker.test" }).click();

  await craftActions(alice, (form) => {
    form.to = [{ name: "", address: pc1 }];
  });
  await c.send.click();
  await expect(c.problems).toContainText("contains a line break (U+000A)");
  await alice.unrouteAll({ behavior: "wait" });

  await c.send.click();
  await expect(alice.getByRole("status", { name: "Notices" })).toContainText("Message sent.");
  const got = await waitForStored(BOB, "INBOX", `PC1 ${run}`);
  expect(fieldNames(got.bytes)).not.toContain("cc");
  expect(headerFields(got.bytes)).toContain("To: bob@example.test");
  expect(got.bytes.includes("pc1@attacker.test")).toBe(false);
  await alice.context().close();
});

test("PC3: a plain-text body with dot lines and bare LFs arrives as one message, intact with CRLF", async ({
  browser,
}) => {
  const alice = await signedIn(browser, "alice");
  await openCompose(alice);
  const c = composer(alice);
  await addRecipients(alice, "To", BOB);
  await c.subject.fill(`PC3 ${run}`);
  await c.form.getByRole("combobox", { name: "Body format" }).selectOption("plain");
  await c.body.fill(compose.PC3!);
  await c.send.click();
  await expect(alice.getByRole("status", { name: "Notices" })).toContainText("Message sent.");
  const got = await waitForStored(BOB, "INBOX", `PC3 ${run}`);
  // The message's last line end (RFC 5322 section 2.1) is the body's: nothing else differs.
  expect(textBody(parsed(got.bytes))).toBe("a\r\n.\r\nb\r\n.\r\nc\r\n");
  await alice.context().close();
});

test("p14: replying to a hostile message writes one Subject line and no Bcc or extra header", async ({
  browser,
}) => {
  const p14 = fs.readFileSync(`${HOSTILE}/p14-reply-injection-header-xss.eml`);
  await deliverRaw(ALICE, "INBOX", p14);
  const alice = await signedIn(browser, "alice");
  await alice
    .getByRole("link", { name: /Minutes/ })
    .first()
    .click();
  await alice.getByRole("link", { name: "Reply", exact: true }).click();
  const c = composer(alice);
  await expect(c.chips("To")).toHaveText([/p14-reply@attacker\.test/]);
  await expect(c.subject).toHaveValue(/^Re: Minutes Bcc: p14-bcc@attacker\.test X-P14: 1/);
  // The attacker's address is outside the stack; bob in Cc receives the reply for inspection.
  await addRecipients(alice, "Cc", BOB);
  await c.send.click();
  const report = alice.getByRole("alert", { name: "Sending report" });
  await expect(report.getByRole("list", { name: "Refused recipients" })).toContainText(
    "The server refused p14-reply@attacker.test: 550 5.1.1",
  );
  const got = await waitForStored(BOB, "INBOX", "p14@hostile.letterbox.test");
  const names = fieldNames(got.bytes);
  expect(names.filter((n) => n === "subject")).toHaveLength(1);
  expect(names).not.toContain("bcc");
  expect(names).not.toContain("x-p14");
  expect(headerFields(got.bytes).filter((f) => /^cc:/i.test(f))).toEqual(["Cc: bob@example.test"]);
  expect(headerFields(got.bytes)).toContain("In-Reply-To: <p14@hostile.letterbox.test>");
  await alice.context().close();
});

test("a draft autosaves, replaces itself, and opens in another browser; autocomplete knows bob", async ({
  browser,
}) => {
  const first = await signedIn(browser, "alice");
  await openCompose(first);
  const c = composer(first);
  await c.field("To").fill("bo");
  await expect(first.getByRole("option", { name: /bob@example\.test/ })).toBeVisible();
  await c.field("To").press("Enter");
  await expect(c.chips("To")).toHaveText([/bob@example\.test/]);
  await c.subject.fill(`Draft ${run}`);
  await expect(c.draftStatus).toContainText("Draft saved");
  await expect(first).toHaveURL(/draft=\d+/);
  const firstUrl = first.url();
  await c.body.click();
  await first.keyboard.type("second version");
  // The second save replaces the first: a new UID in the URL, one draft in the folder.
  await expect.poll(() => first.url(), { timeout: 15_000 }).not.toBe(firstUrl);
  const ours = () =>
    storedMessages(ALICE, "Drafts").filter((m) => m.bytes.includes(`Draft ${run}`));
  await expect.poll(() => ours().length).toBe(1);
  expect(ours()[0]!.bytes.includes("second version")).toBe(true);
  const url = first.url();

  const second = await signedIn(browser, "alice");
  await second.goto(url);
  const d = composer(second);
  await expect(d.chips("To")).toHaveText([/bob@example\.test/]);
  await expect(d.subject).toHaveValue(`Draft ${run}`);
  await expect(d.body).toContainText("second version");
  await first.context().close();
  await second.context().close();
});

test("bob forwards inline (files carried) and as an attachment (the original byte for byte)", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const original = storedMessages(BOB, "INBOX").find((m) =>
    m.bytes.includes(subject.slice(0, 14)),
  )!;
  const bob = await signedIn(browser, "bob");
  const open = () => bob.getByRole("link", { name: new RegExp(`Alice L\\.: ${subject}`) }).click();
  await open();
  await bob.getByRole("link", { name: "Forward", exact: true }).click();
  const c = composer(bob);
  await expect(c.subject).toHaveValue(`Fwd: ${subject}`);
  await expect(c.body).toContainText("Forwarded message");
  await expect(c.body).toContainText("first item");
  await expect(c.files).toHaveText([new RegExp(pdfName), /big-8mb\.bin/]);
  await addRecipients(bob, "To", CAROL);
  await c.send.click();
  await expect(bob.getByRole("status", { name: "Notices" })).toContainText("Message sent.");
  const inline = await waitForStored(CAROL, "INBOX", `Fwd: ${subject.slice(0, 14)}`);
  const files = attachments(parsed(inline.bytes));
  expect(files.map((f) => f.filename)).toEqual([pdfName, "big-8mb.bin"]);
  expect(Buffer.from(attachmentContent(parsed(inline.bytes), files[1]!)!).equals(big)).toBe(true);

  await bob.goto("/mail");
  await open();
  await bob.getByRole("link", { name: "Forward as attachment" }).click();
  await expect(c.files).toHaveText([/\.eml/]);
  await addRecipients(bob, "To", DAVE);
  await c.send.click();
  await expect(bob.getByRole("status", { name: "Notices" })).toContainText("Message sent.");
  const wrapped = await waitForStored(DAVE, "INBOX", `Fwd: ${subject.slice(0, 14)}`);
  const message = parsed(wrapped.bytes);
  const part = message.parts().find((p) => p.contentType === "message/rfc822")!;
  expect(Buffer.from(message.content(part)!).equals(original.bytes)).toBe(true);
  // $Forwarded on bob's copy: a maildir keyword letter, named in dovecot-keywords.
  const flagged = storedMessages(BOB, "INBOX").find((m) => m.bytes.includes(subject.slice(0, 14)))!;
  const keywords = fs.readFileSync(
    `${flagged.file.replace(/\/(cur|new)\/[^/]+$/, "")}/dovecot-keywords`,
    "utf8",
  );
  const index = /^(\d+) \$Forwarded$/m.exec(keywords)?.[1];
  expect(index).toBeDefined();
  expect(flagged.flags).toContain(String.fromCharCode(97 + Number(index)));
  await bob.context().close();
});

test("an image dropped into the body is sent inline: multipart/related with a Content-ID", async ({
  browser,
}) => {
  // A 1x1 PNG.
  const png = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
    "base64",
  );
  const alice = await signedIn(browser, "alice");
  await openCompose(alice);
  const c = composer(alice);
  await addRecipients(alice, "To", BOB);
  await c.subject.fill(`Inline ${run}`);
  await c.body.click();
  await alice.keyboard.type("Look:");
  await dropFiles(alice, c.body, [{ name: "dot.png", type: "image/png", bytes: png }]);
  await expect(c.body.locator("img")).toHaveAttribute("src", /^\/api\/uploads\/[0-9a-f]{32}$/);
  await expect(c.files.filter({ hasText: "dot.png" })).toContainText("in the text");
  await c.send.click();
  await expect(alice.getByRole("status", { name: "Notices" })).toContainText("Message sent.");
  const got = await waitForStored(BOB, "INBOX", `Inline ${run}`);
  const message = parsed(got.bytes);
  expect(message.root.contentType).toBe("multipart/related");
  const image = message.parts().find((p) => p.contentType === "image/png")!;
  expect(image.contentId).toMatch(/^[0-9a-f]{32}@example\.test$/);
  expect(htmlBody(message)).toContain(`src="cid:${image.contentId}"`);
  expect(Buffer.from(message.content(image)!).equals(png)).toBe(true);
  await alice.context().close();
});
