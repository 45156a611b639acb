/**
 * Reliability against a misbehaving Discord: REST 429 with Retry-After, 5xx, slow responses,
 * gateway disconnects (resume, and a fresh identify when the session is gone), per-user rate
 * limits, bounded concurrency and clean shutdown. Real discord.js, real core, fake Discord.
 */
import { describe, expect, it } from 'vitest';
import { startDiscord } from '../../adapters/discord/index.ts';
import { createLogger } from '../../adapters/logger.ts';
import { MemoryRecordStore } from '../../adapters/records/memory-records.ts';
import { MemoryStateStore } from '../../adapters/state/memory-store.ts';
import { FakeDiscord } from '../fakes/fake-discord.ts';
import { harnessPerTest, realAnswerer, replyRequest, replyTo, startHarness, TEST_LIMITS } from './discord-harness.ts';

const STRING = 3;
const EPHEMERAL = 64;

describe('the Discord adapter under faults', () => {
  const start = harnessPerTest();

  it('waits out a REST 429 for its Retry-After, then sends the reply exactly once', async () => {
    const h = await start();
    h.fake.fault({
      method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 429,
      headers: { 'retry-after': '0.6', 'x-ratelimit-scope': 'user' },
      body: { message: 'You are being rate limited.', retry_after: 0.6, global: false },
    });
    const question = h.fake.mentionBot('Where was the summit?');
    await replyRequest(h, question);
    const attempts = h.fake.requestsTo('POST', /^\/channels\/\d+\/messages$/).filter((r) => r.body?.message_reference?.message_id === question.id);
    expect(attempts.map((r) => r.status)).toEqual([429, 200]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(580);
    expect(h.logs.join('')).toMatch(/"status":429.*Discord REST error/);
  });

  it('retries a 500 and answers once', async () => {
    const h = await start();
    h.fake.fault({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 500 });
    const question = h.fake.mentionBot('What did Trump offer Putin?');
    await replyRequest(h, question);
    const statuses = h.fake.requestsTo('POST', /^\/channels\/\d+\/messages$/).filter((r) => r.body?.message_reference?.message_id === question.id).map((r) => r.status);
    expect(statuses).toEqual([500, 200]);
  });

  it('gives up after bounded retries on a persistent 502, logs it, and keeps answering afterwards', async () => {
    const h = await start();
    // Three tries (retries: 2) for the answer, three for the error reply.
    h.fake.fault({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 502, times: 6 });
    const doomed = h.fake.mentionBot('Where was the summit?');
    await h.fake.waitUntil(() => h.logs.some((l) => l.includes('could not send the error reply')), 10_000, 'the logged give-up');
    expect(h.fake.requestsTo('POST', /^\/channels\/\d+\/messages$/).filter((r) => r.body?.message_reference?.message_id === doomed.id)).toHaveLength(6);
    expect(h.logs.join('')).toMatch(/message handler failed/);
    await replyTo(h, h.fake.mentionBot('What does China gain?'));
  });

  it('retries a request that outlives the REST timeout', async () => {
    const h = await start();
    h.fake.fault({ method: 'POST', path: /^\/channels\/\d+\/messages$/, delayMs: 2_000, status: 200, body: {} });
    const question = h.fake.mentionBot('Where was the summit?');
    await replyRequest(h, question);
    const statuses = h.fake.requestsTo('POST', /^\/channels\/\d+\/messages$/).map((r) => r.status);
    expect(statuses[0]).not.toBe(200);
  }, 10_000);

  it('resumes after the gateway closes and answers a mention sent while it was away', async () => {
    const h = await start();
    expect(h.fake.gatewayCount('identify')).toBe(1);
    h.fake.closeGateway(4000);
    const missed = h.fake.mentionBot('How long did the talks last?');
    await replyTo(h, missed);
    expect(h.fake.gatewayCount('resume')).toBe(1);
    expect(h.fake.gatewayCount('identify')).toBe(1);
    const resume = h.fake.gatewayReceived.find((p) => p.op === 6)!;
    expect(resume.d.token).toBe(h.fake.token);
    expect(h.logs.join('')).toMatch(/gateway session resumed/);
  });

  it('identifies afresh when Discord invalidates the session, then keeps answering', async () => {
    const h = await start();
    h.fake.invalidateSession();
    // discord.js spaces identifies 5 s apart (Discord's max_concurrency throttle).
    await h.fake.waitUntil(() => h.fake.gatewayCount('identify') === 2, 8_000, 'a second IDENTIFY');
    await replyTo(h, h.fake.mentionBot('Where was the summit?'));
  }, 12_000);

  it('keeps heartbeating and Discord acknowledges', async () => {
    const h = await start({ fake: { heartbeatIntervalMs: 200 } });
    await h.fake.waitUntil(() => h.fake.gatewayCount('heartbeat') >= 2, 3_000, 'two heartbeats');
  });

  it('treats a connection whose heartbeats go unacknowledged as dead, and resumes', async () => {
    const h = await start({ fake: { heartbeatIntervalMs: 200 } });
    h.fake.ackHeartbeats = false;
    await h.fake.waitUntil(() => h.fake.gatewayCount('resume') >= 1, 5_000, 'a RESUME after the zombie connection');
    h.fake.ackHeartbeats = true;
    await replyTo(h, h.fake.mentionBot('Where was the summit?'));
    expect(h.fake.gatewayCount('identify')).toBe(1);
  });

  it('logs, and lives on, when Discord keeps failing an interaction callback', async () => {
    const h = await start();
    const interaction = h.fake.slash('help');
    // Three tries for the reply, three for the error reply.
    h.fake.fault({ method: 'POST', path: new RegExp(`^/interactions/${interaction.id}/`), status: 503, times: 6 });
    await h.fake.waitUntil(() => h.logs.some((l) => l.includes('could not send the error reply')), 10_000, 'the logged give-up');
    await h.fake.waitForCallback(h.fake.slash('help'));
  });

  it('still answers when the question was deleted before the reply landed', async () => {
    const h = await start();
    h.fake.fault({ method: 'POST', path: /^\/channels\/\d+\/messages$/, delayMs: 300 });
    const question = h.fake.mentionBot('Where was the summit?');
    const request = await h.fake.waitForRequest((r) => r.body?.message_reference?.message_id === question.id);
    h.fake.deleteMessage(question.channel_id, question.id);
    await h.fake.waitUntil(() => request.status !== 0, 3_000, 'the reply to be served');
    expect(request.status).toBe(200);
    expect(request.body.message_reference.fail_if_not_exists).toBe(false);
  });
});

describe('starting the Discord adapter with a bad token', () => {
  it('fails with a message that names DISCORD_TOKEN and does not repeat the token', async () => {
    const fake = await FakeDiscord.start();
    try {
      const deps = { answerer: realAnswerer(), logger: createLogger({ level: 'silent' }), records: new MemoryRecordStore(), state: new MemoryStateStore(), userSalt: 'test-salt', limits: TEST_LIMITS };
      const attempt = startDiscord({ token: 'wrong-token-value', apiUrl: fake.apiUrl }, deps, { rest: { retries: 0, timeout: 1_000 } });
      await expect(attempt).rejects.toThrow(/DISCORD_TOKEN/);
      await expect(attempt).rejects.not.toThrow(/wrong-token-value/);
    } finally {
      await fake.close();
    }
  });
});

describe('abuse limits on Discord', () => {
  const start = harnessPerTest();

  it('answers a flooding user up to the burst, then sends one polite notice, then stays quiet', async () => {
    const h = await start({ limits: { ratePerMinute: 1, burst: 2 } });
    const questions = ['Where was the summit?', 'Who met?', 'How long?', 'Why Alaska?'].map((q) => h.fake.mentionBot(q));
    const replies = await Promise.all(questions.slice(0, 3).map((q) => replyTo(h, q)));
    expect(replies[0].embeds).toHaveLength(1);
    expect(replies[1].embeds).toHaveLength(1);
    expect(replies[2].content).toMatch(/faster than I can keep up.*\d+ s/);
    // The fourth, in the same window, gets nothing; another user is unaffected.
    const bob = h.fake.user(h.fake.snowflake(), 'bob');
    await replyTo(h, h.fake.mentionBot('Who met?', { author: bob }));
    const referenced = h.fake.requests.map((r) => r.body?.message_reference?.message_id);
    expect(referenced).not.toContain(questions[3].id);
  });

  it('acknowledges a rate-limited slash command with an ephemeral notice rather than silence', async () => {
    const h = await start({ limits: { ratePerMinute: 1, burst: 1 } });
    await h.fake.waitForCallback(h.fake.slash('help'));
    const limited = await h.fake.waitForCallback(h.fake.slash('help'));
    expect(limited.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(limited.body.data.content).toMatch(/faster than I can keep up/);
  });

  it('defers commands that must wait for a free worker, so Discord hears back within 3 s', async () => {
    const h = await start({ limits: { maxConcurrent: 1 } });
    const ask = (q: string) => h.fake.slash('ask', [{ name: 'question', type: STRING, value: q }]);
    const first = ask('Where was the summit?');
    // The first answer's callback is slow, holding the only worker.
    h.fake.fault({ method: 'POST', path: new RegExp(`^/interactions/${first.id}/`), delayMs: 600 });
    const second = ask('Who met?');
    const secondCallback = await h.fake.waitForCallback(second);
    expect(secondCallback.body.type).toBe(5);
    const edit = await h.fake.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(second.token));
    const firstCallback = await h.fake.waitForCallback(first);
    expect(firstCallback.status).toBe(204);
    expect(edit.at).toBeGreaterThanOrEqual(firstCallback.at + 500);
  });
});

describe('stopping the Discord adapter', () => {
  it('finishes the answer in flight, turns new work away politely, and closes the gateway', async () => {
    const h = await startHarness();
    try {
      h.fake.fault({ method: 'POST', path: /^\/channels\/\d+\/messages$/, delayMs: 500 });
      const question = h.fake.mentionBot('Where was the summit?');
      const inFlight = await h.fake.waitForRequest((r) => r.body?.message_reference?.message_id === question.id);
      const stopped = h.adapter.stop();
      const late = await h.fake.waitForCallback(h.fake.slash('help'));
      expect(late.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(late.body.data.content).toMatch(/restarting/);
      // A mention during shutdown gets the same word, not silence.
      const lateMention = h.fake.mentionBot('Who met?');
      const notice = await h.fake.waitForBotMessage(lateMention.channel_id, (m) => m.message_reference?.message_id === lateMention.id, 3_000);
      expect(notice.content).toMatch(/restarting/);
      await stopped;
      expect(inFlight.status).toBe(200);
      await h.fake.waitUntil(() => h.fake.gatewayReceived.length && ![...(h.fake as any).wss.clients].some((c: any) => c.readyState === 1), 3_000, 'the gateway to close');
    } finally {
      await h.fake.close();
    }
  });
});
