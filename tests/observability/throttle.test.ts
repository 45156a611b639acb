/**
 * The outage log throttle on a fake clock: the first occurrence in full, then at most one summary
 * per interval with the count since the last line, and a fresh start after `settle()`.
 */
import { describe, expect, it } from 'vitest';
import { Throttle } from '../../adapters/observability/throttle.ts';

function clocked(intervalMs = 60_000) {
  let now = 1_000_000;
  const throttle = new Throttle({ intervalMs, now: () => now });
  return { throttle, advance: (ms: number) => (now += ms) };
}

describe('GIVEN an outage throttle with a 60 s interval', () => {
  it('THEN the first occurrence is logged and the next ones within the interval are not', () => {
    const { throttle, advance } = clocked();
    expect(throttle.hit()).toEqual({ log: 'first' });
    for (let i = 0; i < 10; i += 1) {
      advance(5_000);
      expect(throttle.hit()).toEqual({ log: false });
    }
  });

  it('THEN once the interval has passed, one summary counts everything since the last line', () => {
    const { throttle, advance } = clocked();
    throttle.hit();
    advance(10_000);
    throttle.hit();
    advance(10_000);
    throttle.hit();
    advance(40_000);
    expect(throttle.hit()).toEqual({ log: 'summary', count: 3 });
    advance(1_000);
    expect(throttle.hit()).toEqual({ log: false });
    advance(59_000);
    expect(throttle.hit()).toEqual({ log: 'summary', count: 2 });
  });

  it('THEN an hour of reconnects every second writes about one line a minute', () => {
    const { throttle, advance } = clocked();
    let lines = 0;
    let counted = 0;
    for (let s = 0; s < 3_600; s += 1) {
      const d = throttle.hit();
      if (d.log === 'first') {
        lines += 1;
        counted += 1;
      } else if (d.log === 'summary') {
        lines += 1;
        counted += d.count;
      }
      advance(1_000);
    }
    expect(lines).toBe(60);
    const { total, unreported } = throttle.settle();
    expect(total).toBe(3_600);
    expect(counted + unreported).toBe(3_600);
  });

  it('THEN settle() reports the episode and the next occurrence is logged in full again', () => {
    const { throttle, advance } = clocked();
    expect(throttle.active).toBe(false);
    throttle.hit();
    throttle.hit();
    throttle.hit();
    expect(throttle.active).toBe(true);
    expect(throttle.settle()).toEqual({ total: 3, unreported: 2 });
    expect(throttle.active).toBe(false);
    advance(1);
    expect(throttle.hit()).toEqual({ log: 'first' });
  });

  it('THEN settle() outside an episode reports nothing', () => {
    expect(clocked().throttle.settle()).toEqual({ total: 0, unreported: 0 });
  });
});
