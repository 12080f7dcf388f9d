/**
 * The sync when the server misbehaves, against a scripted POP3 server: [IN-USE], [LOGIN-DELAY]
 * and [SYS/TEMP] at login, a session dropped before QUIT (deletions retried), dropped mid-list
 * (progress kept), a header bomb, no UIDL, no TOP, a message opened during a long check, and
 * TOPs pipelined (a -ERR inside the window) or not (a server without PIPELINING).
 * The store is real (SQLite in a temp dir); the well-behaved paths run against Dovecot in
 * store.int.test.ts.
 */
import fs from "node:fs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "../../db/client.ts";
import {
  DEFAULT_CAPABILITIES,
  type FakePop3Script,
  type FakePop3Server,
  fakePop3Server,
} from "../../mail/pop3/testing/fake-pop3-server.ts";
import { selfSignedCertificate, type TestCertificate } from "../../mail/testing/scripted-server.ts";
import { setPop3OptionsResolver } from "./account-connect.ts";
import { getPop3Status, setPop3Policy } from "./account-state.ts";
import { checkPop3 } from "./check.ts";
import { deletePop3Messages } from "./message-actions.ts";
import { pop3MessageBytes } from "./message-bytes.ts";
import { listPop3Page } from "./message-list.ts";
import { onPop3Change, type Pop3ChangeEvent } from "./pop3-events.ts";
import { stopPop3Scheduler } from "./scheduler.ts";
import {
  newAccountId,
  recordingResolver,
  tempDataDir,
  testMessage,
  type WireLog,
} from "./testing/store-test-env.ts";

const dataDir = tempDataDir();
let cert: TestCertificate;
let server: FakePop3Server | undefined;
let wire: WireLog;
let account: string;
const events: Pop3ChangeEvent[] = [];

beforeAll(() => {
  cert = selfSignedCertificate();
  wire = recordingResolver(() => ({
    host: "127.0.0.1",
    port: server!.port,
    security: "starttls",
    tlsPolicy: { ca: cert.cert },
    auth: { user: "alice", password: "secret" },
  }));
  onPop3Change((event) => events.push(event));
});
afterAll(() => {
  stopPop3Scheduler();
  setPop3OptionsResolver(undefined);
  fs.rmSync(dataDir, { recursive: true, force: true });
});
beforeEach(() => {
  account = newAccountId();
  wire.clear();
  events.length = 0;
});
afterEach(async () => {
  // Requested checks (after deletions) must not outlive the test's server.
  stopPop3Scheduler();
  await server?.close();
  server = undefined;
});

function messages(...subjects: string[]) {
  return subjects.map((subject, i) => ({
    uid: `uid-${subject}`,
    data: testMessage({ subject, date: new Date(Date.UTC(2026, 1, i + 1)) }),
  }));
}

async function serve(script: FakePop3Script): Promise<FakePop3Server> {
  server = await fakePop3Server({ certificate: cert, ...script });
  return server;
}

const isLogin = (command: string) => /^(AUTH|PASS)\b/i.test(command);
const secondsFromNow = (date: Date | null) =>
  date ? Math.round((date.getTime() - Date.now()) / 1000) : null;

