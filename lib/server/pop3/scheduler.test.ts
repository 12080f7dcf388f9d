import { afterEach, describe, expect, it } from "vitest";
import { POP3_SCHEDULE } from "./limits.ts";
import {
  nextCheckDelay,
  nextPop3Check,
  schedulePop3Checks,
  stopPop3Scheduler,
} from "./scheduler.ts";

const now = Date.UTC(2026, 0, 1);
const at = (ms: number) => new Date(now + ms);
const MIN = 60_000;

afterEach(() => stopPop3Scheduler());

describe("nextCheckDelay", () => {
  it("after a success waits the interval, or longer when LOGIN-DELAY asks for it", () => {
    expect(nextCheckDelay(false, null, 5 * MIN, now)).toBe(5 * MIN);
    expect(nextCheckDelay(false, at(15 * MIN), 5 * MIN, now)).toBe(15 * MIN);
    expect(nextCheckDelay(false, at(2 * MIN), 5 * MIN, now)).toBe(5 * MIN);
  });

  it("after a failure follows the server's pace: soon after [IN-USE], late after [LOGIN-DELAY]", () => {
    expect(nextCheckDelay(true, at(POP3_SCHEDULE.inUseRetryMs), 5 * MIN, now)).toBe(
      POP3_SCHEDULE.inUseRetryMs,
    );
    expect(nextCheckDelay(true, at(30 * MIN), 5 * MIN, now)).toBe(30 * MIN);
    // Never a busy loop, whatever the record says.
    expect(nextCheckDelay(true, at(-MIN), 5 * MIN, now)).toBe(POP3_SCHEDULE.minIntervalMs);
    expect(nextCheckDelay(true, null, 5 * MIN, now)).toBe(POP3_SCHEDULE.minIntervalMs);
  });
});

describe("schedulePop3Checks", () => {
  it("schedules no more often than the minimum, reschedules, and stops", () => {
    const before = Date.now();
    schedulePop3Checks("acct-1", 1000);
    const due = nextPop3Check("acct-1")!.getTime();
    expect(due - before).toBeGreaterThanOrEqual(POP3_SCHEDULE.minIntervalMs);
    schedulePop3Checks("acct-1", 10 * MIN, { firstInMs: 5000 });
    expect(nextPop3Check("acct-1")!.getTime() - Date.now()).toBeLessThanOrEqual(5000);
    schedulePop3Checks("acct-1", null);
    expect(nextPop3Check("acct-1")).toBeNull();
  });
});
