import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openRecordStore } from '../../adapters/records/open-record-store.ts';
import { RecordStoreError } from '../../adapters/records/records-error.ts';
import { dropSchemas, findPostgres, runSchemaPrefix } from './pg-test-db.ts';

const root = mkdtempSync(join(tmpdir(), 'summit-open-'));
const found = await findPostgres();
const pgUp = 'url' in found;
if (!pgUp) console.warn(`skipping PostgreSQL tests: no server answered (${found.reason})`);
const schema = `${runSchemaPrefix()}_open`;
afterAll(async () => {
  rmSync(root, { recursive: true, force: true });
  if ('url' in found) await dropSchemas(found.url, [schema]);
});

describe('openRecordStore', () => {
  it('GIVEN kind memory THEN a memory store', async () => {
    const store = await openRecordStore({ kind: 'memory' });
    expect(store.kind).toBe('memory');
    await store.close();
  });

  it('GIVEN only a data directory THEN SQLite in <dataDir>/records.db, the directory created', async () => {
    const dataDir = join(root, 'a', 'data');
    const store = await openRecordStore({ dataDir });
    expect(store.kind).toBe('sqlite');
    expect(existsSync(join(dataDir, 'records.db'))).toBe(true);
    await store.close();
  });

  it('GIVEN a blank database URL THEN SQLite, not an attempt to connect to nothing', async () => {
    const store = await openRecordStore({ dataDir: join(root, 'b'), databaseUrl: '' });
    expect(store.kind).toBe('sqlite');
    await store.close();
  });

  it('GIVEN an unreachable database URL THEN a clear error naming the server, not the password, and no SQLite fallback', async () => {
    const dataDir = join(root, 'c');
    const err = await openRecordStore({ dataDir, databaseUrl: 'postgres://bot:hunter2@127.0.0.1:1/records' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RecordStoreError);
    expect((err as Error).message).toMatch(/Cannot connect to PostgreSQL at 127\.0\.0\.1:1\/records as bot/);
    expect((err as Error).message).toMatch(/DATABASE_URL/);
    expect((err as Error).message).not.toContain('hunter2');
    expect(existsSync(join(dataDir, 'records.db'))).toBe(false);
  });

  it.skipIf(!pgUp)('GIVEN a reachable database URL THEN PostgreSQL', async () => {
    const store = await openRecordStore({ dataDir: join(root, 'd'), databaseUrl: 'url' in found ? found.url : '', schema });
    expect(store.kind).toBe('postgres');
    expect(await store.ping()).toBe(true);
    await store.close();
  });
});