describe("server refusals at login", () => {
  it("[IN-USE]: says another program is reading, retries in a minute, manual checks go ahead", async () => {
    await serve({
      messages: messages("a"),
      on: (command) => (isLogin(command) ? "-ERR [IN-USE] Mailbox is locked" : undefined),
    });
    const result = await checkPop3(account, { reason: "schedule" });
    expect(result).toMatchObject({
      newMessages: 0,
      error: {
        code: "POP3_IN_USE",
        message:
          "Another program is reading this mailbox right now; Letterbox will try again shortly.",
        serverSaid: "[IN-USE] Mailbox is locked",
      },
    });
    const status = await getPop3Status(account);
    expect(status.lastError).toEqual({ code: "POP3_IN_USE", text: "Mailbox is locked" });
    expect(secondsFromNow(status.notBefore)).toBeGreaterThanOrEqual(58);
    expect(secondsFromNow(status.notBefore)).toBeLessThanOrEqual(60);
    expect(events).toContainEqual(
      expect.objectContaining({ kind: "check", problem: result.error }),
    );

    wire.clear();
    expect(await checkPop3(account, { reason: "schedule" })).toMatchObject({
      postponedUntil: status.notBefore,
    });
    expect(wire.sessions).toBe(0);
    await checkPop3(account, { reason: "manual" });
    expect(wire.sessions).toBe(1);
  });

  it("[LOGIN-DELAY]: learns the delay from CAPA and does not log in again before it is over", async () => {
    await serve({
      messages: messages("a"),
      capabilities: [...DEFAULT_CAPABILITIES, "LOGIN-DELAY 900"],
    });
    expect(await checkPop3(account)).toEqual({ newMessages: 1, deleted: 0, skipped: 0 });
    const status = await getPop3Status(account);
    expect(status.loginDelaySeconds).toBe(900);
    expect(secondsFromNow(status.notBefore)).toBeGreaterThanOrEqual(898);
    wire.clear();
    const early = await checkPop3(account, { reason: "manual" });
    expect(early.error).toEqual({
      code: "POP3_LOGIN_DELAY",
      message: "The server allows a check only every 15 minutes; Letterbox will check again then.",
    });
    expect(wire.sessions).toBe(0);
  });

  it("[LOGIN-DELAY] refused without an announced delay: waits the fallback, says so", async () => {
    await serve({
      on: (command) => (isLogin(command) ? "-ERR [LOGIN-DELAY] Too soon" : undefined),
    });
    const result = await checkPop3(account);
    expect(result.error).toMatchObject({
      code: "POP3_LOGIN_DELAY",
      message: "The server allows a check only every so often; Letterbox will check again later.",
      serverSaid: "[LOGIN-DELAY] Too soon",
    });
    expect(secondsFromNow((await getPop3Status(account)).notBefore)).toBeGreaterThanOrEqual(898);
  });

  it("[SYS/TEMP]: a temporary problem on the server", async () => {
    await serve({
      on: (command) => (isLogin(command) ? "-ERR [SYS/TEMP] Storage offline" : undefined),
    });
    expect((await checkPop3(account)).error).toMatchObject({
      code: "POP3_TEMPORARY",
      message: expect.stringMatching(/temporary problem/),
    });
  });
});

