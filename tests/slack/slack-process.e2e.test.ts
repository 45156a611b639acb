/**
 * The whole process, as `npm start` runs it: `adapters/main.ts` in a child process, configured
 * only by the environment, talking to the fake Slack on 127.0.0.1. It must answer, exit 0 on
 * SIGTERM, and never print a token or the signing secret.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, stopBots, waitForOutput } from './bot-process.ts';
import { FakeSlack, SlackSender } from '../fakes/fake-slack.ts';
import { APP_TOKEN, BOT_TOKEN, SIGNING_SECRET } from './slack-harness.ts';

const SECRETS = [BOT_TOKEN, APP_TOKEN, SIGNING_SECRET];

let fake: FakeSlack | undefined;

afterEach(async () => {
  stopBots();
  await fake?.stop();
  fake = undefined;
});

// Each test starts a whole process (tsx, Bolt, the corpus): on a busy shared machine that is slow.
describe('GIVEN npm start with Slack configured by the environment', { timeout: 60_000 }, () => {
  it('in HTTP mode answers a signed DM, exits 0 on SIGTERM and never prints a secret', async () => {
    fake = await new FakeSlack({ botToken: BOT_TOKEN }).start();
    const bot = startBot({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, PORT: '0' });
    const [, port] = await waitForOutput(bot, /"port":(\d+)[^\n]*"msg":"Slack adapter started"/);
    await waitForOutput(bot, /"msg":"ready"/);
    const sender = new SlackSender(fake, { mode: 'http', url: `http://127.0.0.1:${port}/slack/events`, signingSecret: SIGNING_SECRET });
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    const ack = await sender.event(sender.eventCallback({ type: 'message', channel_type: 'im', channel: 'D0PROC', user: 'U0HUMAN', text: 'How long did the talks last?', ts: '1700000001.000100' }));
    expect(ack.status).toBe(200);
    const post = await fake.waitFor(() => fake!.messages.find((m) => m.channel === 'D0PROC'), 20_000);
    expect(post.text).toMatch(/seven hours/);
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    for (const secret of SECRETS) expect(bot.output()).not.toContain(secret);
  });

  it('in Socket Mode connects with the app token, answers an envelope, and exits 0 on SIGTERM', async () => {
    fake = await new FakeSlack({ botToken: BOT_TOKEN, appToken: APP_TOKEN }).start();
    const bot = startBot({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN, SLACK_API_URL: fake.apiUrl });
    await waitForOutput(bot, /"msg":"ready"/);
    const sender = new SlackSender(fake, { mode: 'socket', fake });
    await sender.event(sender.eventCallback({ type: 'app_mention', channel: 'C0PROC', user: 'U0HUMAN', text: `<@${fake.botUserId}> How long did the talks last?`, ts: '1700000002.000100' }));
    const post = await fake.waitFor(() => fake!.messages.find((m) => m.channel === 'C0PROC'), 20_000);
    expect(post.thread_ts).toBe('1700000002.000100');
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    for (const secret of SECRETS) expect(bot.output()).not.toContain(secret);
  });
});
