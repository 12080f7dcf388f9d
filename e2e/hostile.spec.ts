/**
 * Hostile mail in the reader (../shared/hostile-public, manifest.tsv): every message of the set
 * is put into the INBOX of our own stack user (support/demo-mailbox.ts) byte for byte and opened in Debian's Chromium. For each: no script
 * runs (a token logged by a payload, or a dialog, from any frame or popup), nothing is requested
 * from `*.attacker.test` (counted by the sink every host name resolves to), every link and button
 * in the message is clicked, and the app stays usable. Then what the manifest asks of that
 * message in particular.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { reader as me, READER, resetReader } from "./support/demo-mailbox.ts";
import { hostileMessages } from "./support/hostile-corpus.ts";
import {
  folderLink,
  folderNav,
  messageFrameElement,
  messageUrl,
  reader,
  rowLinks,
  signInToInbox,
} from "./support/mail-pages.ts";
import {
  clickEverything,
  closePopups,
  frameDocumentFacts,
  isAppResource,
  isScriptUrl,
  scrollToEnd,
} from "./support/message-probe.ts";
import { deliverRaw } from "./support/seed.ts";
import type { Sink } from "./support/sink-server.ts";
import { expect, type Tripwire, test } from "./support/watched-browser.ts";

const MESSAGES = hostileMessages();
const uids = new Map<string, number>();
/** Bidi controls (CWE-451) and invisible format characters that can disguise a name. */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
/** Remote requests count only for the attacker's hosts: Chromium may call Google on its own. */
const ATTACKER = "attacker.test";
/** "The app stays usable" and "opens or shows a clear error" within this, in e2e terms. */
const OPEN_BOUND_MS = 5_000;

function uidOf(id: string): number {
  const uid = uids.get(id);
  if (uid === undefined) throw new Error(`${id} was not delivered`);
  return uid;
}

test.beforeAll(async () => {
  await resetReader();
  uids.clear();
  for (const message of MESSAGES) {
    const { uid } = await deliverRaw(me.login, "INBOX", message.bytes);
    uids.set(message.id, uid);
  }
});

let account = "";
test.beforeEach(async ({ page, sink }) => {
  account = await signInToInbox(page, READER);
  await sink.settle();
  sink.clear();
});

/** Opens a hostile message; resolves with how long it took to show it (or its error). */
async function open(page: Page, id: string, query = ""): Promise<number> {
  const began = Date.now();
  const response = await page.goto(`${messageUrl(account, "INBOX", uidOf(id))}${query}`);
  await expect(reader(page).or(page.getByRole("alert", { name: "Message problem" }))).toBeVisible({
    timeout: 30_000,
  });
  const elapsed = Date.now() - began;
  const timing = response?.request().timing();
  test.info().annotations.push({
    type: `open ${id}`,
    description: `${elapsed} ms to show; server answered after ${Math.round(timing?.responseStart ?? -1)} ms, done at ${Math.round(timing?.responseEnd ?? -1)} ms`,
  });
  return elapsed;
}

function attackerHits(sink: Sink): string[] {
  return sink.hitsUnder(ATTACKER).map((h) => `${h.kind} ${h.host}${h.path ?? ""}`);
}

/**
 * The core of every hostile test: look at the message as a person would (click everything,
 * scroll, wait), then nothing may have run or left.
 */
async function pokeAndExpectNothing(
  page: Page,
  sink: Sink,
  tripwire: Tripwire,
  id: string,
): Promise<void> {
  const clicked = await clickEverything(page);
  test.info().annotations.push({ type: `clicked in ${id}`, description: String(clicked) });
  await scrollToEnd(page);
  await page.waitForTimeout(3_000);
  const popupUrls = await closePopups(tripwire.popups);
  await sink.settle();
  expect(attackerHits(sink), `requests to ${ATTACKER} after ${clicked} clicks in ${id}`).toEqual(
    [],
  );
  for (const url of popupUrls) expect(url, `a popup of ${id}`).not.toContain(ATTACKER);
  tripwire.expectNoScript(id);
}

/** The app still answers: the folder pane works and the list of the Inbox comes back. */
async function expectAppUsable(page: Page): Promise<void> {
  await expect(folderNav(page)).toBeVisible();
  await folderLink(page, "Inbox").click();
  await expect(page).toHaveURL(/\/INBOX$/);
  await expect(rowLinks(page).first()).toBeVisible();
  expect(await rowLinks(page).count()).toBeGreaterThan(0);
}

