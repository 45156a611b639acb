/**
 * Log throttling for things that repeat during an outage (gateway reconnects, socket errors): the
 * first occurrence is logged, then at most one summary line per interval with how many happened
 * since the last line, and `settle()` reports what is left when the outage ends. A pure helper
 * with an injectable clock, so the policy is tested without waiting.
 */

/** What to do with one occurrence. */
export type ThrottleDecision =
  /** The first of an episode: log it in full. */
  | { log: 'first' }
  /** An interval has passed since the last line: log one summary with `count` occurrences (this one included). */
  | { log: 'summary'; count: number }
  /** Within the interval: say nothing; it is counted for the next summary. */
  | { log: false };

/** Options for `Throttle`. */
export interface ThrottleOptions {
  /** The least time between two lines of one episode. */
  intervalMs: number;
  /** Milliseconds since some epoch; tests pass a fake clock. Default `Date.now`. */
  now?: () => number;
}

/** Counts occurrences of one kind and decides which are worth a log line. */
export class Throttle {
  private readonly intervalMs: number;
  private readonly now: () => number;
  /** When the last line was logged; undefined outside an episode. */
  private lastLogAt?: number;
  /** Occurrences since the last line. */
  private unreported = 0;
  /** Occurrences in this episode, the first included. */
  private total = 0;

  constructor(options: ThrottleOptions) {
    this.intervalMs = options.intervalMs;
    this.now = options.now ?? Date.now;
  }

  /** Whether an episode is under way (something happened since the last `settle()`). */
  get active(): boolean {
    return this.lastLogAt !== undefined;
  }

  /** Records one occurrence and says whether to log it. */
  hit(): ThrottleDecision {
    const now = this.now();
    this.total += 1;
    if (this.lastLogAt === undefined) {
      this.lastLogAt = now;
      return { log: 'first' };
    }
    this.unreported += 1;
    if (now - this.lastLogAt < this.intervalMs) return { log: false };
    const count = this.unreported;
    this.unreported = 0;
    this.lastLogAt = now;
    return { log: 'summary', count };
  }

  /**
   * Ends the episode (the connection is back): returns how many occurrences it had in all and how
   * many were never reported, and starts afresh, so the next occurrence is logged in full again.
   */
  settle(): { total: number; unreported: number } {
    const result = { total: this.total, unreported: this.unreported };
    this.lastLogAt = undefined;
    this.unreported = 0;
    this.total = 0;
    return result;
  }
}
