import pg from 'pg';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { LATEST_VERSION } from '../../adapters/records/migrations.ts';
import { PostgresRecordStore, describeTarget } from '../../adapters/records/postgres-records.ts';
import { RecordStoreError } from '../../adapters/records/records-error.ts';
import { bareQuestion, fullQuestion, recordStoreContract } from './record-store-contract.ts';
import { dropSchemas, findPostgres, runSchemaPrefix } from './pg-test-db.ts';

const found = await findPostgres();
const pgUp = 'url' in found;
const url = 'url' in found ? found.url : '';
if (!pgUp) console.warn(`skipping PostgreSQL tests: no server answered (${found.reason})`);

const prefix = runSchemaPrefix();
const schemas: string[] = [];
const newSchema = () => {
  const s = `${prefix}_${schemas.length + 1}`;
  schemas.push(s);
  return s;
};
afterAll(async () => {
  if (pgUp) await dropSchemas(url, schemas);
});

async function query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

let schema = '';
const versions = async (s = schema) =>
  (await query<{ version: number }>(`SELECT version FROM "${s}".schema_migrations ORDER BY version`)).map((r) => r.version);

describe.skipIf(!pgUp)('PostgreSQL', () => {
  recordStoreContract('PostgreSQL', {
    fresh: async () => {
      schema = newSchema();
      return PostgresRecordStore.open({ connectionString: url, schema });
    },
    reopen: async () => PostgresRecordStore.open({ connectionString: url, schema }),
    migrationVersions: () => versions(),
  });

  describe('PostgreSQL record store', () => {
    it('stores citations as jsonb and at as timestamptz, in the schema it was given', async () => {
      const s = newSchema();
      const store = await PostgresRecordStore.open({ connectionString: url, schema: s });
      await store.logQuestion(fullQuestion());
      await store.close();
      const rows = await query<{ kind: string; first: string; at: Date }>(
        `SELECT jsonb_typeof(citations) AS kind, citations->>0 AS first, at FROM "${s}".questions`,
      );
      expect(rows).toEqual([{ kind: 'array', first: 'p-12', at: new Date(fullQuestion().at) }]);
    });

    it('GIVEN two replicas starting at once on a new schema THEN both open and the migrations run once', async () => {
      const s = newSchema();
      const stores = await Promise.all([1, 2, 3].map(() => PostgresRecordStore.open({ connectionString: url, schema: s })));
      await stores[0]!.logQuestion(bareQuestion());
      expect(await stores[2]!.questions()).toHaveLength(1);
      await Promise.all(stores.map((st) => st.close()));
      expect(await versions(s)).toEqual(Array.from({ length: LATEST_VERSION }, (_, i) => i + 1));
    });

    it('GIVEN a schema migrated by a newer summit-bot THEN opening fails and says so', async () => {
      const s = newSchema();
      await (await PostgresRecordStore.open({ connectionString: url, schema: s })).close();
      await query(`INSERT INTO "${s}".schema_migrations (version) VALUES ($1)`, [LATEST_VERSION + 1]);
      const err = await PostgresRecordStore.open({ connectionString: url, schema: s }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RecordStoreError);
      expect((err as RecordStoreError).code).toBe('records-newer-schema');
    });

    it('GIVEN an idle connection killed by the server THEN the process lives, the drop is logged and the next query works', async () => {
      const s = newSchema();
      const applicationName = `summit-test-${s}`;
      const warn = vi.fn();
      const store = await PostgresRecordStore.open({ connectionString: url, schema: s, applicationName, logger: { warn } });
      await store.logQuestion(bareQuestion());
      const killed = await query<{ ok: boolean }>(
        'SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = $1',
        [applicationName],
      );
      expect(killed.length).toBeGreaterThan(0);
      await vi.waitFor(() => expect(warn).toHaveBeenCalled(), { timeout: 5000 });
      expect(await store.ping()).toBe(true);
      expect(await store.questions()).toHaveLength(1);
      await store.close();
    });

    it('rejects a schema name that would need quoting, before connecting', async () => {
      await expect(PostgresRecordStore.open({ connectionString: url, schema: 'x"; DROP TABLE y; --' })).rejects.toThrow(/letters, digits and _/);
    });
  });
});

describe('PostgreSQL open errors', () => {
  it('GIVEN nothing listening THEN fails naming host, port, database and user, never the password, and says what to do', async () => {
    const err = await PostgresRecordStore.open({ connectionString: 'postgres://bot:sekret-pw@127.0.0.1:1/records' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RecordStoreError);
    expect((err as RecordStoreError).code).toBe('records-unreachable');
    const message = (err as Error).message;
    expect(message).toContain('127.0.0.1:1/records as bot');
    expect(message).toContain('DATABASE_URL');
    expect(message).not.toContain('sekret-pw');
  });

  it.skipIf(!pgUp)('GIVEN a database that does not exist THEN says to create it', async () => {
    const missing = new URL(url);
    missing.pathname = `/${prefix}_missing_db`;
    const err = await PostgresRecordStore.open({ connectionString: missing.href }).catch((e: unknown) => e);
    expect((err as RecordStoreError).code).toBe('records-unreachable');
    expect((err as Error).message).toMatch(/createdb/);
  });

  it('describes a connection string without its password', () => {
    expect(describeTarget('postgresql://me:p%40ss@db.example.com:6543/bot')).toBe('db.example.com:6543/bot as me');
    expect(describeTarget('postgres://db.example.com/bot')).toBe('db.example.com:5432/bot as the default user');
    expect(describeTarget('not a url')).not.toContain('not a url');
  });
});