describe("sessions that end badly", () => {
  it("a session dropped before QUIT deletes nothing; the next check sends DELE again", async () => {
    let dropAtQuit = true;
    const fake = await serve({
      messages: messages("keep", "drop"),
      on: (command, session) => {
        if (
          command === "QUIT" &&
          dropAtQuit &&
          session.commands.some((c) => c.startsWith("DELE"))
        ) {
          session.socket.destroy();
          return null;
        }
        return undefined;
      },
    });
    await setPop3Policy(account, {
      leaveOnServer: true,
      deleteAfterDays: null,
      deleteWhenDeletedHere: true,
    });
    await checkPop3(account);
    const drop = (await listPop3Page(account, "INBOX", 0, 10)).messages.find(
      (m) => m.subject === "drop",
    )!;
    await deletePop3Messages(account, [drop.uid], { forGood: true });

    const failed = await checkPop3(account);
    expect(failed).toMatchObject({ deleted: 0, error: { code: "CLOSED" } });
    expect(fake.messages.map((m) => m.uid)).toEqual(["uid-keep", "uid-drop"]);
    const db = await getDb();
    expect(await db.pop3Message.findUnique({ where: { id: drop.uid } })).toMatchObject({
      deleteFromServer: true,
      deleAttempts: 1,
      subject: "",
    });

    dropAtQuit = false;
    expect(await checkPop3(account)).toEqual({ newMessages: 0, deleted: 1, skipped: 0 });
    expect(fake.messages.map((m) => m.uid)).toEqual(["uid-keep"]);
    expect(wire.count("DELE")).toBe(2);
    expect(await db.pop3Message.findUnique({ where: { id: drop.uid } })).toBeNull();
    expect((await listPop3Page(account, "INBOX", 0, 10)).messages.map((m) => m.subject)).toEqual([
      "keep",
    ]);
  });

  it("a session dropped during the first listing keeps what it read; the next goes on from there", async () => {
    let tops = 0;
    await serve({
      messages: messages("m1", "m2", "m3", "m4", "m5"),
      on: (command, session) => {
        if (command.startsWith("TOP") && ++tops === 3) {
          // The connection ends before the third answer. end(), not destroy(): the TOPs come
          // pipelined, and a TLS socket destroyed at once would drop the two answers written
          // just before, which a real server had long sent.
          session.socket.end();
          return null;
        }
        return undefined;
      },
    });
    expect(await checkPop3(account)).toMatchObject({ newMessages: 2, error: { code: "CLOSED" } });
    // Newest first: m5 and m4 arrived before the drop.
    expect((await listPop3Page(account, "INBOX", 0, 10)).messages.map((m) => m.subject)).toEqual([
      "m5",
      "m4",
    ]);
    wire.clear();
    expect(await checkPop3(account)).toEqual({ newMessages: 3, deleted: 0, skipped: 0 });
    expect(wire.count("TOP")).toBe(3);
    expect((await listPop3Page(account, "INBOX", 0, 10)).total).toBe(5);
  });

  it("a header bomb past the TOP limit gets a bare row, and the check goes on in a new session", async () => {
    // Five megabytes of header in lines of a kilobyte: more than TOP may hold (4 MB), each line
    // within the client's line limit, so RETR can still fetch it whole.
    const pad = Array.from({ length: 5 * 1024 }, (_, i) => `X-Pad-${i}: ${"a".repeat(1000)}\r\n`);
    const bomb = Buffer.from(`Subject: bomb\r\n${pad.join("")}\r\nbody\r\n`, "latin1");
    await serve({
      messages: [...messages("before"), { uid: "uid-bomb", data: bomb }, ...messages("after")],
    });
    expect(await checkPop3(account)).toEqual({ newMessages: 3, deleted: 0, skipped: 0 });
    expect(wire.sessions).toBe(2);
    const page = await listPop3Page(account, "INBOX", 0, 10);
    const bare = page.messages.find((m) => m.subject === "")!;
    expect(bare.size).toBe(bomb.length);
    expect(page.messages.map((m) => m.subject).sort()).toEqual(["", "after", "before"]);
    wire.clear();
    expect(await checkPop3(account)).toEqual({ newMessages: 0, deleted: 0, skipped: 0 });
    expect(wire.sessions).toBe(1);
    expect((await pop3MessageBytes(account, bare.uid)).length).toBe(bomb.length);
  });
});

