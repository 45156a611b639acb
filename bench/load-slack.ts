/**
 * Load run (figures, not a test) for the Slack HTTP receiver: the real adapter (real Bolt, real
 * WebClient, real answer core) against the fake Slack on 127.0.0.1, fed a few thousand correctly
 * signed requests at a fixed concurrency. The mix is what a busy workspace sends: app_mention
 * events, their `message` twins, DMs, /ask commands, and redeliveries of mentions marked with
 * X-Slack-Retry-Num. Prints acknowledged %, lost and doubly answered questions, ack latency
 * p50/p99, answers per second and wall time.
 *
 * The fake Slack and the sender run in a child process of their own, as Slack runs elsewhere: in
 * one process the sender's fetch, signing and the fake's parsing would share the bot's event loop
 * and be counted as the bot's ack latency.
 *
 * A warm-up of WARMUP requests at the same concurrency comes first and is not counted: the first
 * requests of a cold process pay for JIT compilation and connection set-up.
 *
 * Bounded in count (REQUESTS) and time (SEND_BUDGET_MS, ANSWER_WAIT_MS, and a hard stop); always
 * exits 0. Only figures go to stdout; the adapter's logs are silenced.
 *
 *   npx tsx bench/load-slack.ts
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { armHardStop, loadRunDeps, startSide } from './side-process.ts';
import type { LimitsConfig } from '../adapters/config.ts';
import { startSlack, type RunningSlack } from '../adapters/slack/index.ts';
import { FakeSlack, SlackSender, type DeliveryResult } from '../tests/fakes/fake-slack.ts';

const REQUESTS = 3_000;
const CONCURRENCY = 50;
/** Requests sent before the measured run, not counted (a quarter of them questions). */
const WARMUP = 200;
const WARMUP_CHANNEL = 'C0WARMUP';
/** No new request is sent after this long, however many are left. */
const SEND_BUDGET_MS = 35_000;
/** How long to wait, after the last ack, for the remaining answers. */
const ANSWER_WAIT_MS = 12_000;
/** After everything is answered, how long to keep watching for a second answer to anything. */
const SETTLE_MS = 500;
/** Whatever happens, the run prints and exits by then. */
const HARD_STOP_MS = 70_000;

const BOT_TOKEN = 'xoxb-bench-0000-not-a-real-token';
const SIGNING_SECRET = 'bench-signing-secret-0123456789abcdef';
/** Limits high enough that the abuse limits never drop load; concurrency as in production. */
const LIMITS: LimitsConfig = { ratePerMinute: 1_000_000, burst: 100_000, maxConcurrent: 16, pinCooldownSeconds: 0, shutdownGraceMs: 5_000 };
const CHANNELS = 8;
const USERS = 200;
const SIDE_FLAG = '--fake-slack-side';

/** What the Slack side measured. */
interface Figures {
  sent: number;
  kinds: Record<string, number>;
  statuses: Record<string, number>;
  ackP50: number;
  ackP99: number;
  ackMax: number;
  questions: number;
  answered: number;
  lost: number;
  duplicated: number;
  /** Replies that answer no question sent (e.g. a `message` twin answered). */
  unexpected: number;
  ephemerals: number;
  sendMs: number;
  answerMs: number;
}

type ToSide = { type: 'go'; eventsUrl: string } | { type: 'stop' };
type FromSide = { type: 'ready'; apiUrl: string } | { type: 'result'; figures: Figures } | { type: 'failed'; message: string };

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : NaN);
const fmt = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');

// ---- The Slack side: fake Slack plus sender, in the child process ------------------------------

/** One request to send. */
type Planned =
  | { kind: 'mention' | 'twin' | 'retry' | 'dm'; callback: Record<string, unknown>; retryNum?: number }
  | { kind: 'ask'; text: string; user: string; channel: string };

function loadQuestions(): string[] {
  const base = readFileSync('tests/eval/alaska-questions.jsonl', 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).q as string);
  // Chat-shaped variations, so not every question is a repeat of one before.
  return base.flatMap((q) => [q, q.toLowerCase(), `ok so ${q} lol`]);
}

