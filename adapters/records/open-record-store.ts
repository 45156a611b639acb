/**
 * Picks and opens the record store from configuration: PostgreSQL when a database URL is set,
 * else SQLite in the data directory; memory for tests and the console.
 */
import type { Logger } from '../logger.ts';
import { MemoryRecordStore } from './memory-records.ts';
import { PostgresRecordStore } from './postgres-records.ts';
import type { RecordStore } from './record-store.ts';
import { SqliteRecordStore } from './sqlite-records.ts';

export type OpenRecordStoreOptions =
  | {
      /** SQLite's `records.db` goes here (created if missing) when `databaseUrl` is unset. */
      dataDir: string;
      /** DATABASE_URL: PostgreSQL instead of SQLite. */
      databaseUrl?: string;
      /** The PostgreSQL schema for the tables. Default: the connection's search_path. */
      schema?: string;
      /** Receives PostgreSQL's dropped-connection warnings. */
      logger?: Pick<Logger, 'warn'>;
    }
  | { kind: 'memory' };

/**
 * Opens the store the options name. Throws a `RecordStoreError` (startup problem) saying which
 * database could not be opened and how to fix it; the password is never in the message.
 */
export async function openRecordStore(options: OpenRecordStoreOptions): Promise<RecordStore> {
  if ('kind' in options) return new MemoryRecordStore();
  if (options.databaseUrl) {
    return PostgresRecordStore.open({ connectionString: options.databaseUrl, schema: options.schema, logger: options.logger });
  }
  return SqliteRecordStore.open({ dataDir: options.dataDir });
}
