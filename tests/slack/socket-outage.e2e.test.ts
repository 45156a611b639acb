/**
 * Socket Mode through an outage, end to end: the real adapter (Bolt, SocketModeClient, WebClient)
 * against the fake Slack, which goes away (connections refused, or HTTP 503 on every call) and
 * comes back. @slack/socket-mode's own reconnect gives up for good once apps.connections.open
 * fails with a network error, leaving an unhandled rejection and a deaf bot; with the production
 * retry policy that takes an outage of about 12 s, so the long case here lasts 25 s. The bot must
 * answer a new mention afterwards without a restart, leave no rejection unhandled, report the
 * outage on /readyz and in the metrics, and log the outage in a few lines, not one per attempt.
 */
import { Writable } from 'node:stream';
import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AdapterDeps } from '../../adapters/deps.ts';
import { createLogger } from '../../adapters/logger.ts';
import { startHttpServer, type RunningHttpServer } from '../../adapters/observability/http-server.ts';
import { createMetrics, type Metrics } from '../../adapters/observability/metrics.ts';
import { MemoryRecordStore } from '../../adapters/records/memory-records.ts';
import { startSlack, SlackStartError, type RunningSlack, type SlackStartOptions } from '../../adapters/slack/index.ts';
import { backoffDelay, DEFAULT_BACKOFF, fatalCode, type FatalSocketError } from '../../adapters/slack/socket-healing.ts';
import { MemoryStateStore } from '../../adapters/state/memory-store.ts';
import { FakeSlack, SlackSender } from '../fakes/fake-slack.ts';
import { APP_TOKEN, BOT_TOKEN, realAnswerer, TEST_LIMITS, userTs } from './slack-harness.ts';

interface Bot {
  fake: FakeSlack;
  slack: RunningSlack;
  sender: SlackSender;
  metrics: Metrics;
  logs: string[];
  fatal: FatalSocketError[];
}

const QUESTION = 'How long did the talks last?';
const running: { stop(): Promise<void> }[] = [];
let rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);

beforeEach(() => {
  rejections = [];
  process.on('unhandledRejection', onRejection);
});

afterEach(async () => {
  for (const r of running.splice(0).reverse()) await r.stop();
  process.off('unhandledRejection', onRejection);
});

/** The real adapter in Socket Mode on a fresh fake, with metrics and a recording `onFatal`. */
async function startBot(options: SlackStartOptions = {}, fake?: FakeSlack): Promise<Bot> {
  fake ??= await new FakeSlack({ botToken: BOT_TOKEN, appToken: APP_TOKEN }).start();
  const f = fake;
  running.push({ stop: () => f.stop() });
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const metrics = createMetrics();
  const deps: AdapterDeps = {
    answerer: realAnswerer(),
    logger: createLogger({ level: 'debug', destination }),
    records: new MemoryRecordStore(),
    state: new MemoryStateStore(),
    userSalt: 'test-salt',
    limits: TEST_LIMITS,
    metrics,
  };
  await deps.answerer.ready;
  const fatal: FatalSocketError[] = [];
  const slack = await startSlack(
    { botToken: BOT_TOKEN, appToken: APP_TOKEN, port: 0, apiUrl: fake.apiUrl },
    deps,
    { requestTimeoutMs: 3_000, socketPingTimeoutMs: 2_000, onFatal: (e) => fatal.push(e), ...options },
  );
  running.push(slack);
  return { fake, slack, sender: new SlackSender(fake, { mode: 'socket', fake }), metrics, logs, fatal };
}

