/**
 * Bounds concurrent work and knows what is in flight, so an adapter can stop taking new work on
 * shutdown and wait (within a bound) for the answers already under way.
 */

/** The outcome of `WorkLimiter.drain`. */
export interface DrainResult {
  /** Jobs still running when the bound ran out. */
  abandoned: number;
}

const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A semaphore with a tracked in-flight set. Jobs beyond `maxConcurrent` wait their turn. */
export class WorkLimiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();
  private closed = false;

  constructor(private readonly maxConcurrent: number) {}

  /** False once `close()` has been called: new work should be turned away politely. */
  get accepting(): boolean {
    return !this.closed;
  }

  /** Jobs running or waiting. */
  get pending(): number {
    return this.inFlight.size;
  }

  /** Runs `job` when a slot is free. Its rejection is passed on to the caller. */
  run<T>(job: () => Promise<T>): Promise<T> {
    // Each job starts after the event loop has polled for I/O: requests waiting to be acked
    // (Slack gives up after 3 s, Discord interactions too) go before answer work.
    const p = this.acquire().then(yieldToIo).then(async () => {
      try {
        return await job();
      } finally {
        this.release();
      }
    });
    this.inFlight.add(p);
    const forget = () => this.inFlight.delete(p);
    p.then(forget, forget);
    return p;
  }

  /** Stops accepting work. */
  close(): void {
    this.closed = true;
  }

  /** Closes, then waits for in-flight jobs for at most `timeoutMs`. */
  async drain(timeoutMs: number): Promise<DrainResult> {
    this.close();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([Promise.allSettled([...this.inFlight]), timeout]);
    clearTimeout(timer);
    return { abandoned: this.inFlight.size };
  }

  private acquire(): Promise<void> {
    if (this.running < this.maxConcurrent) {
      this.running += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(() => {
      this.running += 1;
      resolve();
    }));
  }

  private release(): void {
    this.running -= 1;
    this.waiting.shift()?.();
  }
}
