/**
 * Counts failed attempts per key (a client address, a user name) in a sliding window, so that
 * the sign-in form cannot be used to guess passwords through us, at our servers' speed, or to
 * probe one server after another. In memory: several app servers each keep their own count,
 * which multiplies the limit by their number: acceptable for a brake on guessing, and it keeps
 * sign-in free of a database write per attempt.
 */

export interface LimiterOptions {
  /** Failures allowed within the window; the next attempt is refused. */
  maxFailures: number;
  windowMs: number;
  /**
   * Keys remembered at most. Each costs a few hundred bytes; past this, keys whose failures
   * have all expired go first, then the least recently failed.
   */
  maxKeys: number;
}

export class AttemptLimiter {
  // Failure times per key, oldest first. Map order is least recently failed first: a key is
  // moved to the end whenever it fails.
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly options: LimiterOptions) {}

  /** Milliseconds until `key` may try again, or 0 when it may now. */
  retryAfterMs(key: string, now = Date.now()): number {
    const times = this.recent(key, now);
    if (times.length < this.options.maxFailures) return 0;
    // At most maxFailures times are kept: the first is the one whose expiry lets the key in.
    return times[0]! + this.options.windowMs - now;
  }

  recordFailure(key: string, now = Date.now()): void {
    const times = this.recent(key, now);
    times.push(now);
    if (times.length > this.options.maxFailures)
      times.splice(0, times.length - this.options.maxFailures);
    this.failures.delete(key);
    this.failures.set(key, times);
    if (this.failures.size > this.options.maxKeys) this.evict();
  }

  /** Forget `key`'s failures (its owner proved who they are). */
  reset(key: string): void {
    this.failures.delete(key);
  }

  get size(): number {
    return this.failures.size;
  }

  private recent(key: string, now: number): number[] {
    const times = this.failures.get(key);
    if (!times) return [];
    const cutoff = now - this.options.windowMs;
    const kept = times.filter((t) => t > cutoff);
    if (kept.length === 0) this.failures.delete(key);
    return kept;
  }

  private evict(): void {
    // The first keys failed least recently: expired ones, when there are any, then the oldest.
    for (const key of this.failures.keys()) {
      if (this.failures.size <= this.options.maxKeys) return;
      this.failures.delete(key);
    }
  }
}