/** Nothing in the frame document can run, embed a document, or re-point URLs. */
async function expectInertDocument(page: Page, id: string): Promise<void> {
  if ((await messageFrameElement(page).count()) === 0) return;
  const sandbox = (await messageFrameElement(page).getAttribute("sandbox")) ?? "";
  expect(sandbox.split(/\s+/), `${id}: the message frame may not run script`).not.toContain(
    "allow-scripts",
  );
  for (const frame of await page.locator("iframe").all()) {
    const sandbox = await frame.getAttribute("sandbox");
    const tokens = (sandbox ?? "").split(/\s+/);
    // No sandbox, or these two together (which let a frame remove its own sandbox).
    expect(
      sandbox === null ||
        (tokens.includes("allow-scripts") && tokens.includes("allow-same-origin")),
      `${id}: a frame that can run script in the app's origin`,
    ).toBe(false);
  }
  const facts = await frameDocumentFacts(page);
  expect(facts.scripts, `${id}: <script> elements`).toBe(0);
  expect(facts.handlers, `${id}: event handler attributes`).toEqual([]);
  expect(facts.embeds, `${id}: embedded documents`).toEqual([]);
  expect(facts.links.filter(isScriptUrl), `${id}: script URLs in links`).toEqual([]);
  expect(facts.hasBase, `${id}: <base>`).toBe(false);
  expect(facts.hasRefresh, `${id}: <meta http-equiv=refresh>`).toBe(false);
  expect(facts.csp ?? "", `${id}: the frame's own CSP`).toContain("default-src 'none'");
}

