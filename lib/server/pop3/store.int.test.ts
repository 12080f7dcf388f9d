/**
 * The POP3 store and sync against the local stack's real Dovecot, as carol: checking, listing,
 * reading, flags and local folders, with a throwaway SQLite database and data directory.
 * Deletion and the policy are in store-deletion.int.test.ts.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deliverMany, deliverRaw, resetUser } from "@/scripts/mailstack/stack.mjs";
import { setPop3OptionsResolver } from "./account-connect.ts";
import { checkPop3 } from "./check.ts";
import {
  createLocalFolder,
  deleteLocalFolder,
  pop3Folders,
  renameLocalFolder,
} from "./local-folders.ts";
import { movePop3Messages, setPop3Flags } from "./message-actions.ts";
import { pop3MessageBytes } from "./message-bytes.ts";
import { listPop3Page } from "./message-list.ts";
import { onPop3Change, type Pop3ChangeEvent } from "./pop3-events.ts";
import { stopPop3Scheduler } from "./scheduler.ts";
import { carol, carolOptions, day } from "./testing/carol-mailbox.ts";
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

describe("checking and listing", () => {
  it("lists from UIDL + LIST + TOP, never RETR, newest first; a second check sends no TOP", async () => {
    await deliverMany(
      carol.login,
      "INBOX",
      [3, 1, 2].map((n) =>
        testMessage({ subject: `Day ${n}`, date: day(n), body: `Hello from day ${n}\n> quoted` }),
      ),
    );
    const first = await checkPop3(account, { reason: "manual" });
    expect(first).toEqual({ newMessages: 3, deleted: 0, skipped: 0 });
    expect(wire.sessions).toBe(1);
    expect(wire.count("UIDL")).toBe(1);
    expect(wire.count("LIST")).toBe(1);
    expect(wire.count("TOP")).toBe(3);
    expect(wire.count("RETR")).toBe(0);
    expect(wire.count("QUIT")).toBe(1);

    const page = await listPop3Page(account, "INBOX", 0, 50);
    expect(page.total).toBe(3);
    expect(page.messages.map((m) => m.subject)).toEqual(["Day 3", "Day 2", "Day 1"]);
    expect(page.messages[0]).toMatchObject({
      from: [{ name: "Alice Liddell", address: "alice@example.test" }],
      to: [{ name: "", address: "carol@example.test" }],
      date: day(3).toISOString(),
      preview: "Hello from day 3",
      hasAttachments: false,
      flags: { seen: false, flagged: false, answered: false, forwarded: false, draft: false },
    });
    expect(page.messages[0]!.size).toBeGreaterThan(200);
    expect(new Set(page.messages.map((m) => m.uid)).size).toBe(3);
    expect(events.some((e) => e.kind === "new" && e.accountId === account)).toBe(true);

    wire.clear();
    const second = await checkPop3(account, { reason: "schedule" });
    expect(second).toEqual({ newMessages: 0, deleted: 0, skipped: 0 });
    expect(wire.commands.filter((c) => !/^(CAPA|STLS|AUTH|USER|PASS)/.test(c))).toEqual([
      "UIDL",
      "LIST",
      "QUIT",
    ]);
    const again = await listPop3Page(account, "INBOX", 0, 50);
    expect(again.messages.map((m) => m.uid)).toEqual(page.messages.map((m) => m.uid));
    expect(again.version).toBe(page.version);
  });

  it("pages and searches the kept list without the server", async () => {
    await deliverMany(
      carol.login,
      "INBOX",
      Array.from({ length: 7 }, (_, i) =>
        testMessage({
          subject: i === 2 ? "Quarterly Report 100%" : `Note ${i}`,
          date: day(i + 1),
          from: i === 4 ? "Zoë Ünder <zoe@example.test>" : undefined,
        }),
      ),
    );
    await checkPop3(account);
    wire.clear();
    const pages = await Promise.all([0, 1, 2, 3].map((i) => listPop3Page(account, "INBOX", i, 3)));
    expect(pages.map((p) => p.messages.length)).toEqual([3, 3, 1, 0]);
    expect(pages[2]!.messages[0]!.subject).toBe("Note 0");
    expect((await listPop3Page(account, "INBOX", 0, 50, "report 100%")).messages).toMatchObject([
      { subject: "Quarterly Report 100%" },
    ]);
    expect((await listPop3Page(account, "INBOX", 0, 50, "ZOË")).total).toBe(1);
    expect((await listPop3Page(account, "INBOX", 0, 50, "note 100%")).total).toBe(0);
    expect((await listPop3Page(account, "INBOX", 0, 50, "_")).total).toBe(0);
    expect(wire.sessions).toBe(0);
    await expect(listPop3Page(account, "INBOX", -1, 50)).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    await expect(listPop3Page(account, "Nope", 0, 50)).rejects.toMatchObject({
      problem: "FOLDER_NOT_FOUND",
    });
  });
});

describe("reading", () => {
  it("RETRs a message once, byte for byte, and reads it from the store after that", async () => {
    const bytes = Buffer.concat([
      testMessage({ subject: "Read me", body: "line\n.dot line\nnaïve ✓" }),
      Buffer.from("\r\n"),
    ]);
    await deliverRaw(carol.login, "INBOX", bytes);
    await checkPop3(account);
    const [message] = (await listPop3Page(account, "INBOX", 0, 10)).messages;
    wire.clear();
    expect(await pop3MessageBytes(account, message!.uid)).toEqual(bytes);
    expect(wire.count("RETR")).toBe(1);
    expect(fs.readFileSync(path.join(dataDir, "pop3", account, `${message!.uid}.eml`))).toEqual(
      bytes,
    );
    wire.clear();
    expect(await pop3MessageBytes(account, message!.uid)).toEqual(bytes);
    expect(wire.sessions).toBe(0);
    await expect(pop3MessageBytes(account, 999_999_999)).rejects.toMatchObject({
      problem: "MESSAGE_NOT_FOUND",
    });
    await expect(pop3MessageBytes(newAccountId(), message!.uid)).rejects.toMatchObject({
      problem: "MESSAGE_NOT_FOUND",
    });
  });

  it("refuses to open a message removed from the server before it was downloaded", async () => {
    await deliverRaw(carol.login, "INBOX", testMessage({ subject: "Fleeting" }));
    await checkPop3(account);
    const [message] = (await listPop3Page(account, "INBOX", 0, 10)).messages;
    resetUser(carol.login);
    await expect(pop3MessageBytes(account, message!.uid)).rejects.toMatchObject({
      problem: "MESSAGE_GONE",
    });
    // The next check sees it gone and, never downloaded, it leaves the list.
    await checkPop3(account);
    expect((await listPop3Page(account, "INBOX", 0, 10)).total).toBe(0);
  });
});

describe("flags and local folders", () => {
  it("keeps flags and folders in the store, with counts, through rename and delete", async () => {
    await deliverMany(
      carol.login,
      "INBOX",
      [1, 2, 3].map((n) => testMessage({ subject: `M${n}`, date: day(n) })),
    );
    await checkPop3(account);
    const [m3, m2, m1] = (await listPop3Page(account, "INBOX", 0, 10)).messages;
    wire.clear();

    expect(await setPop3Flags(account, [m3!.uid, m2!.uid], "seen", true)).toBe(2);
    expect(await setPop3Flags(account, [m1!.uid], "flagged", true)).toBe(1);
    // Another account's ids are not found, whatever they are.
    expect(await setPop3Flags(newAccountId(), [m1!.uid], "seen", true)).toBe(0);
    await expect(setPop3Flags(account, [m1!.uid], "deleted" as "seen", true)).rejects.toThrow();

    expect(await createLocalFolder(account, "  Receipts ")).toBe("Receipts");
    await expect(createLocalFolder(account, "receipts")).rejects.toMatchObject({
      problem: "FOLDER_EXISTS",
    });
    await expect(createLocalFolder(account, "trash")).rejects.toMatchObject({
      problem: "FOLDER_EXISTS",
    });
    await expect(createLocalFolder(account, "a\u202etxt")).rejects.toMatchObject({
      problem: "FOLDER_NAME",
    });
    expect(await movePop3Messages(account, [m1!.uid, m2!.uid], "Receipts")).toBe(2);
    await expect(movePop3Messages(account, [m3!.uid], "Elsewhere")).rejects.toMatchObject({
      problem: "FOLDER_NOT_FOUND",
    });

    const counts = (folders: Awaited<ReturnType<typeof pop3Folders>>) =>
      Object.fromEntries(folders.map((f) => [f.path, [f.total, f.unread, f.specialUse]]));
    expect(counts(await pop3Folders(account))).toEqual({
      INBOX: [1, 0, "inbox"],
      Drafts: [0, 0, "drafts"],
      Sent: [0, 0, "sent"],
      Trash: [0, 0, "trash"],
      Receipts: [2, 1, null],
    });
    const inReceipts = await listPop3Page(account, "Receipts", 0, 10);
    expect(inReceipts.messages.map((m) => [m.subject, m.flags.seen, m.flags.flagged])).toEqual([
      ["M2", true, false],
      ["M1", false, true],
    ]);

    expect(await renameLocalFolder(account, "Receipts", "Bills")).toBe("Bills");
    expect((await listPop3Page(account, "Bills", 0, 10)).total).toBe(2);
    await expect(renameLocalFolder(account, "INBOX", "Box")).rejects.toMatchObject({
      problem: "FOLDER_BUILTIN",
    });
    expect(await deleteLocalFolder(account, "Bills")).toBe(2);
    expect(counts(await pop3Folders(account))).toMatchObject({ Trash: [2, 1, "trash"] });
    expect((await pop3Folders(account)).map((f) => f.path)).not.toContain("Bills");

    // A check changes none of it: flags and folders are Letterbox's own.
    await checkPop3(account);
    expect(counts(await pop3Folders(account))).toMatchObject({
      INBOX: [1, 0, "inbox"],
      Trash: [2, 1, "trash"],
    });
    expect(events.map((e) => e.kind)).toEqual(
      expect.arrayContaining(["flags", "folders", "moved", "check"]),
    );
    expect(wire.count("RETR") + wire.count("DELE")).toBe(0);
  });
});
