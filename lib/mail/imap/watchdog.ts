/**
 * A command waits at most `limitMs` of silence from the server. One timer per command,
 * re-armed lazily from the time of the last byte rather than on every line (a 10,000-message
 * FETCH would otherwise churn 10,000 timers).
 */
export class Watchdog {
  private timer: NodeJS.Timeout | undefined;
  private lastProgress = 0;

  constructor(
    private readonly limitMs: number,
    private readonly onTimeout: (limitMs: number) => void,
  ) {}

  /** Bytes arrived: the server is alive. */
  progress(): void {
    this.lastProgress = Date.now();
  }

  start(): void {
    this.stop();
    this.lastProgress = Date.now();
    const check = () => {
      const quiet = Date.now() - this.lastProgress;
      if (quiet >= this.limitMs) {
        this.timer = undefined;
        this.onTimeout(this.limitMs);
        return;
      }
      this.timer = setTimeout(check, this.limitMs - quiet);
    };
    this.timer = setTimeout(check, this.limitMs);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
