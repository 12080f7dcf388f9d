/** Session lifetimes on a throwaway SQLite database: idle expiry slides, the absolute age holds. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client.ts";
import { openTempSqlite, type TempSqlite } from "../../db/testing/temp-sqlite.ts";
import {
  createSession,
  findSession,
  hashToken,
  SESSION_IDLE_MS,
  SESSION_MAX_AGE_MS,
} from "./session-store.ts";

let temp: TempSqlite;
let db: Db;
let userId: string;
let accountId: string;

beforeAll(async () => {
  temp = await openTempSqlite("lbx-sessions");
  db = temp.db;
  userId = (await db.user.create({ data: {} })).id;
  accountId = (
    await db.mailAccount.create({
      data: {
        userId,
        email: "ann@example.test",
        incomingProtocol: "imap",
        incomingHost: "imap.example.test",
        incomingPort: 993,
        incomingSecurity: "tls",
        incomingUsername: "ann",
        smtpHost: "smtp.example.test",
        smtpPort: 587,
        smtpSecurity: "starttls",
        smtpUsername: "ann",
        passwordEnc: "v1.test",
      },
    })
  ).id;
});
afterAll(async () => {
  await temp.remove();
});

const minutes = (n: number) => n * 60 * 1000;

describe("sessions", () => {
  it("gives the cookie the absolute age and the row the idle expiry", async () => {
    const before = Date.now();
    const { token, expiresAt } = await createSession(db, userId, accountId);
    expect(expiresAt.getTime()).toBeGreaterThanOrEqual(before + SESSION_MAX_AGE_MS);
    const row = await db.session.findUniqueOrThrow({ where: { id: hashToken(token) } });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(SESSION_IDLE_MS);
  });

  it("slides the idle expiry with use, but never past the absolute age", async () => {
    const { token } = await createSession(db, userId, accountId);
    const id = hashToken(token);
    const now = Date.now();
    // In use almost a month: the next touch may extend only to the 30-day mark.
    const createdAt = new Date(now - SESSION_MAX_AGE_MS + minutes(3));
    await db.session.update({
      where: { id },
      data: {
        createdAt,
        lastSeenAt: new Date(now - minutes(10)),
        expiresAt: new Date(now + minutes(1)),
      },
    });
    const found = await findSession(db, token);
    expect(found?.expiresAt.getTime()).toBe(createdAt.getTime() + SESSION_MAX_AGE_MS);

    // Past it, the token no longer opens anything and the row is gone.
    await db.session.update({ where: { id }, data: { expiresAt: new Date(now - 1) } });
    expect(await findSession(db, token)).toBeNull();
    expect(await db.session.findUnique({ where: { id } })).toBeNull();
  });

  it("sweeps expired rows when someone signs in", async () => {
    const { token } = await createSession(db, userId, accountId);
    await db.session.update({
      where: { id: hashToken(token) },
      data: { expiresAt: new Date(Date.now() - minutes(1)) },
    });
    await createSession(db, userId, accountId);
    expect(await db.session.findUnique({ where: { id: hashToken(token) } })).toBeNull();
  });
});
