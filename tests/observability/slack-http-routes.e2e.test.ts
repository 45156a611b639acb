/**
 * Slack HTTP mode serves the operations endpoints beside `/slack/events` on its one port: the real
 * Bolt HTTPReceiver with `observabilityRoutes` as its `customRoutes`, against the fake Slack.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdapterDeps } from '../../adapters/deps.ts';
import { createLogger } from '../../adapters/logger.ts';
import { observabilityRoutes } from '../../adapters/observability/http-server.ts';
import { createMetrics } from '../../adapters/observability/metrics.ts';
import { MemoryRecordStore } from '../../adapters/records/memory-records.ts';
import { startSlack, type RunningSlack } from '../../adapters/slack/index.ts';
import { MemoryStateStore } from '../../adapters/state/memory-store.ts';
import { FakeSlack, SlackSender } from '../fakes/fake-slack.ts';
import { BOT_TOKEN, realAnswerer, SIGNING_SECRET, TEST_LIMITS } from '../slack/slack-harness.ts';

let fake: FakeSlack;
let slack: RunningSlack;
let base: string;
let ready = false;
const metrics = createMetrics();

beforeAll(async () => {
  fake = await new FakeSlack({ botToken: BOT_TOKEN }).start();
  const logger = createLogger({ level: 'silent', destination: new Writable({ write: (_c, _e, done) => done() }) });
  const deps: AdapterDeps = {
    answerer: realAnswerer(), logger, records: new MemoryRecordStore(), state: new MemoryStateStore(), userSalt: 'salt', limits: TEST_LIMITS, metrics,
  };
  await deps.answerer.ready;
  const httpRoutes = observabilityRoutes({ metrics, logger, readiness: async () => ({ ready, checks: { index: true, slack: ready } }) });
  slack = await startSlack({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, port: 0, apiUrl: fake.apiUrl }, deps, { host: '127.0.0.1', retryConfig: { retries: 0 }, httpRoutes });
  base = `http://127.0.0.1:${slack.port}`;
});

afterAll(async () => {
  await slack?.stop();
  await fake?.stop();
});

describe('GIVEN Slack in HTTP mode with the operations routes', () => {
  it('THEN /healthz, /readyz and /metrics answer on the events port', async () => {
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ ok: true });
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    ready = true;
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('# TYPE summit_questions_total counter');
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });

  it('THEN a signed DM on /slack/events is still answered, and the question is counted', async () => {
    const sender = new SlackSender(fake, { mode: 'http', url: `${base}/slack/events`, signingSecret: SIGNING_SECRET });
    const ack = await sender.event(sender.eventCallback({ type: 'message', channel_type: 'im', channel: 'D0OPS', user: 'U0HUMAN', text: 'How long did the talks last?', ts: '1700000003.000100' }));
    expect(ack.status).toBe(200);
    const post = await fake.waitFor(() => fake.messages.find((m) => m.channel === 'D0OPS'), 10_000);
    expect(post.text).toMatch(/seven hours/);
    // The question-log row (and so the counter) may land just after the reply is posted.
    const counted = /^summit_questions_total\{platform="slack",outcome="[^"]+"\} 1$/m;
    let text = '';
    for (let i = 0; i < 50 && !counted.test(text); i += 1) {
      text = await (await fetch(`${base}/metrics`)).text();
      if (!counted.test(text)) await new Promise((r) => setTimeout(r, 50));
    }
    expect(text).toMatch(counted);
    expect(slack.connected()).toBe(true);
  });
});
