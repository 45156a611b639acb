/**
 * A load run, not a test: a burst of gateway MESSAGE_CREATE mentions through the fake Discord to
 * the real adapter and core, counting every reply. Prints acknowledged / lost / duplicated and
 * reply latency (dispatch to the reply's REST request) and answers per second.
 *
 *   npx tsx tests/discord/gateway-burst.ts [messages=2000] [users=200] [restPerSecond=50]
 *
 * `runDiscordBurst` is exported so `npm run bench` can include it. Throughput is capped by
 * discord.js's client-side global limit, Discord's 50 requests per second; raise `restPerSecond`
 * to measure the adapter itself. Replies in one channel also queue in its per-route REST bucket.
 */
import { pathToFileURL } from 'node:url';
import { startDiscord } from '../../adapters/discord/index.ts';
import { createLogger } from '../../adapters/logger.ts';
import { createAnswerer, MemoryFeedbackStore } from '../../src/index.ts';
import { FakeDiscord } from '../fakes/fake-discord.ts';

/** The figures of one burst. */
export interface BurstResult {
  sent: number;
  answered: number;
  lost: number;
  duplicated: number;
  p50Ms: number;
  p99Ms: number;
  answersPerSecond: number;
}

const QUESTIONS = ['How long did the talks last?', 'What did Trump offer Putin?', 'Why was Ukraine excluded?', 'Where was the summit?', 'What does China gain?'];

/** Sends `messages` mentions from `users` users across the guild channels and DMs; waits at most `timeoutMs`. */
export async function runDiscordBurst({ messages = 2_000, users = 200, restPerSecond = 50, timeoutMs = 90_000 } = {}): Promise<BurstResult> {
  const fake = await FakeDiscord.start({ heartbeatIntervalMs: 41_250 });
  const deps = {
    answerer: createAnswerer({ corpusDir: 'corpus' }),
    logger: createLogger({ level: 'silent' }),
    feedback: new MemoryFeedbackStore(),
    limits: { ratePerMinute: 10_000, burst: 1_000, maxConcurrent: 16, pinCooldownSeconds: 0, shutdownGraceMs: 5_000 },
  };
  const adapter = await startDiscord({ token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl }, deps, { rest: { globalRequestsPerSecond: restPerSecond } });
  try {
    const authors = Array.from({ length: users }, (_, i) => fake.user(fake.snowflake(), `user-${i}`));
    const sentAt = new Map<string, number>();
    const started = performance.now();
    for (let i = 0; i < messages; i += 1) {
      const author = authors[i % users]!;
      const text = QUESTIONS[i % QUESTIONS.length]!;
      const message = i % 3 === 2
        ? fake.sendMessage(text, { author, dm: true })
        : fake.mentionBot(text, { author, channelId: i % 3 === 0 ? fake.channelId : fake.otherChannelId });
      sentAt.set(message.id, performance.now());
    }
    const replies = () => fake.requests.filter((r) => r.method === 'POST' && r.status === 200 && sentAt.has(r.body?.message_reference?.message_id));
    const deadline = Date.now() + timeoutMs;
    while (new Set(replies().map((r) => r.body.message_reference.message_id)).size < messages && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const elapsedMs = performance.now() - started;
    const done = replies();
    const perQuestion = new Map<string, number>();
    const latencies: number[] = [];
    const epochOffset = Date.now() - performance.now();
    for (const r of done) {
      const id = r.body.message_reference.message_id as string;
      perQuestion.set(id, (perQuestion.get(id) ?? 0) + 1);
      if (perQuestion.get(id) === 1) latencies.push(r.at - (sentAt.get(id)! + epochOffset));
    }
    latencies.sort((a, b) => a - b);
    const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN);
    return {
      sent: messages,
      answered: perQuestion.size,
      lost: messages - perQuestion.size,
      duplicated: [...perQuestion.values()].filter((n) => n > 1).length,
      p50Ms: at(0.5),
      p99Ms: at(0.99),
      answersPerSecond: Math.round((perQuestion.size / elapsedMs) * 1000),
    };
  } finally {
    await adapter.stop();
    await fake.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [messages = 2_000, users = 200, restPerSecond = 50] = process.argv.slice(2).map(Number);
  const result = await runDiscordBurst({ messages, users, restPerSecond });
  process.stdout.write(`discord gateway burst: ${JSON.stringify(result)}\n`);
  process.exit(result.lost === 0 && result.duplicated === 0 ? 0 : 1);
}
