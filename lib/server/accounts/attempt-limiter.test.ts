import { describe, expect, it } from "vitest";
import { AttemptLimiter } from "./attempt-limiter.ts";

const MINUTE = 60_000;

function limiter(maxKeys = 100) {
  return new AttemptLimiter({ maxFailures: 3, windowMs: 15 * MINUTE, maxKeys });
}

describe("AttemptLimiter", () => {
  it("refuses the attempt after maxFailures failures, until the oldest expires", () => {
    const l = limiter();
    const t0 = 1_000_000;
    l.recordFailure("a", t0);
    l.recordFailure("a", t0 + 1 * MINUTE);
    expect(l.retryAfterMs("a", t0 + 2 * MINUTE)).toBe(0);
    l.recordFailure("a", t0 + 2 * MINUTE);
    expect(l.retryAfterMs("a", t0 + 2 * MINUTE)).toBe(13 * MINUTE);
    expect(l.retryAfterMs("a", t0 + 10 * MINUTE)).toBe(5 * MINUTE);
    // The first failure leaves the window: one more try.
    expect(l.retryAfterMs("a", t0 + 15 * MINUTE)).toBe(0);
    l.recordFailure("a", t0 + 15 * MINUTE);
    expect(l.retryAfterMs("a", t0 + 15 * MINUTE)).toBe(MINUTE);
  });

  it("counts keys apart", () => {
    const l = limiter();
    for (let i = 0; i < 3; i++) l.recordFailure("a", 0);
    expect(l.retryAfterMs("a", 1)).toBeGreaterThan(0);
    expect(l.retryAfterMs("b", 1)).toBe(0);
  });

  it("forgets a key on reset", () => {
    const l = limiter();
    for (let i = 0; i < 3; i++) l.recordFailure("a", 0);
    l.reset("a");
    expect(l.retryAfterMs("a", 1)).toBe(0);
  });

  it("keeps at most maxKeys keys, dropping the least recently failed", () => {
    const l = limiter(3);
    for (const [i, key] of ["a", "b", "c"].entries()) l.recordFailure(key, i);
    l.recordFailure("a", 10); // a is now the most recent
    l.recordFailure("d", 11);
    expect(l.size).toBe(3);
    for (let i = 0; i < 2; i++) l.recordFailure("a", 12);
    expect(l.retryAfterMs("a", 13)).toBeGreaterThan(0); // a kept all three failures
    l.recordFailure("b", 14); // b was dropped: this is its first failure again
    for (let i = 0; i < 2; i++) l.recordFailure("b", 15);
    expect(l.retryAfterMs("b", 16)).toBeGreaterThan(0);
    expect(l.size).toBe(3);
  });

  it("drops keys whose failures have all expired", () => {
    const l = limiter();
    l.recordFailure("a", 0);
    expect(l.retryAfterMs("a", 15 * MINUTE + 1)).toBe(0);
    expect(l.size).toBe(0);
  });
});
