/**
 * The state a running bot keeps between messages, behind one small interface so that it can live
 * in memory (tests, the console), in SQLite (the default: survives a restart) or in Redis (shared
 * by several replicas): conversation memory, event dedupe, rate-limit buckets, the pin cooldown
 * and the bot's own pins, and which answer a question got (to update it when the question is edited).
 *
 * Keys are plain strings chosen by the caller ("dedupe:slack:C1:1712.0001"); each store adds its
 * own namespace. Every method is async, so a networked store fits the same shape.
 */
import type { ConversationTurn } from '../../src/index.ts';

/** The outcome of `StateStore.claim`. */
export type Claim = { ok: true } | { ok: false; secondsLeft: number };

/** Options for `StateStore.addTurn`. */
export interface TurnOptions {
  /** Turns kept per conversation; the oldest go first. */
  maxTurns: number;
  /** Seconds a conversation is remembered after its last turn. */
  ttlSeconds: number;
}

/** Options for `StateStore.rateLimiter`. */
export interface RateLimitOptions {
  /** Distinguishes limiters sharing one store ("ask", "pin"). */
  name: string;
  /** Sustained requests per minute per key. */
  perMinute: number;
  /** Requests a key may make at once before the rate applies. */
  burst: number;
}

/** The outcome of `RateLimit.take`. */
export type RateDecision =
  | { allowed: true }
  /** `notify` is true the first time in a window, so the adapter replies once, then stays quiet. */
  | { allowed: false; retryAfterSeconds: number; notify: boolean };

/** A per-key rate limit, atomic in the store it lives in. */
export interface RateLimit {
  take(key: string): Promise<RateDecision>;
}

export interface StateStore {
  /** 'memory' | 'sqlite' | 'redis', for logs and /readyz. */
  readonly kind: string;
  /**
   * Claims `key` for `ttlSeconds`: `{ ok: true }` the first time, else how long the claim has
   * left. Atomic across replicas (Redis `SET NX EX`): event dedupe and cooldowns use it.
   */
  claim(key: string, ttlSeconds: number): Promise<Claim>;
  /** A plain value, or undefined when absent or expired. */
  get(key: string): Promise<string | undefined>;
  /** Sets a plain value, forever or for `ttlSeconds`. */
  set(key: string, value: string, ttlSeconds?: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** The conversation's turns, oldest first; [] for one never seen or expired. */
  turns(key: string): Promise<ConversationTurn[]>;
  /** Appends a turn, keeps the last `maxTurns`, and renews the conversation's expiry; atomic. */
  addTurn(key: string, turn: ConversationTurn, options: TurnOptions): Promise<void>;
  /** A rate limiter kept in this store (shared by replicas when the store is). */
  rateLimiter(options: RateLimitOptions): RateLimit;
  /** True when the store answers (readiness). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
