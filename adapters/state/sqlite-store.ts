/**
 * The default state store: one SQLite file (better-sqlite3, WAL) that survives a restart.
 * Claims and values share the `kv` table, so `delete` releases a claim; each conversation is one
 * `turns` row holding a JSON array. Expired rows are ignored on read, deleted when a read meets
 * them, and swept on a timer.
 */
import Database from 'better-sqlite3';
import { RateLimiterSQLite } from 'rate-limiter-flexible';
import type { ConversationTurn } from '../../src/index.ts';
import type { Claim, RateLimit, RateLimitOptions, StateStore, TurnOptions } from './state-store.ts';
import { limiterWindow, secondsLeft, ttlMs, wrapLimiter, type StoreLogger } from './store-common.ts';

/** Options for `SqliteStateStore`. */
export interface SqliteStoreOptions {
  /** The database file, created if missing (its directory must exist); ':memory:' for a throwaway. */
  path: string;
  /** How often expired rows are deleted, in milliseconds. Default 5 minutes. */
  sweepIntervalMs?: number;
  /** Where a failed sweep is reported. Default: nowhere. */
  logger?: StoreLogger;
}

export const SQLITE_STORE_DEFAULTS = { sweepIntervalMs: 5 * 60_000 } as const;

// Expiries are milliseconds since the epoch; NULL in kv means forever.
// rate_limits is RateLimiterSQLite's own table (its 11.4.0 DDL). We create it here because the
// library creates it asynchronously and rejects a take() that comes first, and we sweep it
// ourselves because the library's timer would keep querying after close().
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL, expires_at INTEGER) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS kv_expires_at ON kv (expires_at) WHERE expires_at IS NOT NULL;
  CREATE TABLE IF NOT EXISTS turns (conversation TEXT PRIMARY KEY, turns TEXT NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS turns_expires_at ON turns (expires_at);
  CREATE TABLE IF NOT EXISTS rate_limits (key TEXT PRIMARY KEY, points INTEGER NOT NULL DEFAULT 0, expire INTEGER);
`;

type Statement = Database.Statement<unknown[], unknown>;

/** A `StateStore` in one SQLite file. Several processes may share the file; SQLite serialises the writes. */
export class SqliteStateStore implements StateStore {
  readonly kind = 'sqlite';
  readonly #db: Database.Database;
  readonly #sql: Record<
    'claim' | 'expiry' | 'get' | 'set' | 'delete' | 'dropExpiredValue' | 'turns' | 'putTurns' | 'dropExpiredTurns' | 'ping',
    Statement
  >;
  readonly #claim: (key: string, ms: number) => Claim;
  readonly #addTurn: (key: string, turn: ConversationTurn, options: TurnOptions) => void;
  readonly #sweep: () => void;
  readonly #timer: NodeJS.Timeout;

  constructor(options: SqliteStoreOptions) {
    const { path, sweepIntervalMs, logger } = { ...SQLITE_STORE_DEFAULTS, ...options };
    const db = (this.#db = new Database(path));
    db.pragma('journal_mode = WAL');
    // NORMAL is durable against a crashed process under WAL; a power cut may lose the last
    // commits, which for dedupe and memory is a repeated or forgotten message, not corruption.
    db.pragma('synchronous = NORMAL');
    db.exec(SCHEMA);
    const sql = (text: string) => db.prepare(text);
    this.#sql = {
      // One statement claims: inserts a new key or takes over an expired one; changes = 0 means taken.
      claim: sql(`INSERT INTO kv (key, value, expires_at) VALUES (@key, '1', @expiresAt)
                  ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at
                  WHERE kv.expires_at IS NOT NULL AND kv.expires_at <= @now`),
      expiry: sql('SELECT expires_at AS expiresAt FROM kv WHERE key = ?'),
      get: sql('SELECT value, expires_at AS expiresAt FROM kv WHERE key = ?'),
      set: sql(`INSERT INTO kv (key, value, expires_at) VALUES (@key, @value, @expiresAt)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`),
      delete: sql('DELETE FROM kv WHERE key = ?'),
      dropExpiredValue: sql('DELETE FROM kv WHERE key = ? AND expires_at <= ?'),
      turns: sql('SELECT turns, expires_at AS expiresAt FROM turns WHERE conversation = ?'),
      putTurns: sql(`INSERT INTO turns (conversation, turns, expires_at) VALUES (@key, @turns, @expiresAt)
                     ON CONFLICT (conversation) DO UPDATE SET turns = excluded.turns, expires_at = excluded.expires_at`),
      dropExpiredTurns: sql('DELETE FROM turns WHERE conversation = ? AND expires_at <= ?'),
      ping: sql('SELECT 1'),
    };

    // IMMEDIATE takes the write lock up front, so a second process cannot slip in between the
    // read and the write (and no deferred read lock has to be upgraded, which can fail as BUSY).
    const claim = db.transaction((key: string, ms: number): Claim => {
      const now = Date.now();
      if (this.#sql.claim.run({ key, now, expiresAt: now + ms }).changes === 1) return { ok: true };
      const row = this.#sql.expiry.get(key) as { expiresAt: number | null } | undefined;
      return { ok: false, secondsLeft: secondsLeft(row?.expiresAt == null ? Infinity : row.expiresAt - now) };
    });
    this.#claim = (key, ms) => claim.immediate(key, ms);

    const addTurn = db.transaction((key: string, turn: ConversationTurn, options: TurnOptions) => {
      const now = Date.now();
      const row = this.#sql.turns.get(key) as { turns: string; expiresAt: number } | undefined;
      const earlier: ConversationTurn[] = row && row.expiresAt > now ? JSON.parse(row.turns) : [];
      const kept = [...earlier, turn].slice(-Math.max(1, options.maxTurns));
      this.#sql.putTurns.run({ key, turns: JSON.stringify(kept), expiresAt: now + ttlMs(options.ttlSeconds) });
    });
    this.#addTurn = (key, turn, options) => addTurn.immediate(key, turn, options);

    const sweep = [
      sql('DELETE FROM kv WHERE expires_at <= ?'),
      sql('DELETE FROM turns WHERE expires_at <= ?'),
      sql('DELETE FROM rate_limits WHERE expire <= ?'),
    ];
    this.#sweep = () => {
      const now = Date.now();
      for (const statement of sweep) statement.run(now);
    };
    this.#sweep(); // what expired while the bot was down
    this.#timer = setInterval(() => {
      try {
        this.#sweep();
      } catch (error) {
        // Busy or full: reads ignore expired rows anyway, and the next sweep tries again.
        logger?.warn({ err: String(error), path }, 'state store sweep failed');
      }
    }, sweepIntervalMs);
    this.#timer.unref();
  }

  async claim(key: string, ttlSeconds: number): Promise<Claim> {
    return this.#claim(key, ttlMs(ttlSeconds));
  }

  async get(key: string): Promise<string | undefined> {
    const row = this.#sql.get.get(key) as { value: string; expiresAt: number | null } | undefined;
    if (!row) return undefined;
    const now = Date.now();
    if (row.expiresAt !== null && row.expiresAt <= now) {
      this.#sql.dropExpiredValue.run(key, now);
      return undefined;
    }
    return row.value;
  }

  async set(key: string, value: string, ttlSeconds?: number): Promise<void> {
    this.#sql.set.run({ key, value, expiresAt: ttlSeconds === undefined ? null : Date.now() + ttlMs(ttlSeconds) });
  }

  async delete(key: string): Promise<void> {
    this.#sql.delete.run(key);
  }

  async turns(key: string): Promise<ConversationTurn[]> {
    const row = this.#sql.turns.get(key) as { turns: string; expiresAt: number } | undefined;
    if (!row) return [];
    const now = Date.now();
    if (row.expiresAt <= now) {
      this.#sql.dropExpiredTurns.run(key, now);
      return [];
    }
    return JSON.parse(row.turns) as ConversationTurn[];
  }

  async addTurn(key: string, turn: ConversationTurn, options: TurnOptions): Promise<void> {
    this.#addTurn(key, turn, options);
  }

  rateLimiter(options: RateLimitOptions): RateLimit {
    const { points, duration } = limiterWindow(options);
    // Its upsert is one INSERT ... ON CONFLICT ... RETURNING in a transaction: atomic across processes.
    const limiter = new RateLimiterSQLite({
      storeClient: this.#db,
      storeType: 'better-sqlite3',
      tableName: 'rate_limits',
      tableCreated: true,
      keyPrefix: options.name,
      points,
      duration,
    });
    return wrapLimiter(limiter, points);
  }

  async ping(): Promise<boolean> {
    try {
      this.#sql.ping.get();
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    if (this.#db.open) this.#db.close();
  }
}
