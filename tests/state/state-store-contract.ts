/**
 * The behaviour every StateStore must have, run against memory, SQLite and Redis alike.
 * TTLs are 1 s (the shortest a Redis rate-limit window can be), so the suite sleeps a little.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ConversationTurn } from '../../src/index.ts';
import type { RateDecision, StateStore } from '../../adapters/state/state-store.ts';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const turn = (n: number, extra: Partial<ConversationTurn> = {}): ConversationTurn => ({
  question: `question ${n}`,
  answerKind: 'answered',
  citations: [`alaska-summit/s${n}/p1`, `alaska-summit/s${n}/p2`],
  at: 1_700_000_000_000 + n,
  ...extra,
});

const refused = (d: RateDecision) => (d.allowed ? undefined : d);

/** Registers the contract's tests; `open` gives a fresh, empty store for each test. */
export function stateStoreContract(open: () => Promise<StateStore>): void {
  let store: StateStore;
  beforeEach(async () => {
    store = await open();
  });
  afterEach(async () => {
    await store.close();
  });

  it('GIVEN a key claimed once THEN a second claim is refused with the time the first has left', async () => {
    expect(await store.claim('dedupe:slack:C1:1.1', 30)).toEqual({ ok: true });
    const again = await store.claim('dedupe:slack:C1:1.1', 30);
    expect(again.ok).toBe(false);
    if (!again.ok) {
      expect(again.secondsLeft).toBeGreaterThanOrEqual(29);
      expect(again.secondsLeft).toBeLessThanOrEqual(30);
    }
    expect(await store.claim('dedupe:slack:C1:1.2', 30)).toEqual({ ok: true });
  });

  it('GIVEN 20 concurrent claims of one key THEN exactly one wins', async () => {
    const claims = await Promise.all(Array.from({ length: 20 }, () => store.claim('race', 10)));
    expect(claims.filter((c) => c.ok)).toHaveLength(1);
  });

  it('GIVEN a claim whose TTL has passed THEN the key can be claimed again', async () => {
    expect((await store.claim('cooldown:pin:C1', 1)).ok).toBe(true);
    expect((await store.claim('cooldown:pin:C1', 1)).ok).toBe(false);
    await sleep(1_150);
    expect((await store.claim('cooldown:pin:C1', 1)).ok).toBe(true);
  });

  it('GIVEN a claimed key deleted THEN it can be claimed again at once', async () => {
    expect((await store.claim('dedupe:x', 60)).ok).toBe(true);
    await store.delete('dedupe:x');
    expect((await store.claim('dedupe:x', 60)).ok).toBe(true);
  });

  it('gets, overwrites and deletes values, and reads a missing one as undefined', async () => {
    expect(await store.get('answer:C1:1.1')).toBeUndefined();
    await store.set('answer:C1:1.1', 'reply-ts-1');
    expect(await store.get('answer:C1:1.1')).toBe('reply-ts-1');
    await store.set('answer:C1:1.1', 'reply-ts-2');
    expect(await store.get('answer:C1:1.1')).toBe('reply-ts-2');
    await store.delete('answer:C1:1.1');
    expect(await store.get('answer:C1:1.1')).toBeUndefined();
    await store.delete('never-set'); // no throw
  });

  it('GIVEN a value set for 1 s THEN it is gone after it, while one set forever stays', async () => {
    await store.set('short', 'a', 1);
    await store.set('forever', 'b');
    expect(await store.get('short')).toBe('a');
    await sleep(1_150);
    expect(await store.get('short')).toBeUndefined();
    expect(await store.get('forever')).toBe('b');
  });

  it('GIVEN a value set forever THEN claiming its key is refused', async () => {
    await store.set('pinned', 'x');
    const claim = await store.claim('pinned', 5);
    expect(claim.ok).toBe(false);
    expect(await store.get('pinned')).toBe('x');
  });

  it('keeps the last maxTurns turns of a conversation, oldest first, and conversations apart', async () => {
    expect(await store.turns('thread:C1:1.1')).toEqual([]);
    for (let n = 1; n <= 5; n++) await store.addTurn('thread:C1:1.1', turn(n, n === 4 ? { readAs: 'q four', answerKind: 'not-covered' } : {}), { maxTurns: 3, ttlSeconds: 60 });
    await store.addTurn('thread:C1:2.2', turn(9), { maxTurns: 3, ttlSeconds: 60 });
    expect(await store.turns('thread:C1:1.1')).toEqual([turn(3), turn(4, { readAs: 'q four', answerKind: 'not-covered' }), turn(5)]);
    expect(await store.turns('thread:C1:2.2')).toEqual([turn(9)]);
  });

  it('GIVEN concurrent addTurn calls THEN none is lost below maxTurns', async () => {
    await Promise.all(Array.from({ length: 8 }, (_, n) => store.addTurn('dm:U1', turn(n), { maxTurns: 10, ttlSeconds: 60 })));
    const kept = await store.turns('dm:U1');
    expect(kept.map((t) => t.question).sort()).toEqual(Array.from({ length: 8 }, (_, n) => `question ${n}`).sort());
  });

  it('GIVEN a conversation with a 1 s TTL THEN a new turn renews it and silence forgets it', async () => {
    await store.addTurn('thread:C2:1.1', turn(1), { maxTurns: 5, ttlSeconds: 1 });
    await sleep(650);
    await store.addTurn('thread:C2:1.1', turn(2), { maxTurns: 5, ttlSeconds: 1 });
    await sleep(650); // 1.3 s after the first turn, 0.65 s after the renewal
    expect(await store.turns('thread:C2:1.1')).toEqual([turn(1), turn(2)]);
    await sleep(500);
    expect(await store.turns('thread:C2:1.1')).toEqual([]);
  });

  it('GIVEN a burst of 3 THEN the 4th take is refused, notifying once per window, per key and per name', async () => {
    const ask = store.rateLimiter({ name: 'ask', perMinute: 60, burst: 3 });
    for (let i = 0; i < 3; i++) expect(await ask.take('U1')).toEqual({ allowed: true });
    const first = refused(await ask.take('U1'));
    expect(first).toMatchObject({ allowed: false, notify: true });
    expect(first!.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(first!.retryAfterSeconds).toBeLessThanOrEqual(3); // 3 points per 3 s window
    expect(await ask.take('U1')).toMatchObject({ allowed: false, notify: false });
    expect(await ask.take('U1')).toMatchObject({ allowed: false, notify: false });
    expect(await ask.take('U2')).toEqual({ allowed: true });
    expect(await store.rateLimiter({ name: 'pin', perMinute: 60, burst: 3 }).take('U1')).toEqual({ allowed: true });
  });

  it('GIVEN two limiters with one name in one store THEN they share buckets', async () => {
    const a = store.rateLimiter({ name: 'ask', perMinute: 60, burst: 2 });
    const b = store.rateLimiter({ name: 'ask', perMinute: 60, burst: 2 });
    expect(await a.take('U1')).toEqual({ allowed: true });
    expect(await b.take('U1')).toEqual({ allowed: true });
    expect(await a.take('U1')).toMatchObject({ allowed: false, notify: true });
    expect(await b.take('U1')).toMatchObject({ allowed: false, notify: false });
  });

  it('GIVEN 10 concurrent takes on a burst of 3 THEN 3 pass and exactly one refusal notifies', async () => {
    const limit = store.rateLimiter({ name: 'ask', perMinute: 30, burst: 3 });
    const decisions = await Promise.all(Array.from({ length: 10 }, () => limit.take('U9')));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(3);
    expect(decisions.filter((d) => !d.allowed && d.notify)).toHaveLength(1);
  });

  it('GIVEN a spent bucket THEN it refills after its window and notifies again in the next', async () => {
    // burst 2 at 120 per minute is a 1 s window
    const limit = store.rateLimiter({ name: 'fast', perMinute: 120, burst: 2 });
    await limit.take('U1');
    await limit.take('U1');
    expect(await limit.take('U1')).toMatchObject({ allowed: false, notify: true, retryAfterSeconds: 1 });
    await sleep(1_150);
    expect(await limit.take('U1')).toEqual({ allowed: true });
    expect(await limit.take('U1')).toEqual({ allowed: true });
    expect(await limit.take('U1')).toMatchObject({ allowed: false, notify: true });
  });

  it('rejects a TTL or a limit that is a bug, rather than storing nonsense', async () => {
    await expect(store.claim('k', 0)).rejects.toThrow(RangeError);
    await expect(store.set('k', 'v', -1)).rejects.toThrow(RangeError);
    expect(() => store.rateLimiter({ name: 'x', perMinute: 10, burst: 0 })).toThrow(RangeError);
  });

  it('answers ping while open, not after close, and closes twice without throwing', async () => {
    expect(await store.ping()).toBe(true);
    await store.close();
    expect(await store.ping()).toBe(false);
    await store.close();
  });
}
