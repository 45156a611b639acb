/**
 * The shared state store: Redis (ioredis), so that several replicas dedupe, remember and limit
 * as one. Keys are `<prefix>kv:<key>` (claims and values: `delete` releases a claim),
 * `<prefix>turns:<key>` (a list of JSON turns) and `<prefix>rl:<name>:<key>` (rate limits).
 *
 * A Redis outage never crashes the process: connection errors are logged once per outage, the
 * client reconnects with backoff forever, and meanwhile operations reject (callers treat that
 * as a value) while `ping()` says false.
 */
import { Redis, type RedisOptions } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import type { ConversationTurn } from '../../src/index.ts';
import type { Claim, RateLimit, RateLimitOptions, StateStore, TurnOptions } from './state-store.ts';
import { limiterWindow, secondsLeft, ttlMs, wrapLimiter, type StoreLogger } from './store-common.ts';

/** Options for `RedisStateStore`. */
export interface RedisStoreOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://` for TLS. */
  url: string;
  /** Put before every key, so one Redis can serve several bots. Default 'summit-bot:'. */
  keyPrefix?: string;
  /** How long `RedisStateStore.connect` waits for the first connection, in ms. Default 5,000. */
  connectTimeoutMs?: number;
  /** Where outages and recoveries are reported. Default: nowhere. */
  logger?: StoreLogger;
}

export const REDIS_STORE_DEFAULTS = { keyPrefix: 'summit-bot:', connectTimeoutMs: 5_000 } as const;

/** How long `ping()` waits for PONG before calling the store unready. */
const PING_TIMEOUT_MS = 1_000;

const CLIENT_OPTIONS: RedisOptions = {
  // Queue commands while (re)connecting, so a blip of a second or two heals unseen...
  enableOfflineQueue: true,
  // ...but fail them after two failed reconnects instead of the default twenty, and fail a command
  // a hung server never answers: a chat reply must not wait on an outage.
  maxRetriesPerRequest: 2,
  commandTimeout: 5_000,
  connectTimeout: 5_000,
  // Backoff 100 ms, 200 ms ... capped at 3 s, forever (a number, never null, keeps it trying).
  retryStrategy: (times) => Math.min(100 * 2 ** (times - 1), 3_000) + Math.floor(Math.random() * 100),
};

/** The URL with its password hidden, for logs and error messages. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unparseable Redis URL)';
  }
}

/** A `StateStore` in Redis. Use `RedisStateStore.connect` to wait for the first connection. */
export class RedisStateStore implements StateStore {
  readonly kind = 'redis';
  /** The ioredis client, for tests and metrics; the store owns it and closes it. */
  readonly client: Redis;
  readonly #prefix: string;
  readonly #url: string;
  #lastError: Error | undefined;

  /** Connects in the background; operations queue until the connection is ready. */
  constructor(options: RedisStoreOptions) {
    this.#prefix = options.keyPrefix ?? REDIS_STORE_DEFAULTS.keyPrefix;
    this.#url = redactRedisUrl(options.url);
    this.client = new Redis(options.url, CLIENT_OPTIONS);
    const { logger } = options;
    // Without an 'error' listener ioredis reports every failed reconnect; with it we log the
    // first error of an outage and the recovery, not one line per retry.
    this.client.on('error', (error: Error) => {
      if (!this.#lastError) logger?.warn({ err: error.message, url: this.#url }, 'redis state store unreachable; reconnecting');
      this.#lastError = error;
    });
    this.client.on('ready', () => {
      if (this.#lastError) logger?.info({ url: this.#url }, 'redis state store reconnected');
      this.#lastError = undefined;
    });
  }

  /**
   * A store whose connection is ready, or an Error saying which Redis (password hidden) could
   * not be reached within `connectTimeoutMs` and how to fix it.
   */
  static async connect(options: RedisStoreOptions): Promise<RedisStateStore> {
    const store = new RedisStateStore(options);
    const timeoutMs = options.connectTimeoutMs ?? REDIS_STORE_DEFAULTS.connectTimeoutMs;
    const ready = await new Promise<boolean>((resolve) => {
      if (store.client.status === 'ready') return resolve(true);
      const timer = setTimeout(() => resolve(false), timeoutMs);
      store.client.once('ready', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (ready) return store;
    const why = store.#lastError?.message ?? 'no answer';
    store.client.disconnect();
    throw new Error(
      `Could not connect to Redis at ${store.#url} within ${timeoutMs / 1000} s (${why}). ` +
        'Start Redis there, correct REDIS_URL (and its password), or unset REDIS_URL to keep state in SQLite under DATA_DIR.',
    );
  }

  #kv = (key: string) => `${this.#prefix}kv:${key}`;
  #turns = (key: string) => `${this.#prefix}turns:${key}`;

  async claim(key: string, ttlSeconds: number): Promise<Claim> {
    const k = this.#kv(key);
    // One MULTI: the claim and, when it is taken, its time left, with nothing in between.
    const [taken, left] = execResults(await this.client.multi().set(k, '1', 'PX', ttlMs(ttlSeconds), 'NX').pttl(k).exec());
    if (taken === 'OK') return { ok: true };
    // PTTL is -1 for a key set forever with `set`.
    return { ok: false, secondsLeft: secondsLeft(left === -1 ? Infinity : Number(left)) };
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.client.get(this.#kv(key))) ?? undefined;
  }

  async set(key: string, value: string, ttlSeconds?: number): Promise<void> {
    if (ttlSeconds === undefined) await this.client.set(this.#kv(key), value);
    else await this.client.set(this.#kv(key), value, 'PX', ttlMs(ttlSeconds));
  }

  async delete(key: string): Promise<void> {
    await this.client.del(this.#kv(key));
  }

  async turns(key: string): Promise<ConversationTurn[]> {
    return (await this.client.lrange(this.#turns(key), 0, -1)).map((json) => JSON.parse(json) as ConversationTurn);
  }

  async addTurn(key: string, turn: ConversationTurn, options: TurnOptions): Promise<void> {
    const k = this.#turns(key);
    const ms = ttlMs(options.ttlSeconds);
    execResults(await this.client.multi().rpush(k, JSON.stringify(turn)).ltrim(k, -Math.max(1, options.maxTurns), -1).pexpire(k, ms).exec());
  }

  rateLimiter(options: RateLimitOptions): RateLimit {
    const { points, duration } = limiterWindow(options);
    // Its consume is one Lua script (SET NX EX, INCRBY, PTTL): replicas share buckets atomically.
    const limiter = new RateLimiterRedis({ storeClient: this.client, keyPrefix: `${this.#prefix}rl:${options.name}`, points, duration });
    return wrapLimiter(limiter, points);
  }

  async ping(): Promise<boolean> {
    if (this.client.status !== 'ready') return false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), PING_TIMEOUT_MS);
    });
    try {
      return (await Promise.race([this.client.ping(), timeout])) === 'PONG';
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (this.client.status === 'end') return;
    if (this.client.status !== 'ready') return void this.client.disconnect();
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }
}

/** The replies of a MULTI, or the first error in it (EXEC answers null only under WATCH, which we never use). */
function execResults(results: [Error | null, unknown][] | null): unknown[] {
  if (!results) throw new Error('redis transaction aborted');
  for (const [error] of results) if (error) throw error;
  return results.map(([, value]) => value);
}
