/**
 * What the three state stores share, so that they agree to the second: how `RateLimitOptions`
 * become a rate-limiter-flexible limiter and its answer a `RateDecision`, and how TTLs are read.
 */
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateDecision, RateLimit, RateLimitOptions } from './state-store.ts';

/**
 * rate-limiter-flexible counts points in fixed windows. A window of `burst` points lasting
 * `burst * 60 / perMinute` seconds lets a key make `burst` requests at once and `perMinute` on
 * average: `{ burst: 3, perMinute: 6 }` is 3 per 30 s. Windows are whole seconds (at least 1)
 * because the Redis limiter sets its expiry with `EX`.
 */
export function limiterWindow(options: RateLimitOptions): { points: number; duration: number } {
  const { name, burst, perMinute } = options;
  if (!Number.isInteger(burst) || burst < 1) throw new RangeError(`rate limit "${name}": burst must be a whole number >= 1, got ${burst}`);
  if (!(perMinute > 0)) throw new RangeError(`rate limit "${name}": perMinute must be > 0, got ${perMinute}`);
  return { points: burst, duration: Math.max(1, Math.round((burst * 60) / perMinute)) };
}

/**
 * Wraps a limiter built with `limiterWindow`. A refusal is a value; a store failure rejects.
 *
 * Every refusal still counts a point in the store, so the count passes `points + 1` exactly once
 * per window, and the store's own atomic increment decides which caller sees it: that one
 * caller (on any replica) gets `notify: true`, with no second round trip.
 */
export function wrapLimiter(limiter: RateLimiterAbstract, points: number): RateLimit {
  return {
    async take(key: string): Promise<RateDecision> {
      try {
        await limiter.consume(key, 1);
        return { allowed: true };
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        return {
          allowed: false,
          retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)),
          notify: error.consumedPoints === points + 1,
        };
      }
    },
  };
}

/** Milliseconds for a TTL in seconds; a bug (a throw) when it is not a positive number. */
export function ttlMs(ttlSeconds: number): number {
  if (!(ttlSeconds > 0) || !Number.isFinite(ttlSeconds)) throw new RangeError(`ttlSeconds must be a positive number, got ${ttlSeconds}`);
  return Math.max(1, Math.round(ttlSeconds * 1000));
}

/** Whole seconds left of `ms`, rounded up, so "0 s left" never means "still taken". */
export const secondsLeft = (ms: number): number => (Number.isFinite(ms) ? Math.max(1, Math.ceil(ms / 1000)) : Infinity);

/** What the SQLite and Redis stores log through (the process's pino logger fits). */
export interface StoreLogger {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
}
