/**
 * Faults, limits and shutdown, end to end through the real Bolt and WebClient: the fake Slack
 * answers 429 with Retry-After, 5xx, `ok:false` and slow responses; the core throws; a user
 * floods. Every path must end in something the user sees, and no secret may reach the logs.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../adapters/logger.ts';
import { startSlack } from '../../adapters/slack/index.ts';
import type { Answerer } from '../../src/index.ts';
import { MemoryRecordStore } from '../../adapters/records/memory-records.ts';
import { MemoryStateStore } from '../../adapters/state/memory-store.ts';
import { FakeSlack } from '../fakes/fake-slack.ts';
import {
  APP_TOKEN, BOT_TOKEN, botPosts, ephemeralsTo, type Harness, messageEvent, realAnswerer, responsesTo, settle, SIGNING_SECRET, startHarness, TEST_LIMITS, useHarness,
} from './slack-harness.ts';

const QUESTION = 'How long did the talks last?';

/** The real core, with a switch that makes `ask` throw like a bug would. */
function switchableAnswerer(): Answerer & { broken: boolean } {
  const real = realAnswerer();
  const wrapper = Object.create(real) as Answerer & { broken: boolean };
  wrapper.broken = false;
  wrapper.ask = (q: string) => {
    if (wrapper.broken) throw new TypeError('simulated bug in the core');
    return real.ask(q);
  };
  return wrapper;
}

describe('GIVEN the Slack Web API misbehaves', () => {
  let h: Harness;
  const answerer = switchableAnswerer();
  let dm = 0;
  /** Sends a DM question in a fresh DM channel and returns that channel. */
  const askInDm = async (text = QUESTION) => {
    const channel = `D0FAULT${++dm}`;
    await h.sender.event(h.sender.eventCallback(messageEvent(text, { channel, channel_type: 'im' })));
    return channel;
  };

  useHarness({ mode: 'http', retries: 1, requestTimeoutMs: 500, answerer }, (x) => (h = x));
  beforeEach(() => {
    answerer.broken = false;
  });

  it('waits as long as a 429 Retry-After says, retries, and the answer arrives', async () => {
    h.fake.fail('chat.postMessage', { status: 429, retryAfter: 1 });
    const channel = await askInDm();
    await h.fake.waitFor(() => botPosts(h, channel).length, 5_000, 'the answer after a 429');
    const tries = h.fake.callsTo('chat.postMessage').filter((c) => c.params.channel === channel);
    expect(tries).toHaveLength(2);
    expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('retries an HTTP 500 and answers', async () => {
    h.fake.fail('chat.postMessage', { status: 500 });
    const channel = await askInDm();
    await h.fake.waitFor(() => botPosts(h, channel).length);
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.params.channel === channel)).toHaveLength(2);
  });

  it('tells the asker privately when every retry gets HTTP 503, instead of going silent', async () => {
    h.fake.fail('chat.postMessage', { status: 503, times: Infinity });
    const channel = await askInDm();
    const [notice] = await h.fake.waitFor(() => ephemeralsTo(h).filter((m) => m.channel === channel).length && ephemeralsTo(h).filter((m) => m.channel === channel));
    expect(notice!.text).toMatch(/Slack had a problem \(http_503\).*ask again/);
    expect(botPosts(h, channel)).toHaveLength(0);
  });

  it('tells the asker to invite the bot when posting answers ok:false not_in_channel', async () => {
    h.fake.fail('chat.postMessage', { error: 'not_in_channel' });
    const channel = await askInDm();
    const [notice] = await h.fake.waitFor(() => ephemeralsTo(h).filter((m) => m.channel === channel).length && ephemeralsTo(h).filter((m) => m.channel === channel));
    expect(notice!.text).toContain(`/invite @${h.fake.botName}`);
  });

  it('tells the asker when Slack times out on every try', async () => {
    h.fake.delay('chat.postMessage', 1_500);
    const channel = await askInDm();
    const [notice] = await h.fake.waitFor(() => ephemeralsTo(h).filter((m) => m.channel === channel).length && ephemeralsTo(h).filter((m) => m.channel === channel), 8_000);
    expect(notice!.text).toMatch(/Slack had a problem/);
  });

  it('resends the plain text when Slack rejects the blocks (invalid_blocks)', async () => {
    h.fake.fail('chat.postMessage', { error: 'invalid_blocks' });
    const channel = await askInDm();
    const [post] = await h.fake.waitFor(() => botPosts(h, channel).length && botPosts(h, channel));
    expect(post!.blocks).toBeUndefined();
    expect(post!.text).toMatch(/seven hours/);
  });

  it('falls back to chat.postEphemeral when the response_url fails', async () => {
    h.fake.fail('respond', { status: 404, error: 'expired_url' });
    const { responseUrl } = await h.sender.command('/ask', QUESTION, { channel: 'C0EXPIRED' });
    const [reply] = await h.fake.waitFor(() => ephemeralsTo(h).filter((m) => m.channel === 'C0EXPIRED').length && ephemeralsTo(h).filter((m) => m.channel === 'C0EXPIRED'));
    expect(reply!.text).toMatch(/seven hours/);
    expect(responsesTo(h, responseUrl)).toHaveLength(0);
  });

  it('apologises when the core throws, logs it, and keeps answering afterwards', async () => {
    answerer.broken = true;
    const channel = await askInDm();
    const [apology] = await h.fake.waitFor(() => botPosts(h, channel).length && botPosts(h, channel));
    expect(apology!.text).toMatch(/Sorry, something went wrong on my side/);
    expect(apology!.text).not.toMatch(/TypeError|simulated|at /);
    expect(h.logs.join('')).toContain('simulated bug in the core');
    answerer.broken = false;
    const next = await askInDm();
    await h.fake.waitFor(() => botPosts(h, next).length);
  });

  it('tells the user and lives on when the feedback store fails', async () => {
    const vote = h.records.vote;
    h.records.vote = () => {
      throw new Error('disk on fire');
    };
    try {
      const click = await h.sender.click({ action_id: 'summit_feedback_up', value: '{"q":"q","k":"answered","c":[]}' });
      const [reply] = await h.fake.waitFor(() => responsesTo(h, click.responseUrl).length && responsesTo(h, click.responseUrl));
      expect(reply!.text).toMatch(/couldn’t save your feedback/);
      expect(h.logs.join('')).toContain('disk on fire');
    } finally {
      h.records.vote = vote;
    }
    const channel = await askInDm();
    await h.fake.waitFor(() => botPosts(h, channel).length);
  });

  it('never writes a token or the signing secret to its logs', async () => {
    await settle(100);
    const logs = h.logs.join('');
    expect(logs.length).toBeGreaterThan(1_000);
    for (const secret of [BOT_TOKEN, APP_TOKEN, SIGNING_SECRET]) expect(logs).not.toContain(secret);
  });
});

