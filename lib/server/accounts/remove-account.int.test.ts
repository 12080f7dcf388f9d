/**
 * Removing a linked account, on a throwaway SQLite database: the row and its encrypted
 * password go, the person's other browsers are signed out (whoever knew the removed
 * password may be one of them), this browser stays on a remaining account.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "../../db/client.ts";
import { openTempSqlite, type TempSqlite } from "../../db/testing/temp-sqlite.ts";
import { createSession, findSession, sessionStillHolds } from "../auth/session-store.ts";
import { forgetServerKey } from "../crypto/server-key.ts";
import { saveVerifiedAccount } from "./account-store.ts";
import { removeAccount } from "./remove-account.ts";
import type { ServerSettings } from "./server-settings.ts";

vi.mock("server-only", () => ({}));

let temp: TempSqlite;
let db: Db;

beforeAll(async () => {
  delete process.env.LETTERBOX_SECRET;
  forgetServerKey();
  temp = await openTempSqlite("lbx-remove");
  db = temp.db;
});
afterAll(async () => {
  await temp.remove();
});

function settings(user: string): ServerSettings {
  return {
    incomingProtocol: "imap",
    incomingHost: "imap.example.test",
    incomingPort: 993,
    incomingSecurity: "tls",
    incomingUsername: user,
    smtpHost: "smtp.example.test",
    smtpPort: 587,
    smtpSecurity: "starttls",
    smtpUsername: user,
  };
}

async function linkedPair(prefix: string) {
  const main = await saveVerifiedAccount(db, {
    email: `${prefix}@example.test`,
    settings: settings(prefix),
    password: "main password",
  });
  const shared = await saveVerifiedAccount(db, {
    email: `${prefix}-team@example.test`,
    settings: settings(`${prefix}-team`),
    password: "team password",
    userId: main.userId,
  });
  return { main, shared, userId: main.userId };
}

describe("removeAccount", () => {
  it("deletes the account and signs out every other browser of the person", async () => {
    const { main, shared, userId } = await linkedPair("ann");
    const here = await createSession(db, userId, shared.id);
    const viaShared = await createSession(db, userId, shared.id);
    const viaMain = await createSession(db, userId, main.id);
    const hereId = (await findSession(db, here.token))!.sessionId;
    const viaMainId = (await findSession(db, viaMain.token))!.sessionId;
    expect(await sessionStillHolds(db, viaMainId, shared.id)).toBe(true);

    await removeAccount(db, userId, shared.id, hereId);

    // What a live watch asks at each keepalive.
    expect(await sessionStillHolds(db, viaMainId, main.id)).toBe(false);
    expect(await sessionStillHolds(db, hereId, shared.id)).toBe(false);
    expect(await sessionStillHolds(db, hereId, main.id)).toBe(true);

    expect(await db.mailAccount.findUnique({ where: { id: shared.id } })).toBeNull();
    const stillHere = await findSession(db, here.token);
    expect(stillHere?.accountId).toBe(main.id);
    expect(await findSession(db, viaShared.token)).toBeNull();
    expect(await findSession(db, viaMain.token)).toBeNull();
    expect(await db.mailAccount.findUnique({ where: { id: main.id } })).not.toBeNull();
  });

  it("refuses to remove the only account, or someone else's", async () => {
    const { main, shared, userId } = await linkedPair("bea");
    const other = await linkedPair("cid");
    const here = await createSession(db, userId, main.id);
    const hereId = (await findSession(db, here.token))!.sessionId;

    await expect(removeAccount(db, userId, other.main.id, hereId)).rejects.toThrow(
      "That account is not one of yours.",
    );
    expect(await db.mailAccount.findUnique({ where: { id: other.main.id } })).not.toBeNull();

    await removeAccount(db, userId, shared.id, hereId);
    await expect(removeAccount(db, userId, main.id, hereId)).rejects.toThrow(
      "This is your only account. Sign out instead of removing it.",
    );
    expect((await findSession(db, here.token))?.accountId).toBe(main.id);
  });
});