/**
 * The request mix, in sending order, out of each 20: 11 mentions, 2 `message` twins of a recent
 * mention (Slack sends both when the app subscribes to message.channels; only one may be
 * answered), 2 DMs, 3 /ask, 2 redeliveries of a mention sent 40 to 140 requests earlier
 * (X-Slack-Retry-Num 1 or 2, same event id) that race the original's answer. `questions` holds
 * where each event question's answer lands (`channel:thread_ts`); /ask adds its response_url.
 */
function plan(sender: SlackSender, botUserId: string): { requests: Planned[]; questions: Set<string> } {
  const qs = loadQuestions();
  const requests: Planned[] = [];
  const questions = new Set<string>();
  const mentions: { callback: Record<string, unknown>; event: Record<string, unknown>; at: number }[] = [];
  let tsSeq = 0;
  const ts = () => `1700000000.${String(++tsSeq).padStart(6, '0')}`;
  for (let i = 0; requests.length < REQUESTS; i += 1) {
    const slot = i % 20;
    const q = qs[i % qs.length]!;
    const user = `U0LOAD${i % USERS}`;
    const channel = `C0LOAD${i % CHANNELS}`;
    if (slot < 11) {
      const event = { type: 'app_mention', user, text: `<@${botUserId}> ${q}`, ts: ts(), channel, event_ts: `${Date.now() / 1000}` };
      const callback = sender.eventCallback(event);
      questions.add(`${channel}:${event.ts}`); // answered in a thread under the mention
      mentions.push({ callback, event, at: requests.length });
      requests.push({ kind: 'mention', callback });
    } else if (slot < 13) {
      const m = mentions[mentions.length - 1 - (i % 5)];
      if (!m) continue;
      requests.push({ kind: 'twin', callback: sender.eventCallback({ ...m.event, type: 'message', channel_type: 'channel' }) });
    } else if (slot < 15) {
      const dm = `D0LOAD${i}`;
      questions.add(`${dm}:`); // answered at the top of the DM
      requests.push({ kind: 'dm', callback: sender.eventCallback({ type: 'message', channel_type: 'im', user, text: q, ts: ts(), channel: dm, event_ts: `${Date.now() / 1000}` }) });
    } else if (slot < 18) {
      requests.push({ kind: 'ask', text: q, user, channel });
    } else {
      const back = 40 + ((i * 37) % 100);
      let m: (typeof mentions)[number] | undefined;
      for (let j = mentions.length - 1; j >= 0 && !m; j -= 1) if (mentions[j]!.at <= requests.length - back) m = mentions[j];
      if (!m) continue;
      requests.push({ kind: 'retry', callback: m.callback, retryNum: 1 + (i % 2) });
    }
  }
  return { requests, questions };
}

/** Counts the bot's replies by the question they answer, reading only what arrived since last time. */
class AnswerCounter {
  readonly perQuestion = new Map<string, number>();
  private messagesSeen = 0;
  private responsesSeen: number;
  constructor(private readonly fake: FakeSlack) {
    this.responsesSeen = fake.responses.length; // the warm-up's answer is not counted
  }

  update(): this {
    const bump = (k: string) => this.perQuestion.set(k, (this.perQuestion.get(k) ?? 0) + 1);
    for (; this.messagesSeen < this.fake.messages.length; this.messagesSeen += 1) {
      const m = this.fake.messages[this.messagesSeen]!;
      if (m.user === this.fake.botUserId && !m.ephemeral && m.channel !== WARMUP_CHANNEL) bump(`${m.channel}:${m.thread_ts ?? ''}`);
    }
    for (; this.responsesSeen < this.fake.responses.length; this.responsesSeen += 1) bump(`respond:${this.fake.responses[this.responsesSeen]!.id}`);
    return this;
  }
}

