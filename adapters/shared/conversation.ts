/**
 * The conversation layer both chat adapters share. An adapter parses the platform's input into
 * neutral values, calls this, renders the neutral reply and sends it; everything a conversation
 * needs in between is decided here, once:
 *
 * - admission: the shutdown notice, the per-user rate limit (told once per window), bounded work;
 * - manners: whether a message in a thread or DM is for the bot (`manners.ts`);
 * - memory: the turns of each thread or DM, passed to the core so follow-ups read in context,
 *   and which answer each question got (so an edited question updates its answer);
 * - dedupe: each platform event taken once, across restarts and replicas (the state store);
 * - records: one question-log row per question, feedback as one changeable vote per user per
 *   answer, with the user hashed under the deployment's secret salt;
 * - the pin cooldown.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Answer, ConversationTurn, Summary, SummaryOptions } from '../../src/index.ts';
import type { AdapterDeps } from '../deps.ts';
import { hashUser, type Platform, type QuestionRecord } from '../records/record-store.ts';
import type { RateLimit } from '../state/state-store.ts';
import { isForBot, type IncomingChat } from './manners.ts';
import { TEXTS } from './texts.ts';
import { WorkLimiter } from './work-limiter.ts';

/** Options for `createConversationLayer`; the defaults suit chat. */
export interface ConversationOptions {
  /** Turns of a conversation passed back to the core. Default 6. */
  maxTurns?: number;
  /** Seconds a quiet conversation is remembered (and its thread followed). Default 7 days. */
  memorySeconds?: number;
  /** Seconds an event id is remembered for dedupe: longer than any platform's retries. Default 1 day. */
  dedupeSeconds?: number;
  /** Seconds an answer is kept for votes and edits. Default 30 days. */
  answerSeconds?: number;
}

const DEFAULTS: Required<ConversationOptions> = { maxTurns: 6, memorySeconds: 7 * 86_400, dedupeSeconds: 86_400, answerSeconds: 30 * 86_400 };

/** Whether to take a user's request now; when not, what to tell them, or to stay quiet. */
export type Admission = { ok: true } | { ok: false; notice: string; quiet: boolean };

/** Where a question was asked and by whom, platform-neutrally. */
export interface AskedIn {
  /** The thread or DM: its turns are the conversation. */
  conversation: string;
  /** The platform's user id (hashed before anything is stored). */
  user: string;
  channel?: string;
  /** The question message's own id, so an edit of it finds its answer. */
  message?: string;
}

/** An answer with the id votes and edits refer to. */
export interface ConversationAnswer {
  /** When the core threw: an apology (logged with the stack), to be sent privately where the platform can. */
  failed?: boolean;
  answer: Answer;
  answerId: string;
}

/** What is kept of an answer for votes and edits. */
interface StoredAnswer {
  question: string;
  text: string;
  kind: Answer['kind'];
  citations: string[];
  /** Where the bot's reply is, once sent: a platform message reference. */
  reply?: string;
  conversation: string;
}

/** What a vote came to. */
export type VoteOutcome = { ok: true; text: string } | { ok: false; text: string };

export interface ConversationLayer {
  readonly platform: Platform;
  readonly work: WorkLimiter;
  /** Shutdown and rate limit, in that order. */
  admit(user: string): Promise<Admission>;
  /** True the first time an event key is seen (across restarts and replicas); false for a redelivery. */
  firstDelivery(key: string): Promise<boolean>;
  /** Whether the bot takes part in a conversation (it answered there and remembers it). */
  follows(conversation: string): Promise<boolean>;
  /** Whether a message in a conversation the bot takes part in is for it. */
  isForBot(message: IncomingChat): boolean;
  /** Answers in context, remembers the turn, logs the question. Never rejects. */
  ask(question: string, where: AskedIn): Promise<ConversationAnswer>;
  /** Whether the bot answered the question message `message` (and knows where its reply is). */
  answered(message: string): Promise<boolean>;
  /** Re-answers an edited question in its conversation; undefined when the bot never answered it. */
  reanswer(message: string, question: string, where: AskedIn): Promise<(ConversationAnswer & { reply: string }) | undefined>;
  /** Records where the reply to an answer went (for edits, and replies to the reply). */
  replied(answerId: string, reply: string): Promise<void>;
  /** The conversation a bot reply belongs to: a reply to it continues that conversation. */
  conversationOfReply(reply: string): Promise<string | undefined>;
  /**
   * A summary, logged like a question: from `/summary`-style free text (`[N] [section or topic]`)
   * or from options a platform parsed itself (Discord's command options). Never rejects.
   */
  summary(request: string | SummaryOptions, where: AskedIn): Promise<Summary | { kind: 'error'; text: string }>;
  /** One vote per user per answer, changeable; the stored answer's text and citations go with it. */
  vote(answerId: string, user: string, vote: 'up' | 'down', fallback?: { question: string; citations: string[] }): Promise<VoteOutcome>;
  /** 0 when a pin may go ahead (and starts the cooldown), else the seconds to wait. */
  pinCooldown(channel: string): Promise<number>;
}

