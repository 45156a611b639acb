/**
 * The shared abuse and concurrency limits the Slack adapter uses (adapters/shared), with a fake
 * clock: refill, "tell once per window", cooldowns, the concurrency bound and a bounded drain.
 */
import { describe, expect, it } from 'vitest';
import { BoundedSet } from '../../adapters/shared/bounded-set.ts';
import { Cooldown, RateLimiter } from '../../adapters/shared/rate-limit.ts';
import { WorkLimiter } from '../../adapters/shared/work-limiter.ts';

describe('RateLimiter', () => {
  it('GIVEN a burst of 2 at 6 a minute THEN allows 2, refuses the 3rd, and allows one more after 10 s', () => {
    let now = 0;
    const limiter = new RateLimiter({ perMinute: 6, burst: 2, now: () => now });
    expect(limiter.take('u').allowed).toBe(true);
    expect(limiter.take('u').allowed).toBe(true);
    expect(limiter.take('u')).toEqual({ allowed: false, retryAfterSeconds: 10, notify: true });
    now = 10_000;
    expect(limiter.take('u').allowed).toBe(true);
  });

  it('tells a refused user once per window, then stays quiet until the window ends', () => {
    let now = 0;
    const limiter = new RateLimiter({ perMinute: 6, burst: 1, now: () => now });
    limiter.take('u');
    expect(limiter.take('u')).toMatchObject({ notify: true });
    now = 5_000;
    expect(limiter.take('u')).toMatchObject({ allowed: false, notify: false });
    now = 10_001;
    limiter.take('u');
    expect(limiter.take('u')).toMatchObject({ allowed: false, notify: true });
  });

  it('keeps users apart', () => {
    const limiter = new RateLimiter({ perMinute: 1, burst: 1, now: () => 0 });
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('b').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
  });
});

describe('Cooldown', () => {
  it('starts on first use and reports the seconds left after', () => {
    let now = 0;
    const cooldown = new Cooldown(30, () => now);
    expect(cooldown.take('C1')).toBe(0);
    now = 12_000;
    expect(cooldown.take('C1')).toBe(18);
    expect(cooldown.take('C2')).toBe(0);
    now = 30_000;
    expect(cooldown.take('C1')).toBe(0);
  });
});

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

describe('BoundedSet', () => {
  it('says whether a key is new, and forgets the oldest past its size', () => {
    const seen = new BoundedSet(2);
    expect(seen.add('a')).toBe(true);
    expect(seen.add('a')).toBe(false);
    seen.add('b');
    seen.add('c');
    expect(seen.has('a')).toBe(false);
    expect(seen.has('c')).toBe(true);
  });
});
