/**
 * Starts the real Discord adapter (real discord.js, real answer core) against a fresh fake
 * Discord on 127.0.0.1, with logs captured so tests can read them (and grep them for the token).
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createAnswerer, type Answerer } from '../../src/index.ts';
import { MemoryRecordStore } from '../../adapters/records/memory-records.ts';
import { MemoryStateStore } from '../../adapters/state/memory-store.ts';
import type { LimitsConfig } from '../../adapters/config.ts';
import type { AdapterDeps, RunningAdapter } from '../../adapters/deps.ts';
import { startDiscord } from '../../adapters/discord/index.ts';
import { createLogger } from '../../adapters/logger.ts';
import { FakeDiscord, type FakeDiscordOptions } from '../fakes/fake-discord.ts';

let sharedAnswerer: Answerer | undefined;

/** The real core on the real article, built once per test file. */
export function realAnswerer(): Answerer {
  sharedAnswerer ??= createAnswerer({ corpusDir: 'corpus' });
  return sharedAnswerer;
}

/** Generous limits, so only the tests about limits meet them. */
export const TEST_LIMITS: LimitsConfig = { ratePerMinute: 6_000, burst: 1_000, maxConcurrent: 16, pinCooldownSeconds: 0, shutdownGraceMs: 2_000 };

export interface Harness {
  fake: FakeDiscord;
  adapter: RunningAdapter;
  deps: AdapterDeps & { records: MemoryRecordStore; state: MemoryStateStore };
  /** Every log line the adapter wrote, as JSON text. */
  logs: string[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  fake?: FakeDiscordOptions;
  limits?: Partial<LimitsConfig>;
  answerer?: Answerer;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await FakeDiscord.start(options.fake);
  const logs: string[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void logs.push(line) } });
  const deps = {
    answerer: options.answerer ?? realAnswerer(),
    logger,
    records: new MemoryRecordStore(),
    state: new MemoryStateStore(),
    userSalt: 'test-salt',
    limits: { ...TEST_LIMITS, ...options.limits },
  };
  // As npm start does: the encoder and the article's embeddings are ready before the platform connects.
  await deps.answerer.ready;
  // Small retries and timeouts keep fault tests quick; offset 0 makes Retry-After exact.
  const adapter = await startDiscord(
    { token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl },
    deps,
    { rest: { retries: 2, timeout: 1_500, offset: 0 } },
  );
  return {
    fake,
    adapter,
    deps,
    logs,
    async close() {
      await adapter.stop();
      await fake.close();
    },
  };
}

/** One harness for the enclosing describe block: started before its tests, closed after them. */
export function harnessForSuite(options: () => HarnessOptions = () => ({})): () => Harness {
  let harness: Harness | undefined;
  beforeAll(async () => {
    harness = await startHarness(options());
  });
  afterAll(async () => {
    await harness?.close();
  });
  return () => {
    if (!harness) throw new Error('harness not started: call harnessForSuite inside describe()');
    return harness;
  };
}

/** A fresh harness per test (for tests that change limits or break things), closed after each. */
export function harnessPerTest(): (options?: HarnessOptions) => Promise<Harness> {
  const started: Harness[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((h) => h.close()));
  });
  return async (options) => {
    const harness = await startHarness(options);
    started.push(harness);
    return harness;
  };
}

/** The bot's reply to `question` (a message the fake stored), found by message_reference. */
export function replyTo(h: Harness, question: { id: string; channel_id: string }, timeoutMs = 5_000): Promise<any> {
  return h.fake.waitForBotMessage(question.channel_id, (m) => m.message_reference?.message_id === question.id, timeoutMs);
}

/** The REST request that carried the bot's reply to `question`. */
export function replyRequest(h: Harness, question: { id: string; channel_id: string }) {
  return h.fake.waitForRequest(
    (r) => r.method === 'POST' && r.path === `/channels/${question.channel_id}/messages` && r.body?.message_reference?.message_id === question.id && r.status === 200,
  );
}
