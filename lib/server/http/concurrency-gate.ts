/**
 * A counting semaphore with a bounded queue: at most `slots` holders at once, at most
 * `maxWaiting` waiters behind them, and a waiter leaves the queue when its signal aborts.
 */
export class GateFullError extends Error {
  constructor() {
    super("Every slot is taken and the queue is full");
    this.name = "GateFullError";
  }
}

type Waiter = { grant: () => void };

export class ConcurrencyGate {
  #active = 0;
  readonly #queue: Waiter[] = [];

  constructor(
    readonly slots: number,
    readonly maxWaiting: number,
  ) {}

  get active(): number {
    return this.#active;
  }

  get waiting(): number {
    return this.#queue.length;
  }

  /**
   * Resolves with a release function once a slot is ours; rejects with GateFullError when the
   * queue is full, or with the signal's reason when it aborts first. Release exactly once.
   */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#active < this.slots) {
      this.#active++;
      return Promise.resolve(this.#releaser());
    }
    if (this.#queue.length >= this.maxWaiting) return Promise.reject(new GateFullError());
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve(this.#releaser());
        },
      };
      const onAbort = () => {
        const at = this.#queue.indexOf(waiter);
        if (at >= 0) this.#queue.splice(at, 1);
        reject(signal!.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#queue.push(waiter);
    });
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // The slot passes straight to the next waiter, so #active counts it without a gap.
      const next = this.#queue.shift();
      if (next) next.grant();
      else this.#active--;
    };
  }
}