/** Builds the layer for one platform from the process services. */
export function createConversationLayer(deps: AdapterDeps, platform: Platform, options: ConversationOptions = {}): ConversationLayer {
  const o = { ...DEFAULTS, ...options };
  const { state, records, logger, answerer, metrics } = deps;
  const work = new WorkLimiter(deps.limits.maxConcurrent);
  const rate: RateLimit = state.rateLimiter({ name: `${platform}:user`, perMinute: deps.limits.ratePerMinute, burst: deps.limits.burst });
  const hash = (user: string) => hashUser(deps.userSalt, platform, user);
  const key = (...parts: string[]) => [platform, ...parts].join(':');

  /** A store failure is logged and becomes `fallback`: an outage costs memory, never an answer. */
  async function soft<T>(what: string, call: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await call();
    } catch (err) {
      logger.warn({ err, what }, 'state store unavailable; going on without it');
      return fallback;
    }
  }

  /** Counts, logs and records a question; the record is written in the background, never ahead of the reply. */
  function logQuestion(record: Omit<QuestionRecord, 'platform'>): void {
    metrics?.question(platform, record.outcome, record.latencyMs / 1000);
    // One line per question; the text itself only at debug level (it is the user's words).
    logger.info({ outcome: record.outcome, reason: record.reason, latencyMs: record.latencyMs, citations: record.citations.slice(0, 3), user: record.user, channel: record.channel, answerId: record.answerId }, 'question');
    logger.debug({ question: record.question, readAs: record.readAs }, 'question text');
    void soft('question log', () => records.logQuestion({ ...record, platform }), undefined);
  }

  async function answerIn(question: string, where: AskedIn, answerId: string): Promise<Answer | undefined> {
    const started = performance.now();
    const conversation = await soft('conversation memory', () => state.turns(key('conv', where.conversation)), [] as ConversationTurn[]);
    let answer: Answer | undefined;
    try {
      answer = await answerer.ask(question, { conversation });
    } catch (err) {
      logger.error({ err }, 'answer core threw');
    }
    const latencyMs = Math.round(performance.now() - started);
    const citations = answer?.kind === 'answered' ? answer.citations.map((c) => c.id) : [];
    logQuestion({
      at: Date.now(), user: hash(where.user), channel: where.channel, question, latencyMs, citations, answerId,
      outcome: answer ? answer.kind : 'error',
      ...(answer && answer.kind !== 'usage' && answer.readAs ? { readAs: answer.readAs } : {}),
      ...(answer && answer.kind !== 'answered' && answer.reason ? { reason: answer.reason } : {}),
      ...(answer && answer.kind !== 'usage' && answer.confidence !== undefined ? { confidence: answer.confidence } : {}),
    });
    if (!answer) return undefined;
    const turn: ConversationTurn = {
      question, answerKind: answer.kind, citations, at: Date.now(),
      ...(answer.kind !== 'usage' && answer.readAs ? { readAs: answer.readAs } : {}),
      ...(answer.kind === 'answered' ? { answer: answer.text } : {}),
    };
    await soft('conversation memory', () => state.addTurn(key('conv', where.conversation), turn, { maxTurns: o.maxTurns, ttlSeconds: o.memorySeconds }), undefined);
    const stored: StoredAnswer = { question, text: answer.text, kind: answer.kind, citations, conversation: where.conversation };
    await soft('answer memory', () => state.set(key('answer', answerId), JSON.stringify(stored), o.answerSeconds), undefined);
    if (where.message) await soft('answer memory', () => state.set(key('asked', where.message!), answerId, o.answerSeconds), undefined);
    return answer;
  }

  const apology = (): Answer => ({ kind: 'usage', question: '', reason: 'no-content', text: TEXTS.apology });

  async function storedAnswer(answerId: string): Promise<StoredAnswer | undefined> {
    const raw = await soft('answer memory', () => state.get(key('answer', answerId)), undefined);
    if (!raw) return undefined;
    try {
      return JSON.parse(raw) as StoredAnswer;
    } catch {
      return undefined;
    }
  }

  return {
    platform,
    work,
    async admit(user) {
      if (!work.accepting) return { ok: false, notice: TEXTS.restarting, quiet: false };
      const d = await soft('rate limit', () => rate.take(user), { allowed: true } as const);
      if (d.allowed) return { ok: true };
      metrics?.rateLimited(platform);
      return { ok: false, notice: TEXTS.slowDown(d.retryAfterSeconds), quiet: !d.notify };
    },
    async firstDelivery(event) {
      // When the store is down, answering twice beats never answering.
      const claim = await soft('dedupe', () => state.claim(key('event', event), o.dedupeSeconds), { ok: true } as const);
      return claim.ok;
    },
    async follows(conversation) {
      const turns = await soft('conversation memory', () => state.turns(key('conv', conversation)), [] as ConversationTurn[]);
      return turns.length > 0;
    },
    isForBot,
    async ask(question, where) {
      const answerId = randomUUID();
      const answer = await answerIn(question, where, answerId);
      return answer ? { answer, answerId } : { answer: apology(), answerId, failed: true };
    },
    async answered(message) {
      const id = await soft('answer memory', () => state.get(key('asked', message)), undefined);
      return Boolean(id && (await storedAnswer(id))?.reply);
    },
    async reanswer(message, question, where) {
      const previousId = await soft('answer memory', () => state.get(key('asked', message)), undefined);
      const previous = previousId ? await storedAnswer(previousId) : undefined;
      if (!previous?.reply) return undefined;
      const answerId = randomUUID();
      const answer = (await answerIn(question, { ...where, conversation: previous.conversation }, answerId)) ?? apology();
      await this.replied(answerId, previous.reply);
      return { answer, answerId, reply: previous.reply };
    },
    async replied(answerId, reply) {
      const stored = await storedAnswer(answerId);
      if (!stored) return;
      await soft('answer memory', () => state.set(key('answer', answerId), JSON.stringify({ ...stored, reply }), o.answerSeconds), undefined);
      await soft('answer memory', () => state.set(key('reply', reply), stored.conversation, o.memorySeconds), undefined);
    },
    conversationOfReply: (reply) => soft('answer memory', () => state.get(key('reply', reply)), undefined),
    async summary(request, where) {
      const started = performance.now();
      const args = typeof request === 'string' ? request
        : [request.points, request.section && `section ${request.section}`, request.topic].filter(Boolean).join(' ');
      let summary: Summary | undefined;
      try {
        summary = await (typeof request === 'string' ? answerer.summarizeText(request) : answerer.summarize(request));
      } catch (err) {
        logger.error({ err }, 'answer core threw');
      }
      logQuestion({
        at: Date.now(), user: hash(where.user), channel: where.channel, question: `/summary ${args}`.trim(),
        latencyMs: Math.round(performance.now() - started),
        outcome: !summary ? 'error' : summary.kind === 'summary' ? 'answered' : summary.kind,
        citations: summary?.kind === 'summary' ? [...new Set(summary.points.map((p) => p.citation.id))] : [],
      });
      return summary ?? { kind: 'error', text: TEXTS.apology };
    },
    async vote(answerId, user, vote, fallback) {
      const stored = await storedAnswer(answerId);
      if (!stored && !fallback) return { ok: false, text: TEXTS.oldButton };
      const voter = hash(user);
      // A button made before answers had ids names its answer by the question and citations.
      if (!answerId) answerId = `legacy:${createHash('sha256').update(JSON.stringify(fallback)).digest('hex').slice(0, 16)}`;
      const before = await soft('feedback', () => state.get(key('vote', answerId, voter)), undefined);
      try {
        await records.vote({
          at: Date.now(), platform, answerId, user: voter, vote,
          question: stored?.question ?? fallback!.question, answerText: stored?.text ?? '', citations: stored?.citations ?? fallback!.citations,
        });
      } catch (err) {
        logger.error({ err }, 'could not record feedback');
        return { ok: false, text: TEXTS.feedbackFailed };
      }
      await soft('feedback', () => state.set(key('vote', answerId, voter), vote, o.answerSeconds), undefined);
      return { ok: true, text: before && before !== vote ? TEXTS.feedbackChanged(vote) : TEXTS.feedbackThanks(vote) };
    },
    async pinCooldown(channel) {
      if (deps.limits.pinCooldownSeconds <= 0) return 0;
      const claim = await soft('pin cooldown', () => state.claim(key('pin-cooldown', channel), deps.limits.pinCooldownSeconds), { ok: true } as const);
      return claim.ok ? 0 : Math.max(1, claim.secondsLeft);
    },
  };
}
