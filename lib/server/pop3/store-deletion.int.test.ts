/**
 * Deleting POP3 messages against the local stack's real Dovecot, as carol: to Trash and for
 * good, the policy (leave on server, delete when deleted here, after N days), UIDL tracking so
 * nothing deleted comes back, and removing the account's data.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deliverMany, deliverRaw, resetUser } from "@/scripts/mailstack/stack.mjs";
import { getDb } from "../../db/client.ts";
import { setPop3OptionsResolver } from "./account-connect.ts";
import { getPop3Policy, setPop3Policy } from "./account-state.ts";
import { checkPop3 } from "./check.ts";
import { createLocalFolder, pop3Folders } from "./local-folders.ts";
import { deletePop3Messages } from "./message-actions.ts";
import { pop3MessageBytes } from "./message-bytes.ts";
import { listPop3Page } from "./message-list.ts";
import { onPop3Change, type Pop3ChangeEvent } from "./pop3-events.ts";
import { purgePop3Data } from "./purge.ts";
import { stopPop3Scheduler } from "./scheduler.ts";
import { carol, carolOptions, day, serverUidls } from "./testing/carol-mailbox.ts";
import {
  newAccountId,
  recordingResolver,
  tempDataDir,
  testMessage,
  type WireLog,
} from "./testing/store-test-env.ts";

const dataDir = tempDataDir();
let wire: WireLog;
let account: string;
const events: Pop3ChangeEvent[] = [];

beforeAll(() => {
  wire = recordingResolver(carolOptions);
  onPop3Change((event) => events.push(event));
});
afterAll(() => {
  stopPop3Scheduler();
  setPop3OptionsResolver(undefined);
  fs.rmSync(dataDir, { recursive: true, force: true });
});
beforeEach(() => {
  // A check a previous test asked for (after a deletion) must not run in this one.
  stopPop3Scheduler();
  resetUser(carol.login);
  account = newAccountId();
  wire.clear();
  events.length = 0;
});

describe("deleting", () => {
  it("leaves the server's copy by default, and a deleted message never comes back", async () => {
    await deliverRaw(carol.login, "INBOX", testMessage({ subject: "Spam" }));
    await checkPop3(account);
    const [spam] = (await listPop3Page(account, "INBOX", 0, 10)).messages;
    await pop3MessageBytes(account, spam!.uid);
    expect(await deletePop3Messages(account, [spam!.uid])).toEqual({
      trashed: 1,
      deleted: 0,
      serverDeletions: 0,
    });
    expect((await listPop3Page(account, "Trash", 0, 10)).total).toBe(1);
    expect(await deletePop3Messages(account, [spam!.uid])).toEqual({
      trashed: 0,
      deleted: 1,
      serverDeletions: 0,
    });
    expect(fs.existsSync(path.join(dataDir, "pop3", account, `${spam!.uid}.eml`))).toBe(false);
    const before = await serverUidls();
    expect(before).toHaveLength(1);

    wire.clear();
    expect(await checkPop3(account)).toEqual({ newMessages: 0, deleted: 0, skipped: 0 });
    expect(wire.count("TOP") + wire.count("DELE")).toBe(0);
    expect((await pop3Folders(account)).every((f) => f.total === 0)).toBe(true);
    expect(await serverUidls()).toEqual(before);
  });

  it("sends DELE + QUIT for a message deleted here when the policy says so", async () => {
    await setPop3Policy(account, {
      leaveOnServer: true,
      deleteAfterDays: null,
      deleteWhenDeletedHere: true,
    });
    await deliverMany(carol.login, "INBOX", [
      testMessage({ subject: "Keep", date: day(1) }),
      testMessage({ subject: "Drop", date: day(2) }),
    ]);
    await checkPop3(account);
    const [drop, keep] = (await listPop3Page(account, "INBOX", 0, 10)).messages;
    expect(drop!.subject).toBe("Drop");
    const [keepUidl] = await serverUidls();
    // The deletion asks for a check of its own, which sends DELE and QUIT.
    const checked = new Promise<Pop3ChangeEvent>((resolve) => {
      const off = onPop3Change((event) => {
        if (event.accountId !== account || event.kind !== "check") return;
        off();
        resolve(event);
      });
    });
    wire.clear();
    expect(await deletePop3Messages(account, [drop!.uid], { forGood: true })).toMatchObject({
      deleted: 1,
      serverDeletions: 1,
    });
    expect((await checked).problem).toBeUndefined();
    expect(wire.count("DELE")).toBe(1);
    expect(wire.count("RETR")).toBe(0);
    expect(wire.count("QUIT")).toBe(1);
    expect(await serverUidls()).toEqual([keepUidl]);
    const db = await getDb();
    expect(await db.pop3Message.count({ where: { accountId: account } })).toBe(1);
    expect((await listPop3Page(account, "INBOX", 0, 10)).messages.map((m) => m.uid)).toEqual([
      keep!.uid,
    ]);
  });

  it("with 'leave on server' off, downloads new mail, deletes it there and reads it from here", async () => {
    await setPop3Policy(account, {
      leaveOnServer: false,
      deleteAfterDays: null,
      deleteWhenDeletedHere: false,
    });
    const bytes = testMessage({ subject: "Collected", body: "kept here only" });
    await deliverRaw(carol.login, "INBOX", bytes);
    expect(await checkPop3(account)).toEqual({ newMessages: 1, deleted: 1, skipped: 0 });
    expect(wire.count("TOP")).toBe(1);
    expect(wire.count("RETR")).toBe(1);
    expect(await serverUidls()).toEqual([]);
    const [message] = (await listPop3Page(account, "INBOX", 0, 10)).messages;
    wire.clear();
    expect(await pop3MessageBytes(account, message!.uid)).toEqual(bytes);
    expect(await checkPop3(account)).toEqual({ newMessages: 0, deleted: 0, skipped: 0 });
    // Off the server, the kept message stays in the list.
    expect((await listPop3Page(account, "INBOX", 0, 10)).total).toBe(1);
    expect(wire.count("RETR")).toBe(0);
  });

  it("deletes messages first seen more than N days ago, keeping them here", async () => {
    await deliverMany(carol.login, "INBOX", [
      testMessage({ subject: "Old", date: day(1) }),
      testMessage({ subject: "New", date: day(2) }),
    ]);
    await checkPop3(account);
    const db = await getDb();
    const [fresh, old] = (await listPop3Page(account, "INBOX", 0, 10)).messages;
    await db.pop3Message.update({
      where: { id: old!.uid },
      data: { firstSeenAt: new Date(Date.now() - 8 * 24 * 60 * 60 * 1000) },
    });
    await setPop3Policy(account, { ...(await getPop3Policy(account)), deleteAfterDays: 7 });
    expect(await checkPop3(account)).toEqual({ newMessages: 0, deleted: 1, skipped: 0 });
    expect(await serverUidls()).toHaveLength(1);
    expect((await listPop3Page(account, "INBOX", 0, 10)).messages.map((m) => m.uid)).toEqual([
      fresh!.uid,
      old!.uid,
    ]);
    expect((await pop3MessageBytes(account, old!.uid)).toString()).toContain("Subject: Old");
    await expect(
      setPop3Policy(account, { ...(await getPop3Policy(account)), deleteAfterDays: -1 }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });
});

describe("removing the account", () => {
  it("purges rows and files", async () => {
    await deliverRaw(carol.login, "INBOX", testMessage({ subject: "Bye" }));
    await checkPop3(account);
    await createLocalFolder(account, "Mine");
    const [message] = (await listPop3Page(account, "INBOX", 0, 10)).messages;
    await pop3MessageBytes(account, message!.uid);
    expect(fs.existsSync(path.join(dataDir, "pop3", account))).toBe(true);
    await purgePop3Data(account);
    const db = await getDb();
    const where = { where: { accountId: account } };
    expect(
      await Promise.all([
        db.pop3Message.count(where),
        db.pop3Folder.count(where),
        db.pop3Account.count(where),
      ]),
    ).toEqual([0, 0, 0]);
    expect(fs.existsSync(path.join(dataDir, "pop3", account))).toBe(false);
  });
});