/** Before consent: nothing the frame loads is remote. */
async function expectOnlyAppResources(page: Page, id: string, origin: string): Promise<void> {
  if ((await messageFrameElement(page).count()) === 0) return;
  const { resources } = await frameDocumentFacts(page);
  expect(
    resources.filter((url) => !isAppResource(url, origin) && !/^(#|cid:|about:blank$)/i.test(url)),
    `${id}: resources that are neither the app's routes nor data: images`,
  ).toEqual([]);
}

/** "Load remote content", then still nothing straight from the browser to the attacker. */
async function consentAndExpectProxyOnly(
  page: Page,
  sink: Sink,
  tripwire: Tripwire,
  id: string,
  origin: string,
): Promise<string[]> {
  const bar = page.getByRole("region", { name: "Remote content" });
  if ((await bar.count()) === 0) return [];
  await bar.getByRole("link", { name: "Load remote content" }).click();
  await expect(page).toHaveURL(/[?&]remote=1/);
  await expect(bar).toHaveCount(0);
  await expect(messageFrameElement(page)).toBeAttached();
  const { resources } = await frameDocumentFacts(page);
  expect(
    resources.filter((url) => !isAppResource(url, origin) && !/^(#|cid:)/i.test(url)),
    `${id} after consent: resources not through the app`,
  ).toEqual([]);
  await pokeAndExpectNothing(page, sink, tripwire, `${id} after consent`);
  return resources;
}

/** The download link of each listed file (not "Download all"). */
function attachmentLinks(page: Page) {
  return page
    .getByRole("region", { name: "Attachments" })
    .getByRole("listitem")
    .getByRole("link", { name: /^Download / });
}

/** Each listed attachment, fetched and then opened as a page: safe headers, nothing runs. */
async function expectSafeAttachments(page: Page, tripwire: Tripwire, id: string): Promise<number> {
  const links = attachmentLinks(page);
  const hrefs = await links.evaluateAll((els) => els.map((e) => e.getAttribute("href") ?? ""));
  // Every file of an ordinary message; of a message with a hundred parts (p11, p13), the first
  // few and the last, which is enough to see the route's behaviour and keeps the test bounded.
  const sample = hrefs.length <= 8 ? hrefs : [...hrefs.slice(0, 6), hrefs.at(-1) ?? ""];
  for (const href of sample) {
    for (const disposition of ["attachment", "inline"]) {
      const url = href.replace(/disposition=\w+/, `disposition=${disposition}`);
      const response = await page.request.get(url, { timeout: 15_000 });
      expect(response.status(), `${id} ${url}: ${await response.text()}`).toBe(200);
      const headers = response.headers();
      expect(headers["x-content-type-options"], `${id} ${url}: nosniff`).toBe("nosniff");
      const type = (headers["content-type"] ?? "").split(";")[0]?.trim() ?? "";
      const cd = headers["content-disposition"] ?? "";
      if (/^inline\b/i.test(cd)) {
        expect(type, `${id} ${url}: only raster images are served inline`).toMatch(
          /^image\/(png|jpeg|gif|webp|bmp)$/,
        );
      } else {
        expect(cd, `${id} ${url}: content-disposition`).toMatch(/^attachment\b/i);
      }
      expect(Buffer.byteLength(cd), `${id} ${url}: content-disposition length`).toBeLessThanOrEqual(
        1024,
      );
      // Opened in the app's own tab: a download starts or an image shows; nothing may run.
      const visit = await page.context().newPage();
      await visit.goto(url).catch(() => undefined);
      await visit.waitForTimeout(500);
      await visit.close();
    }
  }
  tripwire.expectNoScript(`${id} attachments opened`);
  return hrefs.length;
}

test.describe("hostile mail (hostile-public)", () => {
  test.describe("the harness", () => {
    test.use({ bypassCSP: true });
    test("sees what it must catch: scripts, dialogs, requests from sandboxed frames", async ({
      page,
      sink,
      tripwire,
    }) => {
      // The same traps the app must defuse, set without the app: a page of the app's origin
      // (Chromium lets a loopback page reach loopback, where the sink is; from a page of no
      // address, such as about:blank, it blocks the plain-HTTP requests before they connect) but
      // none of its defences (no sanitizer; CSP bypassed for this test only). Each detector must
      // go off.
      const canary = [
        '<img src="http://canary-1.attacker.test/plain.png">',
        '<iframe sandbox srcdoc="<img src=&quot;http://canary-2.attacker.test/srcdoc.png&quot;>"></iframe>',
        '<img src="https://canary-3.attacker.test/tls.png">',
        `<iframe sandbox="allow-scripts" srcdoc="<script>console.log('LBXPWN:canary')</script>"></iframe>`,
        '<iframe sandbox="allow-scripts allow-modals" srcdoc="<script>alert(1)</script>"></iframe>',
        '<iframe title="Message: canary" sandbox srcdoc="<a href=&quot;http://canary-4.attacker.test/&quot;>go</a>"></iframe>',
      ].join("");
      await page.setContent(`<!doctype html>${canary}`);
      expect(await clickEverything(page)).toBe(1);
      const canaries = [1, 2, 3, 4].map((n) => `canary-${n}.attacker.test`);
      await expect
        .poll(async () => {
          await sink.settle();
          return [...new Set(sink.hitsUnder(ATTACKER).map((h) => h.host))];
        })
        .toEqual(expect.arrayContaining(canaries));
      expect(sink.hitsUnder(ATTACKER).find((h) => h.host === "canary-3.attacker.test")?.kind).toBe(
        "tls",
      );
      await expect.poll(() => tripwire.runs.length).toBe(1);
      expect(tripwire.runs[0]).toContain("LBXPWN:canary");
      await expect.poll(() => tripwire.dialogs.length).toBe(1);
    });
  });

  test("the list shows every hostile message's sender and subject as text", async ({
    page,
    tripwire,
  }) => {
    const list = page.getByRole("list", { name: "Messages" });
    await expect(rowLinks(page)).toHaveCount(MESSAGES.length);
    // p14's subject carries HTML and CRLF: as text, on one line, in the accessible name too.
    const p14 = rowLinks(page).filter({ hasText: "Minutes" });
    await expect(p14).toHaveCount(1);
    const label = (await p14.getAttribute("aria-label")) ?? "";
    expect(label).not.toMatch(/[\r\n]/);
    expect(label).toContain("<img");
    await expect(list.locator("img")).toHaveCount(0);
    tripwire.expectNoScript("list");
  });

  for (const message of MESSAGES) {
    test(`${message.file}: nothing runs, nothing leaves, the app stays usable`, async ({
      page,
      sink,
      tripwire,
      baseURL,
    }) => {
      test.setTimeout(120_000);
      const origin = baseURL ?? "";
      const elapsed = await open(page, message.id);
      // Soft: a slow open is reported, and every safety check below still runs.
      expect
        .soft(elapsed, `${message.id} opens (or explains why not) in time`)
        .toBeLessThan(OPEN_BOUND_MS);
      const before = page.url();
      // <meta refresh> (p06) would have fired by now: no frame may have gone anywhere.
      await page.waitForTimeout(1_000);
      for (const frame of page.mainFrame().childFrames()) {
        expect(frame.url(), `${message.id}: a frame navigated`).toMatch(/^about:(srcdoc|blank)$/);
      }
      await expectInertDocument(page, message.id);
      await expectOnlyAppResources(page, message.id, origin);
      await pokeAndExpectNothing(page, sink, tripwire, message.id);
      expect(page.url(), `${message.id}: the app did not navigate`).toBe(before);
      const files = await expectSafeAttachments(page, tripwire, message.id);
      test.info().annotations.push({ type: "attachments", description: String(files) });
      await EXTRA[message.id]?.({ page, sink, tripwire, origin, id: message.id });
      await consentAndExpectProxyOnly(page, sink, tripwire, message.id, origin);
      await expectAppUsable(page);
      tripwire.expectNoScript(`${message.id}, at the end`);
    });
  }
});

interface Ctx {
  page: Page;
  sink: Sink;
  tripwire: Tripwire;
  origin: string;
  id: string;
}

/** What the manifest asks of particular messages, beyond the checks every message gets. */
const EXTRA: Record<string, (ctx: Ctx) => Promise<void>> = {
  // Tracking pixels: blocked, counted, and after consent fetched only through the image proxy.
  async p05({ page, sink, tripwire, origin, id }) {
    const bar = page.getByRole("region", { name: "Remote content" });
    await expect(bar).toContainText(/remote items? blocked/);
    const resources = await consentAndExpectProxyOnly(page, sink, tripwire, id, origin);
    const proxied = resources.filter((url) => url.includes("/api/image-proxy?"));
    expect(proxied.length, "p05: images now come through the proxy").toBeGreaterThan(0);
    for (const url of proxied) {
      const remote = new URL(url, origin).searchParams.get("url") ?? "";
      expect(remote, "p05: what the proxy fetches").toMatch(/^https?:\/\/p05-\d\.attacker\.test\//);
    }
    expect(attackerHits(sink), "p05: no direct request after consent").toEqual([]);
  },

  // Forms are inert: the password field is typed into and Enter pressed, nothing goes anywhere.
  async p07({ page, sink }) {
    const frame = page.frameLocator('iframe[title^="Message: "]');
    const password = frame.locator("input[type=password]");
    if ((await password.count()) > 0) {
      await password
        .first()
        .fill("hunter2", { timeout: 2_000 })
        .catch(() => {});
      await password
        .first()
        .press("Enter", { timeout: 2_000 })
        .catch(() => {});
    }
    await page.waitForTimeout(1_500);
    await sink.settle();
    expect(attackerHits(sink), "p07: a submitted form").toEqual([]);
  },

  // cid: may only reach image parts served as images; the HTML and SVG parts never load.
  async p08({ page, origin }) {
    const { resources } = await frameDocumentFacts(page);
    for (const url of resources.filter((u) => u.includes("/api/mail/"))) {
      const response = await page.request.get(new URL(url, origin).toString());
      expect(response.headers()["content-type"] ?? "", `p08: ${url}`).toMatch(
        /^image\/(png|jpeg|gif|webp|bmp)\b/,
      );
    }
  },

  // The three attachments are offered, and none of them is served as something that runs.
  async p09({ page }) {
    const region = page.getByRole("region", { name: "Attachments" });
    for (const name of ["page.html", "logo.svg", "pic.png"]) {
      await expect(region.getByRole("link", { name: `Download ${name}` })).toBeVisible();
    }
  },

  // Hostile file names: no bidi override, no path, a bounded length, the real extension.
  async p10({ page }) {
    const region = page.getByRole("region", { name: "Attachments" });
    const links = attachmentLinks(page);
    await expect(links).toHaveCount(3);
    const names: string[] = [];
    for (const link of await links.all()) {
      names.push(((await link.getAttribute("aria-label")) ?? "").replace(/^Download /, ""));
    }
    const shown = await region.locator("li p[title]").allTextContents();
    const titles = await region
      .locator("li p[title]")
      .evaluateAll((els) => els.map((e) => e.getAttribute("title") ?? ""));
    for (const name of [...names, ...shown, ...titles]) {
      expect(name, "p10: a bidi control in a displayed name").not.toMatch(BIDI);
      expect(name, "p10: a path separator in a displayed name").not.toMatch(/[/\\]/);
      expect(name, "p10: a name that is only dots").not.toMatch(/^\.+$/);
      expect([...name].length, "p10: a displayed name's length").toBeLessThanOrEqual(255);
    }
    // The right-to-left override hid ".exe" behind "fdp": the real extension must show.
    expect(names.some((n) => /\.exe$/i.test(n))).toBe(true);
    expect(names.some((n) => /lbx-pub-1\.txt$/.test(n))).toBe(true);
    // Downloads: Chromium's suggested name is what a person would save.
    for (const link of await links.all()) {
      const download = await Promise.all([
        page.waitForEvent("download"),
        link.click({ modifiers: [] }),
      ]).then(([d]) => d);
      const suggested = download.suggestedFilename();
      expect(suggested, "p10: downloaded name").not.toMatch(BIDI);
      expect(suggested, "p10: downloaded name").not.toMatch(/[/\\]/);
      expect(Buffer.byteLength(suggested), "p10: downloaded name bytes").toBeLessThanOrEqual(255);
      await download.delete();
    }
    // Nothing was written where the traversal pointed.
    const escaped = ["/tmp", os.tmpdir(), process.cwd(), path.resolve(process.cwd(), "..")].flatMap(
      (dir) =>
        fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.startsWith("lbx-pub-")) : [],
    );
    expect(escaped, "p10: files written outside the data directory").toEqual([]);
  },

  // 1,000 nested multiparts: bounded; the reader shows the message or a clear error, and the
  // next message opens normally.
  async p11({ page }) {
    await open(page, "p01");
    await expect(reader(page).getByRole("heading", { level: 1 })).toHaveText(
      "Welcome to our newsletter",
    );
  },

  // A 4 MB header line and boundaries never closed: the visible text or an explicit error.
  async p12({ page }) {
    const problem = page.getByRole("alert", { name: "Message problem" });
    if ((await problem.count()) === 0) {
      await expect(reader(page)).toContainText("visible text");
      await expect(reader(page).getByRole("heading", { level: 1 })).toHaveText("Unclosed");
    } else {
      await expect(problem).not.toBeEmpty();
    }
    await open(page, "p02");
    await expect(reader(page).getByRole("heading", { level: 1 })).toHaveText("Our new logo");
  },

  // 200,000 sibling parts: capped; the first part's text shows; the list of files is bounded.
  async p13({ page }) {
    const problem = page.getByRole("alert", { name: "Message problem" });
    if ((await problem.count()) === 0) {
      await expect(reader(page)).toContainText("first");
      const files = page.getByRole("region", { name: "Attachments" }).getByRole("listitem");
      expect.soft(await files.count(), "p13: attachments listed").toBeLessThanOrEqual(1_000);
    } else {
      await expect(problem).not.toBeEmpty();
    }
    await open(page, "p03");
    await expect(reader(page).getByRole("heading", { level: 1 })).toHaveText("Formula sheet");
  },

  // Encoded-word abuse: the real address shows, the subject is one line of text.
  async p14({ page }) {
    const header = reader(page).locator("header");
    const from = header.locator("div", { has: page.getByText("From", { exact: true }) }).first();
    await expect(from.getByText("<p14@attacker.test>", { exact: true })).toBeVisible();
    const subject = header.getByRole("heading", { level: 1 });
    const text = (await subject.textContent()) ?? "";
    expect(text, "p14: the subject is one line").not.toMatch(/[\r\n]/);
    expect(text).toContain("Minutes");
    expect(text, "p14: the HTML in the subject is text").toContain("<img");
    await expect(subject.locator("*")).toHaveCount(0);
    await expect(header.locator("img, svg")).toHaveCount(0);
    // The Reply-To display name carries a CRLF and a Cc: shown as text on one line.
    const all = (await header.textContent()) ?? "";
    expect(all).not.toMatch(/[\r\n]/);
  },

  // CSS overlay: the message cannot cover the app's chrome.
  async p15({ page }) {
    const probes = [
      page.getByRole("toolbar", { name: "Message" }).getByRole("button", { name: "Archive" }),
      page.getByRole("toolbar", { name: "Message" }).getByRole("button", { name: "Delete" }),
      page.getByRole("button", { name: "Sign out" }),
      folderLink(page, "Inbox"),
    ];
    for (const control of probes) {
      const box = await control.boundingBox();
      expect(box, "p15: the control is on screen").not.toBeNull();
      if (!box) continue;
      const hit = await page.evaluate(
        ([x, y]) => {
          const el = document.elementFromPoint(x as number, y as number);
          return {
            tag: el?.tagName ?? null,
            control: el?.closest("button, a")?.getAttribute("aria-label") ?? null,
            text: el?.closest("button, a")?.textContent?.trim() ?? null,
          };
        },
        [box.x + box.width / 2, box.y + box.height / 2],
      );
      expect(hit.tag, "p15: what is on top of an app control").not.toBe("IFRAME");
      expect(hit.control ?? hit.text, "p15: an app control is on top").toBeTruthy();
    }
    // The probe can tell: over the message itself, the frame is on top.
    const frameBox = await messageFrameElement(page).boundingBox();
    if (frameBox) {
      const tag = await page.evaluate(
        ([x, y]) => document.elementFromPoint(x as number, y as number)?.tagName ?? null,
        [frameBox.x + frameBox.width / 2, frameBox.y + Math.min(frameBox.height / 2, 40)],
      );
      expect(tag).toBe("IFRAME");
    }
  },
};
