/**
 * Reading benchmark (not a test): server time to render a mailbox's first screen for a
 * 100,000-message folder against a 100-message one, and to open a typical message, through
 * the real app (production build) and the stack's Dovecot. The 100-message folder is the
 * anchor: a list that does not fetch every UID costs about the same in both.
 *
 *   npx tsx bench/reader.ts [--runs 15]
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { mailstack, stackUser } from "../lib/dev/mailstack.ts";
import { ImapClient } from "../lib/mail/imap/index.ts";
import { letterboxEnvForStack } from "../scripts/mailstack/app-env.mjs";
import { paths, start } from "../scripts/mailstack/stack.mjs";
import { buildIfStale } from "../scripts/start.mjs";
import { seedMailbox } from "./mailbox-seed.mjs";

const PORT = 3300;
const USER = stackUser("dave");
const FOLDERS = [
  { name: "bench/reader-100", count: 100 },
  { name: "bench/reader-100k", count: 100_000 },
];
const runs = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 15;

async function messageCount(mailbox: string): Promise<number> {
  const client = await ImapClient.connect({
    host: mailstack.host,
    port: mailstack.ports.imap,
    security: "starttls",
    tlsPolicy: { ca: fs.readFileSync(paths.certFile) },
    auth: { user: USER.login, password: USER.password },
  });
  try {
    return (await client.status(mailbox, ["MESSAGES"])).messages ?? 0;
  } catch {
    return 0;
  } finally {
    await client.logout();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not come up`);
}

async function main() {
  await start();
  for (const folder of FOLDERS) {
    if ((await messageCount(folder.name)) !== folder.count) {
      const began = Date.now();
      await seedMailbox({
        user: USER.login,
        mailbox: folder.name,
        count: folder.count,
        replace: true,
      });
      console.log(`seeded ${folder.name}: ${folder.count} messages in ${Date.now() - began} ms`);
    }
  }
  buildIfStale();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lbx-bench-"));
  const server: ChildProcess = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-p", String(PORT), "-H", "127.0.0.1"],
    {
      env: { ...process.env, ...letterboxEnvForStack(dataDir) },
      stdio: "ignore",
    },
  );
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
    ],
  });
  try {
    const base = `http://127.0.0.1:${PORT}`;
    await waitFor(`${base}/login`);
    const page = await browser.newPage({ baseURL: base });
    await page.goto("/login");
    await page.getByLabel("Email address").fill(USER.login);
    await page.getByLabel("Password").fill(USER.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/mail\//);
    const accountId = decodeURIComponent(new URL(page.url()).pathname.split("/")[2]!);
    const rows: string[][] = [];
    for (const folder of FOLDERS) {
      const listUrl = `/mail/${accountId}/${encodeURIComponent(folder.name)}`;
      const times: number[] = [];
      let uid = 0;
      for (let i = 0; i < runs + 2; i++) {
        const started = performance.now();
        const response = await page.request.get(listUrl);
        const html = await response.text();
        if (i >= 2) times.push(performance.now() - started);
        uid ||= Number(/data-uid="(\d+)"/.exec(html)?.[1] ?? 0);
      }
      const openTimes: number[] = [];
      for (let i = 0; i < runs + 2; i++) {
        const started = performance.now();
        const response = await page.request.get(`${listUrl}/${uid}`);
        await response.text();
        if (i >= 2) openTimes.push(performance.now() - started);
      }
      rows.push([
        folder.name,
        String(folder.count),
        median(times).toFixed(1),
        median(openTimes).toFixed(1),
      ]);
    }
    const [small, big] = rows;
    console.log(
      `\nReading benchmark, medians of ${runs} runs (server time for the whole HTML response, ms)`,
    );
    console.log("folder                 messages   first screen   open a message");
    for (const row of rows) {
      console.log(
        `${row[0]!.padEnd(22)} ${row[1]!.padStart(8)} ${row[2]!.padStart(14)} ${row[3]!.padStart(16)}`,
      );
    }
    console.log(
      `\nanchor: the 100-message folder; 100k/100 ratio: first screen ${(Number(big![2]) / Number(small![2])).toFixed(2)}x, open ${(Number(big![3]) / Number(small![3])).toFixed(2)}x`,
    );
  } finally {
    await browser.close();
    server.kill("SIGTERM");
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