async function slackSide(): Promise<void> {
  const send = (m: FromSide) => process.send!(m);
  const fromParent = (type: ToSide['type']) => new Promise<ToSide>((resolve) => {
    const on = (m: ToSide) => {
      if (m.type !== type) return;
      process.off('message', on);
      resolve(m);
    };
    process.on('message', on);
  });
  // The parent going away ends this side too.
  process.on('disconnect', () => process.exit(0));

  const fake = await new FakeSlack({ botToken: BOT_TOKEN }).start();
  const go = fromParent('go');
  send({ type: 'ready', apiUrl: fake.apiUrl });
  const { eventsUrl } = (await go) as Extract<ToSide, { type: 'go' }>;
  try {
    const sender = new SlackSender(fake, { mode: 'http', url: eventsUrl, signingSecret: SIGNING_SECRET });
    const { requests, questions } = plan(sender, fake.botUserId);

    // Warm up (JIT, connections, first-use code paths) outside the figures: WARMUP requests at
    // full concurrency in a channel of their own, a quarter of them questions, and one /ask.
    let warm = 0;
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (warm < WARMUP) {
        const i = warm++;
        const text = i % 4 ? 'just chatting' : `<@${fake.botUserId}> How long did the talks last?`;
        await sender.event(sender.eventCallback({ type: i % 4 ? 'message' : 'app_mention', channel_type: 'channel', user: 'U0WARMUP', text, ts: `1600000000.${String(i).padStart(6, '0')}`, channel: WARMUP_CHANNEL, event_ts: `${Date.now() / 1000}` })).catch(() => undefined);
      }
    }));
    await sender.command('/ask', 'How long did the talks last?', { user: 'U0WARMUP', channel: WARMUP_CHANNEL });
    await fake.waitFor(() => fake.responses.length > 0, 10_000, 'the warm-up answer').catch(() => undefined);
    const counter = new AnswerCounter(fake);

    const acks: number[] = [];
    const statuses: Record<string, number> = {};
    const kinds: Record<string, number> = {};
    let next = 0;
    const started = performance.now();
    const sendDeadline = started + SEND_BUDGET_MS;
    const deliver = async (r: Planned): Promise<DeliveryResult> => {
      if (r.kind !== 'ask') return sender.event(r.callback, { retryNum: r.retryNum });
      const d = await sender.command('/ask', r.text, { user: r.user, channel: r.channel });
      questions.add(`respond:${d.responseUrl.slice(d.responseUrl.lastIndexOf('/') + 1)}`);
      return d;
    };
    const worker = async () => {
      while (next < requests.length && performance.now() < sendDeadline) {
        const r = requests[next++]!;
        kinds[r.kind] = (kinds[r.kind] ?? 0) + 1;
        try {
          const d = await deliver(r);
          acks.push(d.ackMs);
          statuses[d.status] = (statuses[d.status] ?? 0) + 1;
        } catch {
          statuses['no response'] = (statuses['no response'] ?? 0) + 1;
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const sendMs = performance.now() - started;

    const answered = () => [...questions].filter((q) => counter.perQuestion.has(q)).length;
    const waitDeadline = performance.now() + ANSWER_WAIT_MS;
    let lastAnswerAt = performance.now();
    for (let seen = answered(); ;) {
      if (seen === questions.size || performance.now() > waitDeadline) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
      const now = counter.update() && answered();
      if (now !== seen) lastAnswerAt = performance.now();
      seen = now;
    }
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    counter.update();

    const counts = counter.perQuestion;
    const sorted = acks.sort((a, b) => a - b);
    const lost = [...questions].filter((q) => !counts.has(q)).length;
    send({
      type: 'result',
      figures: {
        sent: next,
        kinds,
        statuses,
        ackP50: percentile(sorted, 0.5),
        ackP99: percentile(sorted, 0.99),
        ackMax: sorted[sorted.length - 1] ?? NaN,
        questions: questions.size,
        answered: questions.size - lost,
        lost,
        duplicated: [...questions].filter((q) => (counts.get(q) ?? 0) > 1).length,
        unexpected: [...counts.keys()].filter((k) => !questions.has(k)).length,
        ephemerals: fake.messages.filter((m) => m.ephemeral).length,
        sendMs,
        answerMs: lastAnswerAt - started,
      },
    });
  } catch (err) {
    send({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
  }
  await fromParent('stop');
  await fake.stop();
  process.disconnect();
}

// ---- The bot side: the real adapter and core, in this process ----------------------------------

/** What the bot's own process spent during the run: it explains the ack latency. */
interface BotCost {
  cpuMs: number;
  /** Fraction of the time the bot's event loop was busy. */
  loopBusy: number;
  loadBefore: number;
}

function report(f: Figures, bot: BotCost, wallMs: number): string {
  const ok = f.statuses['200'] ?? 0;
  const met = ok === f.sent && f.lost === 0 && f.duplicated === 0 && f.ackP99 < 100;
  return [
    `slack http load: ${f.sent} signed requests at concurrency ${CONCURRENCY}, after ${WARMUP} warm-up requests (${Object.entries(f.kinds).map(([k, n]) => `${n} ${k}`).join(', ')})`,
    `  acknowledged (HTTP 200): ${ok}/${f.sent} = ${fmt((100 * ok) / Math.max(1, f.sent), 2)}%${ok === f.sent ? '' : `  (statuses: ${JSON.stringify(f.statuses)})`}`,
    `  ack latency: p50 ${fmt(f.ackP50)} ms, p99 ${fmt(f.ackP99)} ms, max ${fmt(f.ackMax)} ms`,
    `  distinct questions: ${f.questions}; answered ${f.answered}; unanswered ${ANSWER_WAIT_MS / 1000} s after the last request ${f.lost} (still queued: throughput, not loss); duplicated ${f.duplicated}${f.unexpected ? `; replies to no question ${f.unexpected}` : ''}${f.ephemerals ? `; ephemeral notices ${f.ephemerals}` : ''}`,
    `  answers per second: ${fmt(f.answered / (f.answerMs / 1000))} (${f.answered} in ${fmt(f.answerMs / 1000, 2)} s from the first request; sending took ${fmt(f.sendMs / 1000, 2)} s, ${fmt(f.sent / (f.sendMs / 1000), 0)} requests/s)`,
    `  bot process: ${fmt(bot.cpuMs / 1000, 2)} s CPU during the run (${fmt(bot.cpuMs / Math.max(1, f.sent), 2)} ms per request), event loop busy ${fmt(100 * bot.loopBusy, 0)}%; machine: ${availableParallelism()} cores, load average ${fmt(bot.loadBefore, 2)} before the run`,
    `  wall time: ${fmt(wallMs / 1000, 2)} s (core build, run, shutdown)`,
    `  target (100% acked, all answered within the wait, 0 duplicated, p99 ack < 100 ms): ${met ? 'met' : 'NOT met'}`,
  ].join('\n');
}

async function botSide(): Promise<void> {
  const wallStart = performance.now();
  let side: ChildProcess | undefined;
  let slack: RunningSlack | undefined;
  const hardStop = armHardStop('slack http load', HARD_STOP_MS, () => side?.kill());
  try {
    const channel = startSide<FromSide>(fileURLToPath(import.meta.url), SIDE_FLAG, 'fake Slack');
    side = channel.child;
    const fromSide = channel.next;

    const ready = await fromSide();
    if (ready.type !== 'ready') throw new Error(ready.type === 'failed' ? ready.message : 'unexpected message');
    const deps = loadRunDeps(LIMITS);
    slack = await startSlack(
      { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, port: 0, apiUrl: ready.apiUrl },
      deps,
      { host: '127.0.0.1', retryConfig: { retries: 2, minTimeout: 50, maxTimeout: 200 }, requestTimeoutMs: 10_000 },
    );
    const loadBefore = loadavg()[0]!;
    const cpuBefore = process.cpuUsage();
    const loopBefore = performance.eventLoopUtilization();
    side.send({ type: 'go', eventsUrl: `http://127.0.0.1:${slack.port}/slack/events` } satisfies ToSide);
    const result = await fromSide();
    const cpu = process.cpuUsage(cpuBefore);
    const cost: BotCost = { cpuMs: (cpu.user + cpu.system) / 1000, loopBusy: performance.eventLoopUtilization(loopBefore).utilization, loadBefore };
    await slack.stop();
    slack = undefined;
    side.send({ type: 'stop' } satisfies ToSide);
    await new Promise((resolve) => (side!.exitCode !== null ? resolve(undefined) : side!.once('exit', resolve)));
    process.stdout.write(result.type === 'result'
      ? `${report(result.figures, cost, performance.now() - wallStart)}\n`
      : `slack http load: failed to run (${result.type === 'failed' ? result.message : 'unexpected message'})\n`);
  } catch (err) {
    process.stdout.write(`slack http load: failed to run (${err instanceof Error ? err.message : String(err)})\n`);
  } finally {
    clearTimeout(hardStop);
    await slack?.stop().catch(() => undefined);
    if (side && side.exitCode === null && side.signalCode === null) side.kill();
  }
}

if (process.argv.includes(SIDE_FLAG)) await slackSide();
else await botSide();
