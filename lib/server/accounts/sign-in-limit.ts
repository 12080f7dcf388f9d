import "server-only";
/**
 * The brake on sign-ins and added accounts: at most SIGN_IN_LIMIT.maxFailures failed attempts
 * per SIGN_IN_LIMIT.windowMs, counted per client address and per user name. A refused attempt
 * contacts no server and is not counted itself (else a person locked out would stay locked out).
 * A success forgets the user name's failures, not the address's: an attacker could otherwise
 * reset its own count by signing in to an account of its own between guesses.
 */
import { headers } from "next/headers";
import type { UserFacingError } from "../mail/describe-error.ts";
import { AttemptLimiter } from "./attempt-limiter.ts";
import { clientAddress } from "./client-address.ts";

export const SIGN_IN_LIMIT = {
  maxFailures: 10,
  windowMs: 15 * 60_000,
  /** Per key space (addresses, user names); see AttemptLimiter. */
  maxKeys: 50_000,
};

// One count per key space, so that a flood of keys of one kind cannot push out the other. On
// globalThis: Next may load this module more than once (dev reloads, one copy per route
// bundle), and every copy must count into the same place.
const holder = globalThis as unknown as {
  __letterboxSignInLimits?: { byAddress: AttemptLimiter; byUser: AttemptLimiter };
};
holder.__letterboxSignInLimits ??= {
  byAddress: new AttemptLimiter(SIGN_IN_LIMIT),
  byUser: new AttemptLimiter(SIGN_IN_LIMIT),
};
const { byAddress, byUser } = holder.__letterboxSignInLimits;

export interface SignInAttempt {
  address: string;
  users: string[];
}

/** Who is trying: the request's client address and the user names the servers will be sent. */
export async function signInAttempt(userNames: string[]): Promise<SignInAttempt> {
  const users = [...new Set(userNames.map((name) => name.trim().toLowerCase()))];
  return { address: clientAddress(await headers()), users };
}

export function tooManyAttempts(minutes: number): UserFacingError {
  return {
    code: "RATE_LIMITED",
    message: `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
  };
}

/** The refusal for this attempt, or null when it may go ahead. */
export function refusedAttempt(attempt: SignInAttempt, now = Date.now()): UserFacingError | null {
  const waits = [
    byAddress.retryAfterMs(attempt.address, now),
    ...attempt.users.map((user) => byUser.retryAfterMs(user, now)),
  ];
  const wait = Math.max(...waits);
  return wait > 0 ? tooManyAttempts(Math.ceil(wait / 60_000)) : null;
}

export function recordAttempt(attempt: SignInAttempt, succeeded: boolean, now = Date.now()): void {
  if (succeeded) {
    for (const user of attempt.users) byUser.reset(user);
    return;
  }
  byAddress.recordFailure(attempt.address, now);
  for (const user of attempt.users) byUser.recordFailure(user, now);
}
