import { describe, expect, it, vi } from "vitest";
import { recordAttempt, refusedAttempt, SIGN_IN_LIMIT } from "./sign-in-limit.ts";

vi.mock("server-only", () => ({}));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));

const MINUTE = 60_000;

function failTimes(attempt: { address: string; users: string[] }, times: number, now: number) {
  for (let i = 0; i < times; i++) recordAttempt(attempt, false, now);
}

describe("sign-in limit", () => {
  it("refuses after ten failures, saying for how long, rounded up to whole minutes", () => {
    const attempt = { address: "192.0.2.10", users: ["ann@example.org"] };
    const t0 = 5_000_000;
    failTimes(attempt, SIGN_IN_LIMIT.maxFailures - 1, t0);
    expect(refusedAttempt(attempt, t0)).toBeNull();
    recordAttempt(attempt, false, t0);
    expect(refusedAttempt(attempt, t0)).toEqual({
      code: "RATE_LIMITED",
      message: "Too many sign-in attempts. Try again in 15 minutes.",
    });
    expect(refusedAttempt(attempt, t0 + 14 * MINUTE + 1)?.message).toBe(
      "Too many sign-in attempts. Try again in 1 minute.",
    );
    expect(refusedAttempt(attempt, t0 + 15 * MINUTE)).toBeNull();
  });

  it("holds back any attempt that shares the address or one of the user names", () => {
    const t0 = 9_000_000;
    failTimes({ address: "192.0.2.20", users: ["bo@example.org"] }, 10, t0);
    expect(refusedAttempt({ address: "192.0.2.20", users: ["cy@example.org"] }, t0)).not.toBeNull();
    expect(
      refusedAttempt({ address: "192.0.2.21", users: ["cy@example.org", "bo@example.org"] }, t0),
    ).not.toBeNull();
    expect(refusedAttempt({ address: "192.0.2.21", users: ["cy@example.org"] }, t0)).toBeNull();
  });

  it("a success forgets the user name's failures, not the address's", () => {
    const t0 = 13_000_000;
    const attempt = { address: "192.0.2.30", users: ["di@example.org"] };
    failTimes(attempt, 10, t0);
    recordAttempt(attempt, true, t0);
    expect(refusedAttempt({ address: "192.0.2.31", users: ["di@example.org"] }, t0)).toBeNull();
    expect(refusedAttempt({ address: "192.0.2.30", users: ["ed@example.org"] }, t0)).not.toBeNull();
  });
});