describe('GIVEN a bot token Slack rejects', () => {
  it('fails at startup with invalid_auth, naming SLACK_BOT_TOKEN and how to fix it, without the token', async () => {
    const fake = await new FakeSlack({ botToken: 'xoxb-the-right-one' }).start();
    try {
      const deps = { answerer: realAnswerer(), logger: createLogger({ level: 'silent' }), records: new MemoryRecordStore(), state: new MemoryStateStore(), userSalt: 'test-salt', limits: TEST_LIMITS };
      const started = startSlack({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, port: 0, apiUrl: fake.apiUrl }, deps);
      await expect(started).rejects.toThrow(/auth\.test failed \(invalid_auth\): SLACK_BOT_TOKEN was rejected: copy the Bot User OAuth Token/);
      await started.catch((err: Error) => expect(err.message).not.toContain(BOT_TOKEN));
    } finally {
      await fake.stop();
    }
  });
});

describe('GIVEN a per-user rate limit of a burst of 2', () => {
  let h: Harness;
  useHarness({ mode: 'http', limits: { burst: 2, ratePerMinute: 1 } }, (x) => (h = x));

  it('answers two, tells a flooding user once when to try again, and still answers others', async () => {
    for (let i = 0; i < 5; i += 1) {
      await h.sender.event(h.sender.eventCallback(messageEvent(QUESTION, { channel: 'D0FLOOD', channel_type: 'im', user: 'U0FLOOD' })));
    }
    await h.fake.waitFor(() => botPosts(h, 'D0FLOOD').length === 2 && ephemeralsTo(h, 'U0FLOOD').length);
    await h.sender.event(h.sender.eventCallback(messageEvent(QUESTION, { channel: 'D0CALM', channel_type: 'im', user: 'U0CALM' })));
    await h.fake.waitFor(() => botPosts(h, 'D0CALM').length);
    await settle();
    expect(botPosts(h, 'D0FLOOD')).toHaveLength(2);
    const notices = ephemeralsTo(h, 'U0FLOOD');
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toMatch(/try again in \d+ s/);
  });

  it('answers a rate-limited slash command privately rather than not at all', async () => {
    for (let i = 0; i < 2; i += 1) await h.sender.command('/help', '', { user: 'U0CMDS' });
    const { responseUrl } = await h.sender.command('/ask', QUESTION, { user: 'U0CMDS' });
    const [reply] = await h.fake.waitFor(() => responsesTo(h, responseUrl).length && responsesTo(h, responseUrl));
    expect(reply!.text).toMatch(/try again in \d+ s/);
  });
});

describe('GIVEN the adapter is stopped while answering', () => {
  it('finishes the answer in flight, then closes its port', async () => {
    const h = await startHarness({ mode: 'http' });
    try {
      h.fake.delay('chat.postMessage', 400);
      const ack = await h.sender.event(h.sender.eventCallback(messageEvent(QUESTION, { channel: 'D0LATE', channel_type: 'im' })));
      expect(ack.status).toBe(200);
      await h.slack.stop();
      expect(botPosts(h, 'D0LATE')).toHaveLength(1);
      await expect(fetch(`http://127.0.0.1:${h.slack.port}/healthz`)).rejects.toThrow();
    } finally {
      await h.fake.stop();
    }
  });
});
