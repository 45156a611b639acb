/**
 * The whole process, as `npm start` runs it: `adapters/main.ts` in a child process, configured
 * only by the environment, talking to the fake Slack on 127.0.0.1. It must answer, exit 0 on
 * SIGTERM, and never print a token or the signing secret.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeSlack, SlackSender } from '../fakes/fake-slack.ts';
import { APP_TOKEN, BOT_TOKEN, SIGNING_SECRET } from './slack-harness.ts';

interface Bot {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

const running: Bot[] = [];
let fake: FakeSlack | undefined;

afterEach(async () => {
  for (const bot of running.splice(0)) if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
  await fake?.stop();
  fake = undefined;
});

/** Starts `adapters/main.ts` with only `env` (plus PATH) as its environment. */
function startBot(env: Record<string, string>): Bot {
  const child = spawn(process.execPath, ['--import', 'tsx', 'adapters/main.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      CORPUS_DIR: 'corpus',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'summit-slack-')),
      LOG_LEVEL: 'debug',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += String(d)));
  child.stderr!.on('data', (d) => (output += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const bot = { child, output: () => output, exited };
  running.push(bot);
  return bot;
}

async function waitForOutput(bot: Bot, pattern: RegExp, timeoutMs = 40_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = bot.output().match(pattern);
    if (m) return m;
    if (bot.child.exitCode !== null || Date.now() > deadline) throw new Error(`bot never printed ${pattern}; output:\n${bot.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const SECRETS = [BOT_TOKEN, APP_TOKEN, SIGNING_SECRET];

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
