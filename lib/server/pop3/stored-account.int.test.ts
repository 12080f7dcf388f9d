/**
 * The POP3 store as the app runs it: on PostgreSQL (the several-app-servers database), for an
 * account saved at sign-in, its password decrypted and its certificate pin applied by the
 * default resolver — no test resolver. Against Dovecot, as carol.
 */
import { X509Certificate } from "node:crypto";
import fs from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { mailstack, stackUser } from "@/lib/dev/mailstack";
import { deliverMany, resetUser } from "@/scripts/mailstack/stack.mjs";
import { getDb } from "../../db/client.ts";
import { requirePostgresUrl } from "../../db/testing/postgres-url.ts";
import { saveVerifiedAccount } from "../accounts/account-store.ts";
import { checkPop3 } from "./check.ts";
import { pop3Folders } from "./local-folders.ts";
import { deletePop3Messages, setPop3Flags } from "./message-actions.ts";
import { pop3MessageBytes } from "./message-bytes.ts";
import { listPop3Page } from "./message-list.ts";
import { purgePop3Data } from "./purge.ts";
import { nextPop3Check, startPop3Scheduler, stopPop3Scheduler } from "./scheduler.ts";
import { newAccountId, tempDataDir, testMessage } from "./testing/store-test-env.ts";

// account-store is marked server-only (the package throws outside React Server Components).
vi.mock("server-only", () => ({}));

const dataDir = tempDataDir();
const carol = stackUser("carol");
const database = `lbx_pop3_${process.pid}_${Date.now()}`;
let admin: pg.Client;

beforeAll(async () => {
  const url = new URL(requirePostgresUrl());
  admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  url.pathname = `/${database}`;
  process.env.DATABASE_URL = url.toString();
  process.env.LETTERBOX_SECRET = "a test secret of more than sixteen characters";
  // The stack is on loopback: named as the operator's own POP3 server, as a deployment would.
  process.env.LETTERBOX_POP3_HOST = mailstack.host;
});
afterAll(async () => {
  stopPop3Scheduler();
  await (await getDb()).$disconnect();
  await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await admin.end();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("a stored POP3 account on PostgreSQL", () => {
  it("checks, lists, reads, flags, deletes, schedules and purges", async () => {
    const db = await getDb();
    const [server] = await db.$queryRaw<{ version: string }[]>`SELECT version()`;
    expect(server?.version).toMatch(/PostgreSQL/);

    resetUser(carol.login);
    await deliverMany(
      carol.login,
      "INBOX",
      [1, 2].map((n) =>
        testMessage({ subject: `Stored ${n}`, date: new Date(Date.UTC(2026, 2, n)) }),
      ),
    );
    const account = await saveVerifiedAccount(db, {
      email: carol.login,
      password: carol.password,
      settings: {
        incomingProtocol: "pop3",
        incomingHost: mailstack.host,
        incomingPort: mailstack.ports.pop3s,
        incomingSecurity: "tls",
        incomingUsername: carol.login,
        smtpHost: mailstack.host,
        smtpPort: mailstack.ports.submission,
        smtpSecurity: "starttls",
        smtpUsername: carol.login,
      },
      trustedFingerprint: new X509Certificate(fs.readFileSync(mailstack.certFile)).fingerprint256,
    });

    expect(await checkPop3(account.id)).toEqual({ newMessages: 2, deleted: 0, skipped: 0 });
    const page = await listPop3Page(account.id, "INBOX", 0, 10);
    expect(page.messages.map((m) => [m.subject, m.date])).toEqual([
      ["Stored 2", "2026-03-02T00:00:00.000Z"],
      ["Stored 1", "2026-03-01T00:00:00.000Z"],
    ]);
    expect(page.messages[0]).toMatchObject({
      from: [{ name: "Alice Liddell", address: "alice@example.test" }],
      hasAttachments: false,
      flags: { seen: false },
    });
    const row = await db.pop3Message.findUniqueOrThrow({ where: { id: page.messages[0]!.uid } });
    expect(Date.now() - row.firstSeenAt.getTime()).toBeLessThan(60_000);
    const [second, first] = page.messages;
    expect((await pop3MessageBytes(account.id, first!.uid)).toString()).toContain(
      "Subject: Stored 1",
    );
    await setPop3Flags(account.id, [first!.uid], "seen", true);
    await deletePop3Messages(account.id, [second!.uid]);
    const folders = Object.fromEntries(
      (await pop3Folders(account.id)).map((f) => [f.path, [f.total, f.unread]]),
    );
    expect(folders).toMatchObject({ INBOX: [1, 0], Trash: [1, 1] });

    expect(await startPop3Scheduler()).toBeGreaterThanOrEqual(1);
    expect(nextPop3Check(account.id)!.getTime()).toBeGreaterThan(Date.now());
    stopPop3Scheduler();

    await purgePop3Data(account.id);
    expect(await db.pop3Message.count({ where: { accountId: account.id } })).toBe(0);
    expect(fs.existsSync(`${dataDir}/pop3/${account.id}`)).toBe(false);
  });

  it("says so for an account that is not a POP3 account, and records nothing", async () => {
    const id = newAccountId();
    expect((await checkPop3(id)).error).toMatchObject({ code: "NOT_POP3_ACCOUNT" });
    expect(await (await getDb()).pop3Account.count({ where: { accountId: id } })).toBe(0);
  });
});
