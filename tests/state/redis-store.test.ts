import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { RedisStateStore, redactRedisUrl } from '../../adapters/state/redis-store.ts';
import { openStateStore } from '../../adapters/state/open-state-store.ts';
import { stateStoreContract, turn } from './state-store-contract.ts';

const REDIS_URL = 'redis://127.0.0.1:6379';
const RUN_PREFIX = `summit-bot-test:${randomUUID()}:`;

async function probe(): Promise<string | undefined> {
  const client = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 1_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  let cause: Error | undefined;
  client.on('error', (error: Error) => (cause = error));
  try {
    await client.connect();
    await client.ping();
    return undefined;
  } catch (error) {
    return (cause ?? (error as Error)).message;
  } finally {
    client.disconnect();
  }
}
const redisDown = await probe();
if (redisDown) console.warn(`skipping Redis tests: no Redis at ${REDIS_URL} (${redisDown})`);

let n = 0;
const open: RedisStateStore[] = [];
/** A store under its own prefix (inside this run's), so tests do not see each other's keys. */
async function fresh(prefix = `${RUN_PREFIX}${++n}:`): Promise<RedisStateStore> {
  const store = await RedisStateStore.connect({ url: REDIS_URL, keyPrefix: prefix, connectTimeoutMs: 2_000 });
  open.push(store);
  return store;
}

describe.skipIf(redisDown !== undefined)('RedisStateStore', () => {
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });
  afterAll(async () => {
    const client = new Redis(REDIS_URL);
    const keys = await client.keys(`${RUN_PREFIX}*`);
    if (keys.length) await client.del(...keys);
    await client.quit();
  });

  stateStoreContract(() => fresh());

  it('keeps every key under its prefix, with the default prefix summit-bot:', async () => {
    const store = await fresh();
    await store.set('answer:C1', 'x');
    await store.claim('dedupe:1', 10);
    await store.addTurn('thread:1', turn(1), { maxTurns: 2, ttlSeconds: 10 });
    await store.rateLimiter({ name: 'ask', perMinute: 60, burst: 2 }).take('U1');
    const prefix = `${RUN_PREFIX}${n}:`;
    expect((await store.client.keys(`${prefix}*`)).sort()).toEqual(
      [`${prefix}kv:answer:C1`, `${prefix}kv:dedupe:1`, `${prefix}rl:ask:U1`, `${prefix}turns:thread:1`].sort(),
    );
    expect(await store.client.pttl(`${prefix}turns:thread:1`)).toBeGreaterThan(9_000);
    const unprefixed = await RedisStateStore.connect({ url: REDIS_URL });
    open.push(unprefixed);
    await unprefixed.set(`${RUN_PREFIX}default`, 'y');
    try {
      expect(await store.client.get(`summit-bot:kv:${RUN_PREFIX}default`)).toBe('y');
    } finally {
      await unprefixed.delete(`${RUN_PREFIX}default`);
    }
  });

  describe('GIVEN two replicas (two connections) on one prefix', () => {
    const shared = () => `${RUN_PREFIX}shared-${++n}:`;

    it('THEN 20 concurrent claims of one key across both give exactly one win', async () => {
      const prefix = shared();
      const [a, b] = [await fresh(prefix), await fresh(prefix)];
      const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).claim('dedupe:slack:C1:9.9', 30)));
      expect(claims.filter((c) => c.ok)).toHaveLength(1);
      expect(claims.filter((c) => !c.ok)).toHaveLength(19);
    });

    it('THEN turns added by one are read by the other, trimmed as one list', async () => {
      const prefix = shared();
      const [a, b] = [await fresh(prefix), await fresh(prefix)];
      for (let i = 1; i <= 4; i++) await (i % 2 ? a : b).addTurn('thread:C1:1.1', turn(i), { maxTurns: 3, ttlSeconds: 60 });
      expect(await a.turns('thread:C1:1.1')).toEqual([turn(2), turn(3), turn(4)]);
      expect(await b.turns('thread:C1:1.1')).toEqual(await a.turns('thread:C1:1.1'));
    });

    it('THEN they share rate-limit buckets and only one of them notifies', async () => {
      const prefix = shared();
      const [a, b] = [await fresh(prefix), await fresh(prefix)];
      const options = { name: 'ask', perMinute: 30, burst: 4 };
      const [la, lb] = [a.rateLimiter(options), b.rateLimiter(options)];
      const decisions = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? la : lb).take('U1')));
      expect(decisions.filter((d) => d.allowed)).toHaveLength(4);
      expect(decisions.filter((d) => !d.allowed && d.notify)).toHaveLength(1);
    });
  });

  it('openStateStore picks Redis when a URL is given', async () => {
    const store = await openStateStore({ dataDir: 'unused-because-redis', redisUrl: REDIS_URL });
    try {
      expect(store.kind).toBe('redis');
      expect(await store.ping()).toBe(true);
    } finally {
      await store.close();
    }
  });
});

describe('RedisStateStore when Redis is down', () => {
  // Port 1 on loopback refuses at once: an outage, without waiting for a network timeout.
  const DEAD = 'redis://:hunter2@127.0.0.1:1';

  it('GIVEN no Redis THEN connect fails naming the URL without its password and saying what to do', async () => {
    const failure = RedisStateStore.connect({ url: DEAD, connectTimeoutMs: 500 });
    await expect(failure).rejects.toThrow(/Could not connect to Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1.*within 0\.5 s.*REDIS_URL/);
    await expect(failure).rejects.not.toThrow(/hunter2/);
  });

  it('GIVEN a store whose Redis is gone THEN operations reject, ping is false and nothing crashes', async () => {
    const warnings: string[] = [];
    const store = new RedisStateStore({ url: DEAD, logger: { info: () => {}, warn: (_o, m) => warnings.push(m) } });
    try {
      expect(await store.ping()).toBe(false);
      await expect(store.claim('k', 5)).rejects.toThrow();
      await expect(store.rateLimiter({ name: 'ask', perMinute: 6, burst: 1 }).take('U1')).rejects.toThrow();
      expect(warnings).toEqual(['redis state store unreachable; reconnecting']); // once, not per retry
    } finally {
      await store.close();
    }
  });

  it('hides the password of a URL', () => {
    expect(redactRedisUrl('redis://user:s3cret@host:6380/2')).toBe('redis://user:***@host:6380/2');
    expect(redactRedisUrl('redis://host:6379')).toBe('redis://host:6379');
  });
});
