/**
 * Starts the real Slack adapter (real Bolt, real WebClient) against the fake Slack on 127.0.0.1,
 * with the real answer core, and hands a test the pieces it asserts on. Logs are captured in
 * memory so a test can prove no token is ever written.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { LimitsConfig } from '../../adapters/config.ts';
import type { AdapterDeps } from '../../adapters/deps.ts';
import { createLogger } from '../../adapters/logger.ts';
import { startSlack, type RunningSlack } from '../../adapters/slack/index.ts';
import { createAnswerer, type Answerer } from '../../src/index.ts';
import { MemoryRecordStore } from '../../adapters/records/memory-records.ts';
import { MemoryStateStore } from '../../adapters/state/memory-store.ts';
import { FakeSlack, SlackSender } from '../fakes/fake-slack.ts';

export const BOT_TOKEN = 'xoxb-test-0000-secret-bot-token';
export const APP_TOKEN = 'xapp-1-test-secret-app-token';
export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

let sharedAnswerer: Answerer | undefined;
/** The real core on the real article, built once per test file (it takes most of a second). */
export function realAnswerer(): Answerer {
  sharedAnswerer ??= createAnswerer({ corpusDir: 'corpus' });
  return sharedAnswerer;
}

/** Generous limits, so only the tests about limits meet them. */
export const TEST_LIMITS: LimitsConfig = { ratePerMinute: 10_000, burst: 1_000, maxConcurrent: 16, pinCooldownSeconds: 0, shutdownGraceMs: 2_000 };

export interface HarnessOptions {
  mode: 'http' | 'socket';
  limits?: Partial<LimitsConfig>;
  answerer?: Answerer;
  /** WebClient retries; 0 makes a fault final at once. */
  retries?: number;
  /** Web API request timeout; default 3 s. */
  requestTimeoutMs?: number;
}

export interface Harness {
  fake: FakeSlack;
  sender: SlackSender;
  slack: RunningSlack;
  /** The question log and votes, in memory. */
  records: MemoryRecordStore;
  state: MemoryStateStore;
  /** Every log line the adapter wrote. */
  logs: string[];
  /** The HTTP events URL (HTTP mode). */
  eventsUrl: string;
  stop(): Promise<void>;
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const fake = await new FakeSlack({ botToken: BOT_TOKEN, appToken: APP_TOKEN }).start();
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const records = new MemoryRecordStore();
  const state = new MemoryStateStore();
  const deps: AdapterDeps = {
    answerer: options.answerer ?? realAnswerer(),
    logger: createLogger({ level: 'debug', destination }),
    records,
    state,
    userSalt: 'test-salt',
    limits: { ...TEST_LIMITS, ...options.limits },
  };
  // As npm start does: the encoder and the article's embeddings are ready before the platform connects.
  await deps.answerer.ready;
  const slack = await startSlack(
    {
      botToken: BOT_TOKEN,
      appToken: options.mode === 'socket' ? APP_TOKEN : undefined,
      signingSecret: SIGNING_SECRET,
      port: 0,
      apiUrl: fake.apiUrl,
    },
    deps,
    { retryConfig: { retries: options.retries ?? 0, minTimeout: 10, maxTimeout: 50 }, requestTimeoutMs: options.requestTimeoutMs ?? 3_000, host: '127.0.0.1', socketPingTimeoutMs: 2_000 },
  );
  const eventsUrl = `http://127.0.0.1:${slack.port ?? 0}/slack/events`;
  const sender = new SlackSender(fake, options.mode === 'http'
    ? { mode: 'http', url: eventsUrl, signingSecret: SIGNING_SECRET }
    : { mode: 'socket', fake });
  return {
    fake, sender, slack, records, state, logs, eventsUrl,
    async stop() {
      await slack.stop();
      await fake.stop();
    },
  };
}

/**
 * Starts a harness before the file's (or describe's) tests and stops it after; faults are cleared
 * before each test. `set` receives the harness once it is up.
 */
export function useHarness(options: HarnessOptions, set: (h: Harness) => void): void {
  let h: Harness | undefined;
  beforeAll(async () => {
    h = await startHarness(options);
    set(h);
  });
  afterAll(async () => {
    await h?.stop();
  });
  beforeEach(() => {
    h?.fake.clearFaults();
  });
}

let tsCounter = 0;
/** A unique message ts, as Slack would assign to a user's message. */
export function userTs(): string {
  tsCounter += 1;
  return `1700000000.${String(100_000 + tsCounter).padStart(6, '0')}`;
}

/** An `app_mention` event from `user` in `channel`. */
export function mentionEvent(h: Harness, text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'app_mention', user: 'U0ASKER', text: `<@${h.fake.botUserId}> ${text}`, ts: userTs(), channel: 'C0GENERAL', event_ts: `${Date.now() / 1000}`, ...extra };
}

/** A `message` event (a DM when `channel_type` is 'im'). */
export function messageEvent(text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'message', user: 'U0ASKER', text, ts: userTs(), channel: 'C0GENERAL', channel_type: 'channel', event_ts: `${Date.now() / 1000}`, ...extra };
}

/** The bot's public messages in `channel` (optionally in one thread). */
export function botPosts(h: Harness, channel = 'C0GENERAL', threadTs?: string) {
  return h.fake.messages.filter((m) => m.user === h.fake.botUserId && m.channel === channel && (threadTs === undefined || m.thread_ts === threadTs));
}

/** Ephemeral messages sent to `user` through chat.postEphemeral. */
export function ephemeralsTo(h: Harness, user = 'U0ASKER') {
  return h.fake.messages.filter((m) => m.ephemeral && m.visibleTo === user);
}

/** What was posted to one response_url. */
export function responsesTo(h: Harness, responseUrl: string) {
  const id = responseUrl.slice(responseUrl.lastIndexOf('/') + 1);
  return h.fake.responses.filter((r) => r.id === id).map((r) => r.body);
}

/** Resolves after `ms`: for asserting that nothing more happens. */
export const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every text the bot produced, flattened, for assertions about mentions and limits. */
export function outputText(h: Harness): string {
  return JSON.stringify(h.fake.allOutput());
}
