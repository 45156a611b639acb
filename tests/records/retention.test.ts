import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryRecordStore } from '../../adapters/records/memory-records.ts';
import { RETENTION_INTERVAL_MS, startRetention } from '../../adapters/records/retention.ts';
import { bareQuestion } from './record-store-contract.ts';

const DAY = 86_400_000;
const logger = () => ({ info: vi.fn(), warn: vi.fn() });

describe('startRetention', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2025-06-01T00:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('prunes at start, then every 6 hours, logging how many questions went', async () => {
    const store = new MemoryRecordStore();
    await store.logQuestion(bareQuestion({ at: Date.now() - 40 * DAY }));
    await store.logQuestion(bareQuestion({ at: Date.now() - 29 * DAY - 23 * 3_600_000 }));
    const log = logger();
    const stop = startRetention(store, 30, log);
    await vi.waitFor(() => expect(log.info).toHaveBeenCalledTimes(1));
    expect(log.info.mock.calls[0]?.[0]).toMatchObject({ pruned: 1, days: 30 });
    expect(await store.questions()).toHaveLength(1);

    // Six hours on, the second question is past 30 days.
    await vi.advanceTimersByTimeAsync(RETENTION_INTERVAL_MS);
    expect(log.info).toHaveBeenCalledTimes(2);
    expect(log.info.mock.calls[1]?.[0]).toMatchObject({ pruned: 1 });
    expect(await store.questions()).toHaveLength(0);
    expect(RETENTION_INTERVAL_MS).toBe(6 * 3_600_000);
    stop();
  });

  it('GIVEN a store whose prune fails, or throws outright THEN logs a warning, never throws, and tries again', async () => {
    const store = new MemoryRecordStore();
    const prune = vi
      .spyOn(store, 'prune')
      .mockRejectedValueOnce(new Error('database is locked'))
      .mockImplementationOnce(() => {
        throw new Error('sync failure');
      });
    const log = logger();
    const stop = startRetention(store, 30, log);
    await vi.waitFor(() => expect(log.warn).toHaveBeenCalledTimes(1));
    await vi.advanceTimersByTimeAsync(RETENTION_INTERVAL_MS);
    expect(log.warn).toHaveBeenCalledTimes(2);
    expect(log.warn.mock.calls[1]?.[0]).toMatchObject({ err: expect.objectContaining({ message: 'sync failure' }) });
    await vi.advanceTimersByTimeAsync(RETENTION_INTERVAL_MS);
    expect(prune).toHaveBeenCalledTimes(3);
    expect(log.info).toHaveBeenCalledTimes(1);
    stop();
  });

  it('stops when told: no prune after stop', async () => {
    const store = new MemoryRecordStore();
    const prune = vi.spyOn(store, 'prune');
    const stop = startRetention(store, 7);
    stop();
    await vi.advanceTimersByTimeAsync(3 * RETENTION_INTERVAL_MS);
    expect(prune).toHaveBeenCalledTimes(1);
  });

  it('does not keep the process alive: its timer is unref’d', () => {
    const unref = vi.fn();
    const spy = vi.spyOn(globalThis, 'setInterval').mockReturnValue({ unref } as unknown as ReturnType<typeof setInterval>);
    const stop = startRetention(new MemoryRecordStore(), 7);
    expect(spy).toHaveBeenCalledWith(expect.any(Function), RETENTION_INTERVAL_MS);
    expect(unref).toHaveBeenCalled();
    spy.mockRestore();
    stop();
  });
});
