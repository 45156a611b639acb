import { describe, expect, it } from 'vitest';
import { MemoryStateStore } from '../../adapters/state/memory-store.ts';
import { stateStoreContract, turn } from './state-store-contract.ts';

describe('MemoryStateStore', () => {
  stateStoreContract(async () => new MemoryStateStore());

  it('GIVEN more keys than maxKeys THEN the least recently used are forgotten', async () => {
    const store = new MemoryStateStore({ maxKeys: 3 });
    for (const k of ['a', 'b', 'c', 'd']) await store.set(k, k);
    expect(await store.get('a')).toBeUndefined();
    expect(await store.get('d')).toBe('d');
    expect((await store.claim('a', 10)).ok).toBe(true);
  });

  it('GIVEN more conversations than maxConversations THEN the oldest is forgotten', async () => {
    const store = new MemoryStateStore({ maxConversations: 2 });
    for (const k of ['t1', 't2', 't3']) await store.addTurn(k, turn(1), { maxTurns: 5, ttlSeconds: 60 });
    expect(await store.turns('t1')).toEqual([]);
    expect(await store.turns('t3')).toEqual([turn(1)]);
  });

  it('GIVEN a caller edits the turns it read THEN the stored conversation is unchanged', async () => {
    const store = new MemoryStateStore();
    await store.addTurn('t', turn(1), { maxTurns: 5, ttlSeconds: 60 });
    const read = await store.turns('t');
    read[0]!.citations.push('edited');
    read.push(turn(2));
    expect(await store.turns('t')).toEqual([turn(1)]);
  });
});
