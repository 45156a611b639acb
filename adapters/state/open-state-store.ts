/**
 * Picks and opens the state store at startup: Redis when a URL is configured (replicas share
 * it), else SQLite in the data directory (survives a restart), or memory when asked (tests).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { MemoryStateStore } from './memory-store.ts';
import { RedisStateStore } from './redis-store.ts';
import { SqliteStateStore } from './sqlite-store.ts';
import type { StateStore } from './state-store.ts';
import type { StoreLogger } from './store-common.ts';

/** Where state lives: `<dataDir>/state.db`, or Redis at `redisUrl` when it is set; or memory. */
export type StateStoreOptions = { dataDir: string; redisUrl?: string } | { kind: 'memory' };

/**
 * Opens the configured store. Rejects with an Error that says what to fix when Redis cannot be
 * reached within a few seconds or the SQLite file cannot be opened.
 */
export async function openStateStore(options: StateStoreOptions, logger?: StoreLogger): Promise<StateStore> {
  if ('kind' in options) return new MemoryStateStore();
  if (options.redisUrl) return RedisStateStore.connect({ url: options.redisUrl, logger });
  const path = join(options.dataDir, 'state.db');
  try {
    await mkdir(options.dataDir, { recursive: true });
    return new SqliteStateStore({ path, logger });
  } catch (error) {
    throw new Error(
      `Could not open the state database at ${path} (${error instanceof Error ? error.message : String(error)}). ` +
        'Point DATA_DIR at a writable directory, or set REDIS_URL to keep state in Redis.',
      { cause: error },
    );
  }
}
