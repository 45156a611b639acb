/**
 * State that survives restarts and replicas, black-box through `npm start` (adapters/main.ts in
 * child processes) against the fake Slack: with a fixed DATA_DIR a thread follow-up after a
 * restart is answered and a retried event is not answered twice; two HTTP-mode replicas sharing
 * REDIS_URL answer one event exactly once and share thread memory; in Socket Mode /healthz and
 * /metrics answer on PORT and the question counter rises after an answer, and after a 25 s outage
 * a new mention is answered without a restart.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeSlack, SlackSender } from '../fakes/fake-slack.ts';
import { startBot, stopBots, waitForOutput, type Bot } from './bot-process.ts';
import { APP_TOKEN, BOT_TOKEN, SIGNING_SECRET } from './slack-harness.ts';

let fake: FakeSlack | undefined;
afterEach(async () => {
  stopBots();
  await fake?.stop();
  fake = undefined;
});

/** A Redis database of its own for this run (flushed before and after), or why there is none. */
async function redisDatabase(): Promise<{ url: string; flush: () => Promise<void> } | string> {
  const db = 1 + Math.floor(Math.random() * 15);
  const client = new Redis(`redis://127.0.0.1:6379/${db}`, { lazyConnect: true, connectTimeout: 1_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.flushdb();
    return { url: `redis://127.0.0.1:6379/${db}`, flush: async () => { await client.flushdb(); client.disconnect(); } };
  } catch (err) {
    client.disconnect();
    return err instanceof Error ? err.message : String(err);
  }
}
const redis = await redisDatabase();
if (typeof redis === 'string') console.warn(`skipping the Redis replica test: no Redis at 127.0.0.1:6379 (${redis})`);

async function httpBot(env: Record<string, string>): Promise<{ bot: Bot; sender: SlackSender }> {
  const bot = startBot({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake!.apiUrl, PORT: '0', ...env });
  const [, port] = await waitForOutput(bot, /"port":(\d+)[^\n]*"msg":"Slack adapter started"/);
  await waitForOutput(bot, /"msg":"ready"/);
  return { bot, sender: new SlackSender(fake!, { mode: 'http', url: `http://127.0.0.1:${port}/slack/events`, signingSecret: SIGNING_SECRET }) };
}

const mention = (text: string, channel: string, ts: string) =>
  ({ type: 'app_mention', channel, user: 'U0HUMAN', text: `<@${fake!.botUserId}> ${text}`, ts, event_ts: ts });
const threadReply = (text: string, channel: string, threadTs: string, ts: string) =>
  ({ type: 'message', channel, channel_type: 'channel', user: 'U0HUMAN', text, ts, thread_ts: threadTs, event_ts: ts });
const postsIn = (channel: string) => fake!.messages.filter((m) => m.channel === channel && m.user === fake!.botUserId);
const settle = (ms = 1_500) => new Promise((r) => setTimeout(r, ms));

describe('state that survives a restart and is shared by replicas', { timeout: 120_000 }, () => {
  it('with a fixed DATA_DIR, answers a thread follow-up after a restart and does not answer a retried event twice', async () => {
    fake = await new FakeSlack({ botToken: BOT_TOKEN }).start();
    const dataDir = mkdtempSync(join(tmpdir(), 'summit-restart-'));
    const first = await httpBot({ DATA_DIR: dataDir });
    const question = first.sender.eventCallback(mention('What did Trump want?', 'C0RESTART', '1700000100.000100'));
    await first.sender.event(question);
    await fake.waitFor(() => postsIn('C0RESTART').length === 1, 20_000);
    first.bot.child.kill('SIGTERM');
    expect(await first.bot.exited).toBe(0);

    const second = await httpBot({ DATA_DIR: dataDir });
    // Slack redelivers the event it thinks was lost: the new process knows it was answered
    // (the claim is in DATA_DIR; a bot with memory-only state answers it a second time).
    await second.sender.event(question, { retryNum: 1 });
    await second.sender.event(second.sender.eventCallback(threadReply('and Putin?', 'C0RESTART', '1700000100.000100', '1700000101.000100')));
    const posts = await fake.waitFor(() => postsIn('C0RESTART').length >= 2 && postsIn('C0RESTART'), 20_000);
    await settle();
    expect(postsIn('C0RESTART')).toHaveLength(2);
    expect(JSON.stringify(posts[1]!.blocks)).toContain('What did Putin want?');
    expect(posts[1]!.thread_ts).toBe('1700000100.000100');
  });

  it.skipIf(typeof redis === 'string')('two HTTP replicas sharing REDIS_URL answer one event exactly once and share thread memory', async () => {
    const { url, flush } = redis as Exclude<typeof redis, string>;
    try {
      fake = await new FakeSlack({ botToken: BOT_TOKEN }).start();
      const shared = { REDIS_URL: url, USER_HASH_SALT: 'replica-test-salt' };
      const [a, b] = await Promise.all([
        httpBot({ ...shared, DATA_DIR: mkdtempSync(join(tmpdir(), 'summit-replica-a-')) }),
        httpBot({ ...shared, DATA_DIR: mkdtempSync(join(tmpdir(), 'summit-replica-b-')) }),
      ]);
      // A load balancer retrying on the other replica: the same event reaches both at once.
      const question = a.sender.eventCallback(mention('What did Trump want?', 'C0REPLICAS', '1700000200.000100'));
      await Promise.all([a.sender.event(question), b.sender.event(question, { retryNum: 1 })]);
      await fake.waitFor(() => postsIn('C0REPLICAS').length >= 1, 20_000);
      await settle();
      expect(postsIn('C0REPLICAS')).toHaveLength(1);
      // The follow-up goes to the other replica than the one that may have answered: both know the thread.
      for (const [i, replica] of [b, a].entries()) {
        await replica.sender.event(replica.sender.eventCallback(threadReply(i === 0 ? 'and Putin?' : 'why?', 'C0REPLICAS', '1700000200.000100', `170000020${i + 1}.000100`)));
        await fake.waitFor(() => postsIn('C0REPLICAS').length === i + 2, 20_000);
      }
      const posts = postsIn('C0REPLICAS');
      expect(JSON.stringify(posts[1]!.blocks)).toContain('What did Putin want?');
      expect(JSON.stringify(posts[2]!.blocks)).toContain('why did Putin want?');
    } finally {
      await flush();
    }
  });

  it('in Socket Mode serves /healthz, /readyz and /metrics on PORT, and counts the question it answered', async () => {
    fake = await new FakeSlack({ botToken: BOT_TOKEN, appToken: APP_TOKEN }).start();
    const bot = startBot({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN, SLACK_API_URL: fake.apiUrl, PORT: '0' });
    const [, port] = await waitForOutput(bot, /"port":(\d+)[^\n]*"msg":"ready"/);
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true });
    const count = async () => Number((await (await fetch(`${base}/metrics`)).text()).match(/summit_questions_total\{platform="slack",outcome="answered"\} (\d+)/)?.[1] ?? 0);
    const before = await count();
    const sender = new SlackSender(fake, { mode: 'socket', fake });
    await sender.event(sender.eventCallback(mention('How long did the talks last?', 'C0METRICS', '1700000300.000100')));
    await fake.waitFor(() => postsIn('C0METRICS').length === 1, 20_000);
    expect(await count()).toBe(before + 1);
    const text = await (await fetch(`${base}/metrics`)).text();
    for (const name of ['summit_answer_seconds_bucket', 'summit_platform_connected{platform="slack"} 1', 'summit_process_resident_memory_bytes']) expect(text).toContain(name);
  });

  it('in Socket Mode, after a 25 s Slack outage, answers a new mention without a restart', { timeout: 90_000 }, async () => {
    fake = await new FakeSlack({ botToken: BOT_TOKEN, appToken: APP_TOKEN }).start();
    const bot = startBot({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN, SLACK_API_URL: fake.apiUrl });
    await waitForOutput(bot, /"msg":"ready"/);
    const rejections = () => (bot.output().match(/unhandled rejection/g) ?? []).length;
    await fake.goDown('refuse');
    await settle(25_000);
    await fake.comeUp();
    await fake.waitForSocket(40_000);
    const sender = new SlackSender(fake, { mode: 'socket', fake });
    await sender.event(sender.eventCallback(mention('How long did the talks last?', 'C0OUTAGE', '1700000400.000100')));
    const [post] = await fake.waitFor(() => postsIn('C0OUTAGE').length === 1 && postsIn('C0OUTAGE'), 20_000);
    expect(post!.text).toMatch(/seven hours/);
    expect(bot.child.exitCode).toBeNull();
    expect(rejections()).toBe(0);
  });
});
