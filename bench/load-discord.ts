/**
 * Load run (figures, not a test) for the Discord adapter: a burst of gateway MESSAGE_CREATE
 * dispatches that mention the bot (and some DMs), sent by the fake Discord on 127.0.0.1 to the
 * real discord.js Client, adapter and answer core. Each reply is a `POST /channels/:id/messages`
 * at the fake's REST API, matched to its question by message_reference. Prints dispatched,
 * replied, lost, duplicated, dispatch-to-reply latency p50/p99 and replies per second.
 *
 * Two runs: first with discord.js's REST defaults, as in production, whose client-side global
 * limit of 50 requests per second (Discord's own global limit) paces the replies whatever the
 * adapter does; then with that limit lifted, to measure the adapter and core themselves. The fake
 * sends no rate-limit headers, so no per-route bucket ever applies.
 *
 * The fake Discord runs in a child process of its own, as Discord runs elsewhere, so its work is
 * not counted as the bot's latency. Bounded in count and time; always exits 0. Only figures go to
 * stdout; the adapter's logs are silenced.
 *
 *   npx tsx bench/load-discord.ts
 */
import type { ChildProcess } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { armHardStop, loadRunDeps, startSide } from './side-process.ts';
import type { LimitsConfig } from '../adapters/config.ts';
import type { RunningAdapter } from '../adapters/deps.ts';
import { startDiscord, type DiscordStartOptions } from '../adapters/discord/index.ts';
import { FakeDiscord } from '../tests/fakes/fake-discord.ts';

const MESSAGES = 1_000;
const USERS = 100;
/** Whatever happens, the run prints and exits by then. */
const HARD_STOP_MS = 75_000;
/** After every question has a reply, how long to keep watching for a second reply to any. */
const SETTLE_MS = 500;
/** Limits high enough that the abuse limits never drop load; concurrency as in production. */
const LIMITS: LimitsConfig = { ratePerMinute: 1_000_000, burst: 100_000, maxConcurrent: 16, pinCooldownSeconds: 0, shutdownGraceMs: 5_000 };
const SIDE_FLAG = '--fake-discord-side';

/** One burst: how the adapter is started and how long to wait for its replies. */
interface Run {
  name: string;
  rest: DiscordStartOptions['rest'];
  waitMs: number;
}

const RUNS: Run[] = [
  { name: 'discord.js REST defaults (global 50 requests/s)', rest: {}, waitMs: 35_000 },
  { name: 'client-side global limit lifted', rest: { globalRequestsPerSecond: 100_000 }, waitMs: 15_000 },
];

const QUESTIONS = [
  'How long did the talks last?', 'What did Trump offer Putin?', 'Why was Ukraine excluded?', 'Where was the summit held?',
  'What does China gain or lose?', 'who wrote this article?', 'was anything actually settled in alaska?', 'What about sanctions?',
];

/** What the Discord side measured for one burst. */
interface Figures {
  dispatched: number;
  replied: number;
  lost: number;
  duplicated: number;
  /** Reply requests the fake answered with something other than 200. */
  failedRequests: number;
  p50: number;
  p99: number;
  max: number;
  lastReplyMs: number;
}

type ToSide = { type: 'go'; waitMs: number } | { type: 'stop' };
type FromSide =
  | { type: 'ready'; token: string; applicationId: string; apiUrl: string }
  | { type: 'result'; figures: Figures }
  | { type: 'failed'; message: string };

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : NaN);
const fmt = (x: number, digits = 0) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');

// ---- The Discord side: the fake Discord, in the child process ---------------------------------

/** Dispatches the burst and waits (bounded) for a reply to every question. */
async function burst(fake: FakeDiscord, waitMs: number): Promise<Figures> {
  const authors = Array.from({ length: USERS }, (_, i) => fake.user(fake.snowflake(), `load-${i}`));
  const sentAt = new Map<string, number>();
  const firstRequest = fake.requests.length;
  const started = Date.now();
  for (let i = 0; i < MESSAGES; i += 1) {
    const author = authors[i % USERS]!;
    const text = `${QUESTIONS[i % QUESTIONS.length]!}${i % 3 ? '' : ' lol'}`;
    // Out of each 5: 2 mentions in #general, 2 in #summit, 1 DM.
    const message = i % 5 === 4
      ? fake.sendMessage(text, { author, dm: true })
      : fake.mentionBot(text, { author, channelId: i % 5 < 2 ? fake.channelId : fake.otherChannelId });
    sentAt.set(message.id, Date.now());
  }

  const perQuestion = new Map<string, number>();
  const latencies: number[] = [];
  let failedRequests = 0;
  let scanned = firstRequest;
  let lastReplyAt = started;
  const scan = () => {
    // Only finished requests (status set); the rest are looked at again next time.
    for (; scanned < fake.requests.length && fake.requests[scanned]!.status !== 0; scanned += 1) {
      const r = fake.requests[scanned]!;
      const id = r.body?.message_reference?.message_id as string | undefined;
      if (r.method !== 'POST' || !id || !sentAt.has(id)) continue;
      if (r.status !== 200) {
        failedRequests += 1;
        continue;
      }
      const n = (perQuestion.get(id) ?? 0) + 1;
      perQuestion.set(id, n);
      if (n === 1) latencies.push(r.at - sentAt.get(id)!);
      lastReplyAt = Math.max(lastReplyAt, r.at);
    }
  };
  const deadline = Date.now() + waitMs;
  while (perQuestion.size < sentAt.size && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    scan();
  }
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  scan();
  latencies.sort((a, b) => a - b);
  return {
    dispatched: sentAt.size,
    replied: perQuestion.size,
    lost: sentAt.size - perQuestion.size,
    duplicated: [...perQuestion.values()].filter((n) => n > 1).length,
    failedRequests,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    max: latencies[latencies.length - 1] ?? NaN,
    lastReplyMs: lastReplyAt - started,
  };
}

