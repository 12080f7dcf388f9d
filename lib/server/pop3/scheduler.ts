/**
 * New-mail checks on a schedule. POP3 has no IDLE: the only way to learn of new mail is to log
 * in and look, so every POP3 account is checked every few minutes, whether or not someone has
 * it open (with "leave messages on the server" off, that is also when mail is collected).
 *
 * The server's answers set the pace: after [LOGIN-DELAY] nothing is tried before the delay is
 * over (RFC 2449 section 8.1.1), after [IN-USE] it is tried again soon (section 8.1.2), and a
 * server that announces LOGIN-DELAY is never checked more often than it allows.
 */
import { getDb } from "../../db/client.ts";
import { readAccountState } from "./account-state.ts";
import { checkPop3, type Pop3CheckReason } from "./check.ts";
import { POP3_SCHEDULE } from "./limits.ts";

interface Schedule {
  intervalMs: number;
  timer?: NodeJS.Timeout;
  dueAt: number;
}

interface SchedulerState {
  schedules: Map<string, Schedule>;
  soon: Map<string, NodeJS.Timeout>;
}

// On globalThis: one set of timers per process, however many copies of this module Next loads.
const holder = globalThis as unknown as { __letterboxPop3Scheduler?: SchedulerState };
holder.__letterboxPop3Scheduler ??= { schedules: new Map(), soon: new Map() };
const state = holder.__letterboxPop3Scheduler;

/**
 * Schedules every POP3 account of this server, their first checks spread over a short while.
 * Resolves with how many accounts were scheduled. Idempotent.
 */
export async function startPop3Scheduler(options: { intervalMs?: number } = {}): Promise<number> {
  const db = await getDb();
  const accounts = await db.mailAccount.findMany({
    where: { incomingProtocol: "pop3" },
    select: { id: true },
  });
  for (const account of accounts) {
    if (state.schedules.has(account.id)) continue;
    schedulePop3Checks(account.id, options.intervalMs ?? POP3_SCHEDULE.defaultIntervalMs, {
      firstInMs: Math.floor(Math.random() * POP3_SCHEDULE.startSpreadMs),
    });
  }
  return accounts.length;
}

/**
 * Checks this account every `intervalMs` (at least POP3_SCHEDULE.minIntervalMs), the first
 * time after `firstInMs` (default: one interval). null stops its checks (an account removed).
 */
export function schedulePop3Checks(
  accountId: string,
  intervalMs: number | null,
  options: { firstInMs?: number } = {},
): void {
  const previous = state.schedules.get(accountId);
  if (previous) clearTimeout(previous.timer);
  state.schedules.delete(accountId);
  if (intervalMs === null) {
    clearTimeout(state.soon.get(accountId));
    state.soon.delete(accountId);
    return;
  }
  const schedule: Schedule = {
    intervalMs: Math.max(intervalMs, POP3_SCHEDULE.minIntervalMs),
    dueAt: 0,
  };
  state.schedules.set(accountId, schedule);
  arm(accountId, schedule, options.firstInMs ?? schedule.intervalMs);
}

/** Stops every scheduled and requested check (shutdown, tests). */
export function stopPop3Scheduler(): void {
  for (const schedule of state.schedules.values()) clearTimeout(schedule.timer);
  for (const timer of state.soon.values()) clearTimeout(timer);
  state.schedules.clear();
  state.soon.clear();
}

/** When the next scheduled check of this account is due, if it is scheduled. */
export function nextPop3Check(accountId: string): Date | null {
  const schedule = state.schedules.get(accountId);
  return schedule ? new Date(schedule.dueAt) : null;
}

/**
 * A check soon, outside the schedule (after a deletion for good, so DELE does not wait a whole
 * interval). Several requests in a row make one check.
 */
export function requestPop3Check(
  accountId: string,
  reason: Pop3CheckReason,
  delayMs = POP3_SCHEDULE.deletionCheckDelayMs,
): void {
  clearTimeout(state.soon.get(accountId));
  const timer = setTimeout(() => {
    state.soon.delete(accountId);
    checkPop3(accountId, { reason }).catch((error: unknown) =>
      console.error(`letterbox: POP3 check of ${accountId} failed`, error),
    );
  }, delayMs);
  timer.unref();
  state.soon.set(accountId, timer);
}

function arm(accountId: string, schedule: Schedule, delayMs: number): void {
  schedule.dueAt = Date.now() + delayMs;
  schedule.timer = setTimeout(() => void tick(accountId, schedule), delayMs);
  // Timers alone never keep the process alive (tests, benchmarks, a server shutting down).
  schedule.timer.unref();
}

/**
 * How long after a check the next one is due: after a failure the server's own pace applies
 * ([IN-USE]: soon, [LOGIN-DELAY]: when it is over, never sooner than the minimum); after a
 * success, the interval, unless LOGIN-DELAY asks for longer.
 */
export function nextCheckDelay(
  failed: boolean,
  notBefore: Date | null,
  intervalMs: number,
  now = Date.now(),
): number {
  const wait = notBefore ? notBefore.getTime() - now : 0;
  return failed ? Math.max(wait, POP3_SCHEDULE.minIntervalMs) : Math.max(wait, intervalMs);
}

async function tick(accountId: string, schedule: Schedule): Promise<void> {
  let next = schedule.intervalMs;
  try {
    const result = await checkPop3(accountId, { reason: "schedule" });
    const { notBefore } = await readAccountState(await getDb(), accountId);
    next = nextCheckDelay(Boolean(result.error), notBefore, schedule.intervalMs);
  } catch (error) {
    console.error(`letterbox: scheduled POP3 check of ${accountId} failed`, error);
  } finally {
    if (state.schedules.get(accountId) === schedule) arm(accountId, schedule, next);
  }
}