async function until(predicate: () => boolean, timeoutMs: number, what: string, refresh?: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await refresh?.();
    if (predicate()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sends a mention in `channel` and resolves with the bot's threaded reply. */
async function ask(bot: Bot, channel: string) {
  const ts = userTs();
  await bot.sender.event(bot.sender.eventCallback({ type: 'app_mention', user: 'U0ASKER', text: `<@${bot.fake.botUserId}> ${QUESTION}`, ts, channel, event_ts: ts }));
  return bot.fake.waitFor(() => bot.fake.messages.find((m) => m.channel === channel && m.thread_ts === ts && m.user === bot.fake.botUserId), 10_000, `an answer in ${channel}`);
}

const lines = (bot: Bot, msg: RegExp) => bot.logs.filter((l) => msg.test(JSON.parse(l).msg ?? ''));

describe('GIVEN the Slack adapter in Socket Mode', () => {
  it('WHEN Slack is unreachable for 25 s THEN it reconnects by itself, answers a new mention, and /readyz and the metrics tell the story', { timeout: 75_000 }, async () => {
    // The production retry policy for apps.connections.open (about 7 s of retries per attempt):
    // with it, Slack's own reconnect dies after an outage of about 12 s. The backoff cap is
    // lowered from 30 s only so the test need not wait up to 30 s after the fake returns.
    const bot = await startBot({ reconnectBackoff: { maxMs: 4_000 } });
    const ops: RunningHttpServer = await startHttpServer({
      port: 0,
      host: '127.0.0.1',
      metrics: bot.metrics,
      logger: createLogger({ level: 'silent' }),
      readiness: async () => ({ ready: bot.slack.connected(), checks: { slack: bot.slack.connected() } }),
    });
    running.push({ stop: () => ops.close() });
    bot.metrics.watch('slack', bot.slack);
    const base = `http://127.0.0.1:${ops.port}`;
    let scraped = '';
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect(await (await fetch(`${base}/metrics`)).text()).toContain('summit_platform_connected{platform="slack"} 1');

    const connectionsBefore = bot.fake.socketConnections;
    await bot.fake.goDown('refuse');
    await until(() => !bot.slack.connected(), 5_000, 'the adapter to notice the outage');
    const down = await fetch(`${base}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ ready: false, checks: { slack: false } });
    expect(await (await fetch(`${base}/metrics`)).text()).toContain('summit_platform_connected{platform="slack"} 0');
    await sleep(25_000);
    await bot.fake.comeUp();

    await until(() => bot.slack.connected(), 15_000, 'the adapter to reconnect');
    expect(bot.fake.socketConnections).toBeGreaterThan(connectionsBefore);
    const answer = await ask(bot, 'C0AFTEROUTAGE');
    expect(answer.text).toMatch(/seven hours/);

    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    // The question-log row (and so the counter) may land just after the reply is posted.
    await until(() => /summit_questions_total\{platform="slack"/.test(scraped), 3_000, 'the question to be counted', async () => {
      scraped = await (await fetch(`${base}/metrics`)).text();
    });
    const text = scraped;
    expect(text).toContain('summit_platform_connected{platform="slack"} 1');
    expect(Number(/summit_platform_reconnects_total\{platform="slack"\} (\d+)/.exec(text)?.[1])).toBeGreaterThanOrEqual(2);
    expect(text).toMatch(/summit_questions_total\{platform="slack",outcome="[^"]+"\} 1/);
    expect(rejections).toEqual([]);
    expect(bot.fatal).toEqual([]);
    // One line when the connection closes, one for the first failed attempt, one on return:
    // the attempts in between are counted, not each logged.
    expect(lines(bot, /connection closed/)).toHaveLength(1);
    expect(lines(bot, /reconnect failed/)).toHaveLength(1);
    expect(lines(bot, /^Slack Socket Mode reconnected$/)).toHaveLength(1);
    expect(JSON.parse(lines(bot, /^Slack Socket Mode reconnected$/)[0]!).failedAttempts).toBeGreaterThanOrEqual(1);
  });

  it('WHEN every Slack call answers HTTP 503 for a while THEN it keeps retrying and answers once Slack is back', { timeout: 40_000 }, async () => {
    const bot = await startBot({ retryConfig: { retries: 0 }, reconnectBackoff: { initialMs: 200, maxMs: 1_000 } });
    await bot.fake.goDown('unavailable');
    await until(() => !bot.slack.connected(), 5_000, 'the adapter to notice the outage');
    await sleep(6_000);
    const attemptsDuringOutage = Number(/summit_platform_reconnects_total\{platform="slack"\} (\d+)/.exec(await bot.metrics.text())?.[1]);
    expect(attemptsDuringOutage).toBeGreaterThanOrEqual(4);
    await bot.fake.comeUp();
    await until(() => bot.slack.connected(), 5_000, 'the adapter to reconnect');
    expect((await ask(bot, 'C0AFTER503')).text).toMatch(/seven hours/);
    expect(rejections).toEqual([]);
  });

  it('WHEN Slack refuses the app token on a reconnect THEN onFatal is called once with a clear line and reconnecting stops', { timeout: 20_000 }, async () => {
    const bot = await startBot({ reconnectBackoff: { initialMs: 100, maxMs: 200 } });
    bot.fake.fail('apps.connections.open', { error: 'invalid_auth', times: Infinity });
    const opensBefore = bot.fake.callsTo('apps.connections.open').length;
    bot.fake.sendDisconnect();
    await until(() => bot.fatal.length > 0, 10_000, 'onFatal');
    await sleep(1_000);
    expect(bot.fatal).toHaveLength(1);
    expect(bot.fatal[0]!.code).toBe('invalid_auth');
    expect(bot.fatal[0]!.message).toMatch(/SLACK_APP_TOKEN.*invalid_auth.*connections:write/);
    expect(bot.fatal[0]!.message).not.toContain(APP_TOKEN);
    expect(bot.fake.callsTo('apps.connections.open').length).toBe(opensBefore + 1);
    expect(bot.slack.connected()).toBe(false);
    expect(rejections).toEqual([]);
  });

  it('WHEN the app token is refused at startup THEN startSlack fails with the fix', async () => {
    const fake = await new FakeSlack({ botToken: BOT_TOKEN, appToken: 'xapp-1-some-other-token' }).start();
    const started = startBot({}, fake);
    await expect(started).rejects.toBeInstanceOf(SlackStartError);
    await expect(started).rejects.toThrow(/SLACK_APP_TOKEN.*invalid_auth/);
    expect(rejections).toEqual([]);
  });

  it('WHEN it is stopped during an outage THEN it stops reconnecting and holds no connection after Slack returns', { timeout: 30_000 }, async () => {
    // Production retries: an attempt may still be retrying apps.connections.open when stop() comes.
    const bot = await startBot({ reconnectBackoff: { initialMs: 200, maxMs: 500 } });
    await bot.fake.goDown('refuse');
    await until(() => !bot.slack.connected(), 5_000, 'the adapter to notice the outage');
    await sleep(1_000);
    await bot.slack.stop();
    await bot.fake.comeUp();
    // An attempt under way at stop() may still connect once; it closes what it opened at once.
    await sleep(9_000);
    const connections = bot.fake.socketConnections;
    await sleep(2_000);
    expect(bot.fake.socketConnections).toBe(connections);
    expect(bot.fake.openSockets).toBe(0);
    expect(bot.slack.connected()).toBe(false);
    expect(rejections).toEqual([]);
  });
});

describe('GIVEN the reconnect policy', () => {
  it('THEN the wait doubles from 1 s and stops growing at 30 s, jittered within its upper half', () => {
    const top = (attempt: number) => backoffDelay(attempt, DEFAULT_BACKOFF, () => 1);
    const bottom = (attempt: number) => backoffDelay(attempt, DEFAULT_BACKOFF, () => 0);
    expect([1, 2, 3, 4, 5, 6, 7, 100].map(top)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
    expect(bottom(1)).toBe(500);
    expect(bottom(100)).toBe(15_000);
  });

  it('THEN only errors about the app token itself are fatal', () => {
    const platform = (error: string) => Object.assign(new Error(error), { code: webApi.ErrorCode.PlatformError, data: { ok: false, error } });
    for (const code of ['invalid_auth', 'token_revoked', 'account_inactive', 'not_allowed_token_type']) expect(fatalCode(platform(code))).toBe(code);
    expect(fatalCode(platform('internal_error'))).toBeUndefined();
    expect(fatalCode(Object.assign(new Error('fetch failed'), { code: webApi.ErrorCode.RequestError }))).toBeUndefined();
    expect(fatalCode(Object.assign(new Error('503'), { code: webApi.ErrorCode.HTTPError, statusCode: 503 }))).toBeUndefined();
    expect(fatalCode(undefined)).toBeUndefined();
  });
});
