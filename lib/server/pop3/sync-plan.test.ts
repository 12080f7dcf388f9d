import { describe, expect, it } from "vitest";
import { DEFAULT_POP3_POLICY, type Pop3Policy } from "./account-state.ts";
import { type KnownRow, planSync, type ServerEntry } from "./sync-plan.ts";

const now = new Date("2026-03-01T12:00:00Z");
const daysAgo = (n: number) => new Date(now.getTime() - n * 24 * 60 * 60 * 1000);

function entry(number: number, uidl: string, size = 100 * number): ServerEntry {
  return { number, uidl, size };
}

function row(id: number, uidl: string, extra: Partial<KnownRow> = {}): KnownRow {
  return {
    id,
    uidl,
    deletedAt: null,
    deleteFromServer: false,
    stored: false,
    firstSeenAt: daysAgo(1),
    onServer: true,
    ...extra,
  };
}

function plan(listing: ServerEntry[], rows: KnownRow[], policy: Partial<Pop3Policy> = {}) {
  return planSync(listing, rows, { ...DEFAULT_POP3_POLICY, ...policy }, now);
}

describe("planSync", () => {
  it("takes unknown unique-ids as new mail, newest number first, and nothing else changes", () => {
    const result = plan([entry(1, "a"), entry(2, "b"), entry(3, "c")], [row(10, "b")]);
    expect(result.fresh.map((e) => e.uidl)).toEqual(["c", "a"]);
    expect(result).toMatchObject({
      drop: [],
      offServer: [],
      backOnServer: [],
      deletions: [],
      deleteFresh: false,
    });
  });

  it("matches by unique-id, not number: renumbering after another client's deletion is no news", () => {
    const rows = [row(10, "a"), row(11, "b"), row(12, "c")];
    const result = plan([entry(1, "b"), entry(2, "c")], rows);
    expect(result.fresh).toEqual([]);
    // "a" was never downloaded and the server no longer has it: nothing left to show.
    expect(result.drop).toEqual([10]);
  });

  it("keeps a downloaded message gone from the server, marked off it", () => {
    const result = plan(
      [],
      [row(10, "a", { stored: true }), row(11, "b", { stored: true, onServer: false })],
    );
    expect(result.drop).toEqual([]);
    expect(result.offServer).toEqual([10]);
  });

  it("keeps a tombstone while the server has the message, so it never comes back as new", () => {
    const tomb = row(10, "a", { deletedAt: daysAgo(0) });
    const kept = plan([entry(1, "a")], [tomb]);
    expect(kept.fresh).toEqual([]);
    expect(kept.drop).toEqual([]);
    expect(kept.deletions).toEqual([]);
    // Once the server has let it go, the tombstone has nothing left to do.
    expect(plan([], [tomb]).drop).toEqual([10]);
  });

  it("sends DELE for tombstones when deleting here deletes there, without downloading them", () => {
    const result = plan(
      [entry(1, "a"), entry(2, "b")],
      [row(10, "a", { deletedAt: now }), row(11, "b")],
      {
        deleteWhenDeletedHere: true,
      },
    );
    expect(result.deletions).toEqual([
      { id: 10, uidl: "a", number: 1, size: 100, tombstone: true, download: false },
    ]);
  });

  it("retries DELE for rows still marked after a session that ended before QUIT", () => {
    // The policy no longer asks for it, but the person deleted it when it did.
    const marked = row(10, "a", { deletedAt: now, deleteFromServer: true });
    expect(plan([entry(4, "a")], [marked]).deletions).toEqual([
      { id: 10, uidl: "a", number: 4, size: 400, tombstone: true, download: false },
    ]);
  });

  it("expires messages first seen more than N days ago, downloading those not kept yet", () => {
    const rows = [
      row(10, "old", { firstSeenAt: daysAgo(31) }),
      row(11, "old-kept", { firstSeenAt: daysAgo(40), stored: true }),
      row(12, "young", { firstSeenAt: daysAgo(29) }),
    ];
    const listing = [entry(1, "old"), entry(2, "old-kept"), entry(3, "young")];
    const result = plan(listing, rows, { deleteAfterDays: 30 });
    expect(result.deletions.map((d) => [d.id, d.download])).toEqual([
      [10, true],
      [11, false],
    ]);
    expect(result.deleteFresh).toBe(false);
    expect(plan(listing, rows, { deleteAfterDays: 0 }).deleteFresh).toBe(true);
  });

  it("deletes everything on the server when messages are not left there", () => {
    const rows = [row(10, "a", { stored: true }), row(11, "b", { deletedAt: now })];
    const result = plan([entry(1, "a"), entry(2, "b"), entry(3, "c")], rows, {
      leaveOnServer: false,
    });
    expect(result.deletions.map((d) => d.id)).toEqual([10, 11]);
    expect(result.deleteFresh).toBe(true);
    expect(result.fresh.map((e) => e.uidl)).toEqual(["c"]);
  });

  it("marks rows listed again as back on the server, and survives a repeated unique-id", () => {
    const result = plan(
      [entry(1, "a"), entry(2, "a")],
      [row(10, "a", { onServer: false, stored: true })],
    );
    expect(result.backOnServer).toEqual([10]);
    expect(plan([entry(1, "x"), entry(2, "x")], []).fresh).toEqual([entry(1, "x")]);
  });
});
