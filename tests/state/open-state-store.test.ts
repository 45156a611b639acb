import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStateStore } from '../../adapters/state/open-state-store.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'summit-bot-open-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('openStateStore', () => {
  it('GIVEN no Redis URL THEN it opens SQLite at <dataDir>/state.db, creating the directory', async () => {
    const dataDir = join(dir, 'not', 'yet', 'there');
    const store = await openStateStore({ dataDir });
    try {
      expect(store.kind).toBe('sqlite');
      await store.set('k', 'v');
      expect((await stat(join(dataDir, 'state.db'))).isFile()).toBe(true);
    } finally {
      await store.close();
    }
    const reopened = await openStateStore({ dataDir, redisUrl: undefined });
    expect(await reopened.get('k')).toBe('v');
    await reopened.close();
  });

  it('GIVEN kind memory THEN it opens a memory store', async () => {
    const store = await openStateStore({ kind: 'memory' });
    expect(store.kind).toBe('memory');
    await store.close();
  });

  it('GIVEN a data directory that cannot be created THEN it says which path and what to do', async () => {
    const file = join(dir, 'a-file');
    await writeFile(file, 'not a directory');
    await expect(openStateStore({ dataDir: join(file, 'data') })).rejects.toThrow(/Could not open the state database at .*a-file.data.state\.db .*DATA_DIR/);
  });
});
