/**
 * Bounds concurrent work and knows what is in flight, so an adapter can stop taking new work on
 * shutdown and wait (within a bound) for the answers already under way. The queue is p-queue's.
 */
import PQueue from 'p-queue';

/** The outcome of `WorkLimiter.drain`. */
export interface DrainResult {
  /** Jobs still running or waiting when the bound ran out. */
  abandoned: number;
}

const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A bounded work queue. Jobs beyond `maxConcurrent` wait their turn. */
export class WorkLimiter {
  private readonly queue: PQueue;
  private closed = false;

  constructor(maxConcurrent: number) {
    this.queue = new PQueue({ concurrency: maxConcurrent });
  }

  /** False once `close()` has been called: new work should be turned away politely. */
  get accepting(): boolean {
    return !this.closed;
  }

  /** Jobs running or waiting (the work queue depth). */
  get pending(): number {
    return this.queue.size + this.queue.pending;
  }

  /** Runs `job` when a slot is free. Its rejection is passed on to the caller. */
  run<T>(job: () => Promise<T>): Promise<T> {
    // Each job starts after the event loop has polled for I/O: requests waiting to be acked
    // (Slack gives up after 3 s, Discord interactions too) go before answer work.
    return this.queue.add(async () => {
      await yieldToIo();
      return job();
    }) as Promise<T>;
  }

  /** Stops accepting work. */
  close(): void {
    this.closed = true;
  }

  /** Closes, then waits for running and waiting jobs for at most `timeoutMs`. */
  async drain(timeoutMs: number): Promise<DrainResult> {
    this.close();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([this.queue.onIdle(), timeout]);
    clearTimeout(timer);
    return { abandoned: this.pending };
  }
}
