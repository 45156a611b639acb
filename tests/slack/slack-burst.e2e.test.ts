/**
 * A burst through the HTTP receiver: many signed events at once, several of them redelivered.
 * Every request must be acknowledged, every question answered, none twice. (The timed load run
 * with latency figures belongs in `npm run bench`; this only proves nothing is lost or doubled.)
 */
import { describe, expect, it } from 'vitest';
import { type Harness, messageEvent, useHarness } from './slack-harness.ts';

let h: Harness;
useHarness({ mode: 'http', limits: { maxConcurrent: 8 } }, (x) => (h = x));

const QUESTIONS = ['How long did the talks last?', 'What did Trump offer Putin?', 'What does China gain or lose?'];
const USERS = 20;
const PER_USER = 5;

describe('GIVEN a burst of 100 DMs from 20 users, 50 at a time,, a quarter of them redelivered', () => {
  it('acknowledges every request and answers every question exactly once', async () => {
    const callbacks = Array.from({ length: USERS * PER_USER }, (_, i) => h.sender.eventCallback(
      messageEvent(QUESTIONS[i % QUESTIONS.length]!, { channel: `D0LOAD${i % USERS}`, channel_type: 'im', user: `U0LOAD${i % USERS}` }),
    ));
    const deliveries = [...callbacks.map((c) => ({ c, retry: 0 })), ...callbacks.filter((_, i) => i % 4 === 0).map((c) => ({ c, retry: 1 }))];
    const statuses: number[] = [];
    for (let i = 0; i < deliveries.length; i += 50) {
      const batch = deliveries.slice(i, i + 50).map(({ c, retry }) => h.sender.event(c, { retryNum: retry }));
      statuses.push(...(await Promise.all(batch)).map((r) => r.status));
    }
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    const answered = () => h.fake.messages.filter((m) => m.user === h.fake.botUserId && m.channel.startsWith('D0LOAD'));
    await h.fake.waitFor(() => answered().length >= callbacks.length, 20_000, 'every answer');
    const perChannel = new Map<string, number>();
    for (const m of answered()) perChannel.set(m.channel, (perChannel.get(m.channel) ?? 0) + 1);
    expect(answered()).toHaveLength(callbacks.length);
    expect([...perChannel.values()]).toEqual(Array(USERS).fill(PER_USER));
  });
});
