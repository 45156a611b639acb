import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { LATEST_VERSION } from '../../adapters/records/migrations.ts';
import { RecordStoreError } from '../../adapters/records/records-error.ts';
import { SqliteRecordStore } from '../../adapters/records/sqlite-records.ts';
import { fullQuestion, recordStoreContract } from './record-store-contract.ts';

const root = mkdtempSync(join(tmpdir(), 'summit-records-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
let dataDir = '';
const readVersions = (dir: string) => {
  const db = new Database(join(dir, 'records.db'), { readonly: true });
  try {
    return db.prepare<[], { version: number }>('SELECT version FROM schema_migrations ORDER BY version').all().map((r) => r.version);
  } finally {
    db.close();
  }
};

recordStoreContract('SQLite', {
  fresh: async () => {
    dataDir = join(root, `db-${++n}`);
    return SqliteRecordStore.open({ dataDir });
  },
  reopen: async () => SqliteRecordStore.open({ dataDir }),
  migrationVersions: async () => readVersions(dataDir),
});

describe('SQLite record store', () => {
  it('creates a missing data directory, nested, with records.db in WAL mode', async () => {
    const dir = join(root, 'nested', 'deeper', 'data');
    const store = SqliteRecordStore.open({ dataDir: dir });
    await store.logQuestion(fullQuestion());
    expect(store.path).toBe(join(dir, 'records.db'));
    expect(statSync(store.path).isFile()).toBe(true);
    await store.close();
    const db = new Database(join(dir, 'records.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('has the tables, the (at, outcome) index and the feedback primary key the report relies on', async () => {
    const dir = join(root, 'schema');
    await SqliteRecordStore.open({ dataDir: dir }).close();
    const db = new Database(join(dir, 'records.db'), { readonly: true });
    const indexCols = db.prepare<[], { name: string }>("SELECT name FROM pragma_index_info('questions_at_outcome')").all().map((r) => r.name);
    const pk = db.prepare<[], { name: string; pk: number }>("SELECT name, pk FROM pragma_table_info('feedback') WHERE pk > 0 ORDER BY pk").all().map((r) => r.name);
    db.close();
    expect(indexCols).toEqual(['at', 'outcome']);
    expect(pk).toEqual(['answer_id', 'user_hash']);
  });

  it('GIVEN a database migrated by a newer summit-bot THEN opening fails and says so, without touching it', () => {
    const dir = join(root, 'newer');
    SqliteRecordStore.open({ dataDir: dir }).close();
    const db = new Database(join(dir, 'records.db'));
    db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(LATEST_VERSION + 1, Date.now());
    db.close();
    const open = () => SqliteRecordStore.open({ dataDir: dir });
    expect(open).toThrow(RecordStoreError);
    expect(open).toThrow(/newer than this summit-bot/);
    expect(readVersions(dir).at(-1)).toBe(LATEST_VERSION + 1);
  });

  it('GIVEN a data directory that is a file THEN opening fails naming the path and DATA_DIR', () => {
    const file = join(root, 'not-a-dir');
    writeFileSync(file, 'x');
    let err: unknown;
    try {
      SqliteRecordStore.open({ dataDir: file });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RecordStoreError);
    expect((err as RecordStoreError).code).toBe('records-open');
    expect((err as Error).message).toContain(join(file, 'records.db'));
    expect((err as Error).message).toContain('DATA_DIR');
  });

  it('lets a second connection read while the store holds the database open (WAL)', async () => {
    const dir = join(root, 'concurrent');
    const a = SqliteRecordStore.open({ dataDir: dir });
    const b = SqliteRecordStore.open({ dataDir: dir });
    await a.logQuestion(fullQuestion());
    expect(await b.questions()).toHaveLength(1);
    await a.close();
    await b.close();
  });
});
