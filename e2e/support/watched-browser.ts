/**
 * A Playwright `test` whose Chromium resolves every host name but the app's to a local sink
 * (sink-server.ts), and whose pages carry a tripwire for script execution. Specs that prove
 * "nothing remote loads" and "no script runs" import `test` and `expect` from here.
 *
 * Script runs are detected the way hostile-public/README.md says: a payload logs a token
 * `LBXPWN:<id>` (judging rewrites the id, so any id counts), or opens a dialog. Chromium also
 * quotes blocked `javascript:` URLs in its own warnings (which then contain the token as text),
 * so only a console message that IS a token counts as a run; every message mentioning one is kept
 * for the failure report.
 */
import { type BrowserContext, test as base, expect, type Page } from "@playwright/test";
import { type Sink, startSink } from "./sink-server.ts";

export { expect };

const TOKEN = /^\s*LBXPWN:[\w.:-]+\s*$/;

export interface Tripwire {
  /** Console messages that are a payload's token: each one is a script that ran. */
  readonly runs: string[];
  /** Alerts, confirms, prompts and beforeunload dialogs, from any frame or popup. */
  readonly dialogs: string[];
  /** Every console message that mentions a token (Chromium's own warnings included). */
  readonly mentions: string[];
  /** Popups (links that opened a new tab) with the URLs they reached. */
  readonly popups: Page[];
  /** Fails unless no script ran and no dialog opened. */
  expectNoScript(what: string): void;
}

function watch(context: BrowserContext): Tripwire {
  const runs: string[] = [];
  const dialogs: string[] = [];
  const mentions: string[] = [];
  const popups: Page[] = [];
  context.on("console", (message) => {
    const text = message.text();
    if (!text.includes("LBXPWN")) return;
    const where = message.page()?.url() ?? "?";
    mentions.push(`${message.type()} in ${where}: ${text}`);
    if (TOKEN.test(text)) runs.push(`${text.trim()} (${message.type()} in ${where})`);
  });
  context.on("dialog", (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  context.on("page", (page) => {
    popups.push(page);
  });
  return {
    runs,
    dialogs,
    mentions,
    popups,
    expectNoScript(what) {
      expect(runs, `scripts that ran (${what}); all mentions: ${mentions.join(" | ")}`).toEqual([]);
      expect(dialogs, `dialogs opened (${what})`).toEqual([]);
    },
  };
}

export const test = base.extend<{ tripwire: Tripwire }, { sink: Sink }>({
  sink: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies by destructuring
    async ({}, use) => {
      const sink = await startSink();
      await use(sink);
      await sink.close();
    },
    { scope: "worker" },
  ],
  // The configured Chromium, plus the resolver rule that sends every other host to the sink.
  browser: [
    async ({ playwright, launchOptions, sink }, use) => {
      const rule = `MAP * 127.0.0.1:${sink.port}, EXCLUDE localhost, EXCLUDE 127.0.0.1`;
      const browser = await playwright.chromium.launch({
        ...launchOptions,
        args: [...(launchOptions.args ?? []), `--host-resolver-rules=${rule}`],
      });
      await use(browser);
      await browser.close();
    },
    { scope: "worker" },
  ],
  tripwire: async ({ context }, use) => {
    await use(watch(context));
  },
});
