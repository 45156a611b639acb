/**
 * Per-user abuse limits shared by the chat adapters: a token bucket per key (refilled at
 * `perMinute`, holding at most `burst`), and a "sent at most once per window" flag so a flooding
 * user gets one polite reply, not one per message.
 */

/** Options for `RateLimiter`. */
export interface RateLimitOptions {
  /** Sustained requests per minute per key. */
  perMinute: number;
  /** Requests a key may make at once before the rate applies. */
  burst: number;
  /** Keys remembered at most; the least recently seen are forgotten first. Default 10,000. */
  maxKeys?: number;
  /** Clock, for tests. */
  now?: () => number;
}

/** The outcome of `RateLimiter.take`. */
export type RateDecision =
  | { allowed: true }
  /** `notify` is true the first time in a window, so the adapter replies once, then stays quiet. */
  | { allowed: false; retryAfterSeconds: number; notify: boolean };

interface Bucket {
  tokens: number;
  updated: number;
  notifiedUntil: number;
}

/** A token bucket per key (a user id). */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly now: () => number;
  private readonly maxKeys: number;

  constructor(private readonly options: RateLimitOptions) {
    this.now = options.now ?? Date.now;
    this.maxKeys = options.maxKeys ?? 10_000;
  }

  /** Takes one token for `key`, or says when to try again. */
  take(key: string): RateDecision {
    const now = this.now();
    const perMs = this.options.perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: this.options.burst, updated: now, notifiedUntil: 0 };
    bucket.tokens = Math.min(this.options.burst, bucket.tokens + (now - bucket.updated) * perMs);
    bucket.updated = now;
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    const waitMs = Math.ceil((1 - bucket.tokens) / perMs);
    const notify = now >= bucket.notifiedUntil;
    if (notify) bucket.notifiedUntil = now + waitMs;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)), notify };
  }
}

/** A per-key cooldown (e.g. /pin-summary per channel): at most one use per `seconds`. */
export class Cooldown {
  private readonly until = new Map<string, number>();
  constructor(private readonly seconds: number, private readonly now: () => number = Date.now) {}

  /** Starts the cooldown and returns 0, or returns the seconds left without starting it. */
  take(key: string): number {
    const now = this.now();
    const until = this.until.get(key) ?? 0;
    if (now < until) return Math.ceil((until - now) / 1000);
    if (this.until.size > 10_000) this.until.clear();
    this.until.set(key, now + this.seconds * 1000);
    return 0;
  }
}