async function discordSide(): Promise<void> {
  const send = (m: FromSide) => process.send!(m);
  process.on('disconnect', () => process.exit(0)); // the parent going away ends this side too
  // A long heartbeat interval: heartbeats are not what is measured.
  const fake = await FakeDiscord.start({ heartbeatIntervalMs: 41_250 });
  process.on('message', (m: ToSide) => {
    if (m.type === 'go') {
      burst(fake, m.waitMs).then(
        (figures) => send({ type: 'result', figures }),
        (err: unknown) => send({ type: 'failed', message: err instanceof Error ? err.message : String(err) }),
      );
    } else {
      void fake.close().finally(() => process.disconnect());
    }
  });
  send({ type: 'ready', token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl });
}

// ---- The bot side: the real adapter and core, in this process ----------------------------------

/** What the bot's own process spent during one burst. */
interface BotCost {
  cpuMs: number;
  /** Fraction of the time the bot's event loop was busy. */
  loopBusy: number;
  loadBefore: number;
}

function report(run: Run, f: Figures, bot: BotCost): string {
  const met = f.lost === 0 && f.duplicated === 0;
  return [
    `discord gateway burst, ${run.name}: ${f.dispatched} MESSAGE_CREATE dispatched at once (mentions in 2 channels, 1 in 5 a DM, ${USERS} users)`,
    `  replies received (POST /channels/:id/messages, 200): ${f.replied}; lost ${f.lost}; duplicated ${f.duplicated}${f.failedRequests ? `; reply requests refused ${f.failedRequests}` : ''}`,
    `  dispatch to reply: p50 ${fmt(f.p50)} ms, p99 ${fmt(f.p99)} ms, max ${fmt(f.max)} ms`,
    `  replies per second: ${fmt(f.replied / (f.lastReplyMs / 1000), 1)} (${f.replied} in ${fmt(f.lastReplyMs / 1000, 2)} s from the first dispatch)`,
    `  bot process: ${fmt(bot.cpuMs / 1000, 2)} s CPU (${fmt(bot.cpuMs / Math.max(1, f.replied), 2)} ms per reply), event loop busy ${fmt(100 * bot.loopBusy)}%; machine: ${availableParallelism()} cores, load average ${fmt(bot.loadBefore, 2)} before the run`,
    `  none lost, none duplicated: ${met ? 'yes' : 'NO'}`,
  ].join('\n');
}

async function botSide(): Promise<void> {
  const wallStart = performance.now();
  let side: ChildProcess | undefined;
  let adapter: RunningAdapter | undefined;
  const hardStop = armHardStop('discord gateway burst', HARD_STOP_MS, () => side?.kill());
  try {
    const channel = startSide<FromSide>(fileURLToPath(import.meta.url), SIDE_FLAG, 'fake Discord');
    side = channel.child;
    const fromSide = channel.next;

    const ready = await fromSide();
    if (ready.type !== 'ready') throw new Error(ready.type === 'failed' ? ready.message : 'unexpected message');
    const deps = loadRunDeps(LIMITS);
    const out: string[] = [];
    for (const run of RUNS) {
      adapter = await startDiscord({ token: ready.token, applicationId: ready.applicationId, apiUrl: ready.apiUrl }, deps, { rest: run.rest });
      const loadBefore = loadavg()[0]!;
      const cpuBefore = process.cpuUsage();
      const loopBefore = performance.eventLoopUtilization();
      side.send({ type: 'go', waitMs: run.waitMs } satisfies ToSide);
      const result = await fromSide();
      const cpu = process.cpuUsage(cpuBefore);
      const cost: BotCost = { cpuMs: (cpu.user + cpu.system) / 1000, loopBusy: performance.eventLoopUtilization(loopBefore).utilization, loadBefore };
      await adapter.stop();
      adapter = undefined;
      out.push(result.type === 'result' ? report(run, result.figures, cost) : `discord gateway burst, ${run.name}: failed (${result.type === 'failed' ? result.message : 'unexpected message'})`);
    }
    side.send({ type: 'stop' } satisfies ToSide);
    await new Promise((resolve) => (side!.exitCode !== null ? resolve(undefined) : side!.once('exit', resolve)));
    out.push(`wall time: ${fmt((performance.now() - wallStart) / 1000, 2)} s (core build, both runs, shutdown)`);
    process.stdout.write(`${out.join('\n')}\n`);
  } catch (err) {
    process.stdout.write(`discord gateway burst: failed to run (${err instanceof Error ? err.message : String(err)})\n`);
  } finally {
    clearTimeout(hardStop);
    await adapter?.stop().catch(() => undefined);
    if (side && side.exitCode === null && side.signalCode === null) side.kill();
  }
}

if (process.argv.includes(SIDE_FLAG)) await discordSide();
else await botSide();