describe("a first listing with PIPELINING (RFC 2449 section 6.6)", () => {
  const topsOf = (fake: FakePop3Server) => {
    const session = fake.sessions.at(-1)!;
    return session.commands
      .map((command, i) => ({ command, owed: session.owedAtArrival[i]! }))
      .filter((c) => c.command.startsWith("TOP"));
  };

  it("a TOP refused in the middle of a window gives that message a bare row; the rest are whole", async () => {
    const fake = await serve({
      messages: messages("m1", "m2", "m3", "m4", "m5", "m6"),
      answerDelayMs: 2,
      on: (command) => (command === "TOP 4 30" ? "-ERR Message is being expunged" : undefined),
    });
    expect(await checkPop3(account)).toEqual({ newMessages: 6, deleted: 0, skipped: 0 });
    const tops = topsOf(fake);
    expect(tops).toHaveLength(6);
    // Sent ahead of their answers: the last of them went out with five answers still owed.
    expect(Math.max(...tops.map((t) => t.owed))).toBe(5);
    const page = await listPop3Page(account, "INBOX", 0, 10);
    expect(page.messages.map((m) => m.subject).sort()).toEqual(["", "m1", "m2", "m3", "m5", "m6"]);
    expect(page.messages.find((m) => m.subject === "")!.size).toBe(fake.messages[3]!.data.length);
    // Not asked for again: the bare row stands for it.
    wire.clear();
    expect(await checkPop3(account)).toEqual({ newMessages: 0, deleted: 0, skipped: 0 });
    expect(wire.count("TOP")).toBe(0);
  });

  it("a server without PIPELINING gets its TOPs one at a time, as before", async () => {
    const fake = await serve({
      messages: messages("m1", "m2", "m3", "m4"),
      capabilities: DEFAULT_CAPABILITIES.filter((c) => c !== "PIPELINING"),
      answerDelayMs: 2,
    });
    expect(await checkPop3(account)).toEqual({ newMessages: 4, deleted: 0, skipped: 0 });
    const session = fake.sessions.at(-1)!;
    expect(session.owedAtArrival.every((owed) => owed === 0)).toBe(true);
    expect(topsOf(fake)).toHaveLength(4);
  });
});

describe("servers with less than usual", () => {
  it("without UIDL, says it cannot tell messages apart", async () => {
    await serve({
      messages: messages("a"),
      capabilities: DEFAULT_CAPABILITIES.filter((c) => c !== "UIDL"),
      on: (command) => (command === "UIDL" ? "-ERR Unknown command." : undefined),
    });
    expect((await checkPop3(account)).error).toMatchObject({
      code: "NO_UIDL",
      message: expect.stringMatching(/UIDL/),
    });
  });

  it("without TOP, downloads each new message once and keeps it", async () => {
    const fake = await serve({
      messages: messages("a", "b"),
      capabilities: DEFAULT_CAPABILITIES.filter((c) => c !== "TOP"),
    });
    expect(await checkPop3(account)).toEqual({ newMessages: 2, deleted: 0, skipped: 0 });
    expect(wire.count("TOP")).toBe(0);
    expect(wire.count("RETR")).toBe(2);
    const [b] = (await listPop3Page(account, "INBOX", 0, 10)).messages;
    wire.clear();
    expect(await pop3MessageBytes(account, b!.uid)).toEqual(fake.messages[1]!.data);
    expect(wire.sessions).toBe(0);
  });
});

describe("one session per account", () => {
  it("a message opened during a check joins the check's session instead of waiting for it", async () => {
    let listed: () => void = () => {};
    const listReached = new Promise<void>((resolve) => {
      listed = resolve;
    });
    let slowList = false;
    const fake = await serve({
      messages: messages("old", "new"),
      on: (command) => {
        if (command !== "LIST" || !slowList) return undefined;
        listed();
        const rows = fake.messages.map((m, i) => `${i + 1} ${m.data.length}\r\n`).join("");
        // Late, but in its place: commands pipelined behind it are answered after it.
        return new Promise((resolve) => setTimeout(() => resolve(`+OK\r\n${rows}.`), 300));
      },
    });
    fake.messages.pop();
    await checkPop3(account);
    const [old] = (await listPop3Page(account, "INBOX", 0, 10)).messages;
    fake.messages.push(...messages("old", "new").slice(1));
    wire.clear();
    slowList = true;

    const check = checkPop3(account);
    await listReached;
    const bytes = await pop3MessageBytes(account, old!.uid);
    expect(bytes).toEqual(fake.messages[0]!.data);
    expect(await check).toEqual({ newMessages: 1, deleted: 0, skipped: 0 });
    expect(wire.sessions).toBe(1);
    // Both in the one session, before its QUIT.
    const commands = fake.sessions.at(-1)!.commands.filter((c) => /^(RETR|TOP|QUIT)/.test(c));
    expect([...commands].sort()).toEqual(["QUIT", "RETR 1", "TOP 2 30"]);
    expect(commands.at(-1)).toBe("QUIT");
  });
});
