import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStateStore } from '../../adapters/state/sqlite-store.ts';
import { sleep, stateStoreContract, turn } from './state-store-contract.ts';

let dir: string;
let n = 0;
const freshPath = () => join(dir, `state-${++n}.db`);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'summit-bot-state-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('SqliteStateStore', () => {
  stateStoreContract(async () => new SqliteStateStore({ path: freshPath() }));

  it('GIVEN the store closed and the file reopened THEN claims, values, turns and buckets survive', async () => {
    const path = freshPath();
    const before = new SqliteStateStore({ path });
    await before.claim('dedupe:slack:C1:1.1', 60);
    await before.set('answer:C1:1.1', 'reply-1');
    await before.set('pins:C1', '["1.5"]', 60);
    await before.addTurn('thread:C1:1.1', turn(1), { maxTurns: 3, ttlSeconds: 60 });
    await before.addTurn('thread:C1:1.1', turn(2), { maxTurns: 3, ttlSeconds: 60 });
    const ask = before.rateLimiter({ name: 'ask', perMinute: 6, burst: 2 });
    await ask.take('U1');
    await ask.take('U1');
    await before.close();

    const after = new SqliteStateStore({ path });
    const claim = await after.claim('dedupe:slack:C1:1.1', 60);
    expect(claim.ok).toBe(false);
    expect(await after.get('answer:C1:1.1')).toBe('reply-1');
    expect(await after.get('pins:C1')).toBe('["1.5"]');
    expect(await after.turns('thread:C1:1.1')).toEqual([turn(1), turn(2)]);
    expect(await after.rateLimiter({ name: 'ask', perMinute: 6, burst: 2 }).take('U1')).toMatchObject({ allowed: false, notify: true });
    await after.close();
  });

  it('uses WAL and sweeps expired rows from the file on a timer', async () => {
    const path = freshPath();
    const store = new SqliteStateStore({ path, sweepIntervalMs: 100 });
    await store.set('short', 'a', 1);
    await store.claim('claim', 1);
    await store.addTurn('t', turn(1), { maxTurns: 3, ttlSeconds: 1 });
    await store.rateLimiter({ name: 'ask', perMinute: 60, burst: 1 }).take('U1');
    await store.set('forever', 'b');
    const raw = new Database(path, { readonly: true });
    const count = (table: string) => (raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect([count('kv'), count('turns'), count('rate_limits')]).toEqual([3, 1, 1]);
      await sleep(1_300); // every row but 'forever' expired, then at least one sweep
      expect([count('kv'), count('turns'), count('rate_limits')]).toEqual([1, 0, 0]);
    } finally {
      raw.close();
      await store.close();
    }
  });

  it('GIVEN two stores on one file (two processes) racing for a claim THEN exactly one wins', async () => {
    const path = freshPath();
    const a = new SqliteStateStore({ path });
    const b = new SqliteStateStore({ path });
    const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).claim('race', 10)));
    expect(claims.filter((c) => c.ok)).toHaveLength(1);
    await b.addTurn('t', turn(1), { maxTurns: 3, ttlSeconds: 60 });
    expect(await a.turns('t')).toEqual([turn(1)]);
    await Promise.all([a.close(), b.close()]);
  });

  it('GIVEN an expired claim left in the file THEN a reopened store can claim it', async () => {
    const path = freshPath();
    const before = new SqliteStateStore({ path });
    await before.claim('cooldown', 1);
    await before.close();
    await sleep(1_100);
    const after = new SqliteStateStore({ path });
    expect(await after.claim('cooldown', 1)).toEqual({ ok: true });
    await after.close();
  });
});
