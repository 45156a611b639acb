/**
 * The concurrency bound the chat adapters share (adapters/shared/work-limiter.ts): the bound and
 * a bounded drain. Rate limits and cooldowns live in the state stores (tests/state).
 */
import { describe, expect, it } from 'vitest';
import { WorkLimiter } from '../../adapters/shared/work-limiter.ts';

describe('WorkLimiter', () => {
  it('never runs more than its bound at once', async () => {
    const work = new WorkLimiter(2);
    let running = 0;
    let peak = 0;
    const job = async () => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 10));
      running -= 1;
    };
    await Promise.all(Array.from({ length: 8 }, () => work.run(job)));
    expect(peak).toBe(2);
  });

  it('drain waits for work in flight, but no longer than its bound', async () => {
    const work = new WorkLimiter(4);
    void work.run(() => new Promise((r) => setTimeout(r, 20)));
    void work.run(() => new Promise((r) => setTimeout(r, 5_000)));
    const started = Date.now();
    const { abandoned } = await work.drain(200);
    expect(abandoned).toBe(1);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(work.accepting).toBe(false);
  });
});
