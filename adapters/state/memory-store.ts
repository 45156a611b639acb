/**
 * The in-process state store: tests, the console, and a single bot that may forget on restart.
 * Bounded by LRU caches, so a flood of events or conversations cannot grow it without limit.
 */
import { LRUCache } from 'lru-cache';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { ConversationTurn } from '../../src/index.ts';
import type { Claim, RateLimit, RateLimitOptions, StateStore, TurnOptions } from './state-store.ts';
import { limiterWindow, secondsLeft, ttlMs, wrapLimiter } from './store-common.ts';

/** Options for `MemoryStateStore`. */
export interface MemoryStoreOptions {
  /**
   * Claims and values kept at most; past it the least recently used go first, so under a flood a
   * very old dedupe claim may be forgotten early. Default 10,000.
   */
  maxKeys?: number;
  /** Conversations remembered at most, least recently used dropped first. Default 1,000. */
  maxConversations?: number;
}

export const MEMORY_STORE_DEFAULTS: Required<MemoryStoreOptions> = { maxKeys: 10_000, maxConversations: 1_000 };

/** A `StateStore` in this process's memory. Atomic because every method runs in one synchronous step. */
export class MemoryStateStore implements StateStore {
  readonly kind = 'memory';
  readonly #values: LRUCache<string, string>;
  readonly #conversations: LRUCache<string, ConversationTurn[]>;
  /** One limiter per name and window, so two `rateLimiter()` calls for "ask" share buckets as in SQLite and Redis. */
  readonly #limiters = new Map<string, RateLimit>();
  #closed = false;

  constructor(options: MemoryStoreOptions = {}) {
    const { maxKeys, maxConversations } = { ...MEMORY_STORE_DEFAULTS, ...options };
    this.#values = new LRUCache({ max: maxKeys });
    this.#conversations = new LRUCache({ max: maxConversations });
  }

  async claim(key: string, ttlSeconds: number): Promise<Claim> {
    const ms = ttlMs(ttlSeconds);
    if (this.#values.has(key)) return { ok: false, secondsLeft: secondsLeft(this.#values.getRemainingTTL(key)) };
    this.#values.set(key, '1', { ttl: ms });
    return { ok: true };
  }

  async get(key: string): Promise<string | undefined> {
    return this.#values.get(key);
  }

  async set(key: string, value: string, ttlSeconds?: number): Promise<void> {
    this.#values.set(key, value, { ttl: ttlSeconds === undefined ? 0 : ttlMs(ttlSeconds) });
  }

  async delete(key: string): Promise<void> {
    this.#values.delete(key);
  }

  async turns(key: string): Promise<ConversationTurn[]> {
    // Copies, so a caller editing what it got cannot change what is remembered.
    return structuredClone(this.#conversations.get(key) ?? []);
  }

  async addTurn(key: string, turn: ConversationTurn, options: TurnOptions): Promise<void> {
    const kept = [...(this.#conversations.get(key) ?? []), structuredClone(turn)].slice(-Math.max(1, options.maxTurns));
    this.#conversations.set(key, kept, { ttl: ttlMs(options.ttlSeconds) });
  }

  rateLimiter(options: RateLimitOptions): RateLimit {
    const { points, duration } = limiterWindow(options);
    const id = `${options.name}:${points}:${duration}`;
    let limit = this.#limiters.get(id);
    if (!limit) {
      limit = wrapLimiter(new RateLimiterMemory({ keyPrefix: options.name, points, duration }), points);
      this.#limiters.set(id, limit);
    }
    return limit;
  }

  async ping(): Promise<boolean> {
    return !this.#closed;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#values.clear();
    this.#conversations.clear();
    this.#limiters.clear();
  }
}
