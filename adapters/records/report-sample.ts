/**
 * Realistic fake records for the report: four days of questions about the Alaska summit article,
 * from Slack and Discord, with recurring not-covered paraphrases and a couple of down-voted
 * answers. `npm run report -- --sample` renders them, so a maintainer can see the page before the
 * bot has a log; the report's tests use them too. Deterministic: a seeded generator, a fixed clock.
 */
import type { FeedbackRecord, Platform, QuestionRecord } from './record-store.ts';

/** 2025-08-19 18:00 UTC: the sample's "now". */
export const SAMPLE_NOW = Date.UTC(2025, 7, 19, 18, 0);

/** Passage labels as `loadCorpus` gives them for the Alaska summit article. */
export const SAMPLE_PASSAGE_LABELS = new Map<string, string>([
  ['alaska-summit/s0/p1', 'Introduction, paragraph 1'],
  ['alaska-summit/s1/p1', 'A Strategic Setting for Diplomacy, paragraph 1'],
  ['alaska-summit/s2/p1', 'The Ukraine War: Hard Bargains, No Compromise, paragraph 1'],
  ['alaska-summit/s2/p2', 'The Ukraine War: Hard Bargains, No Compromise, paragraph 2'],
  ['alaska-summit/s3/p1', 'Trump’s Transactional Lens, paragraph 1'],
  ['alaska-summit/s3/p2', 'Trump’s Transactional Lens, paragraph 2'],
  ['alaska-summit/s4/p1', 'Putin’s Calculated Patience, paragraph 1'],
  ['alaska-summit/s5/p2', 'The Larger Geopolitical Undercurrent, paragraph 2'],
  ['alaska-summit/s6/p2', 'What the Non-Agreement Means, paragraph 2'],
  ['alaska-summit/s8/p1', 'Conclusion, paragraph 1'],
]);

const ANSWERED: { question: string; citations: string[]; weight: number }[] = [
  { question: 'How long did the talks last?', citations: ['alaska-summit/s0/p1'], weight: 6 },
  { question: 'What did Trump offer Putin?', citations: ['alaska-summit/s3/p1', 'alaska-summit/s3/p2'], weight: 5 },
  { question: "Why was Ukraine's exclusion a problem?", citations: ['alaska-summit/s6/p2', 'alaska-summit/s2/p2'], weight: 4 },
  { question: 'What does China gain or lose?', citations: ['alaska-summit/s5/p2'], weight: 3 },
  { question: 'Why Alaska?', citations: ['alaska-summit/s1/p1'], weight: 3 },
  { question: 'did they agree on a ceasefire', citations: ['alaska-summit/s2/p1', 'alaska-summit/s0/p1'], weight: 5 },
  { question: 'what does putin want', citations: ['alaska-summit/s4/p1', 'alaska-summit/s2/p1'], weight: 3 },
  { question: 'Was there a deal in the end?', citations: ['alaska-summit/s8/p1', 'alaska-summit/s0/p1'], weight: 4 },
];

const NOT_COVERED: { wordings: string[]; reason: string; weight: number }[] = [
  {
    wordings: ['who is the president of france', "Who's the French president?", 'who is president of France??', 'French president name'],
    reason: 'off-topic',
    weight: 6,
  },
  {
    wordings: ['When is the next summit?', 'when will the next summit be', 'Is there a next summit planned?', 'next summit date?'],
    reason: 'not-in-article',
    weight: 5,
  },
  {
    wordings: ['What did Zelensky say about the summit?', 'zelensky reaction to the summit', "Zelensky's response?"],
    reason: 'not-in-article',
    weight: 4,
  },
  { wordings: ['How much did the summit cost?', 'cost of the summit'], reason: 'missing-fact', weight: 2 },
  { wordings: ['what is the weather in anchorage'], reason: 'off-topic', weight: 1 },
];

const USAGE = ['', 'help', '?'];

/** A small seeded generator (mulberry32): the same sample every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T extends { weight: number }>(items: readonly T[], r: () => number): T {
  let x = r() * items.reduce((s, i) => s + i.weight, 0);
  for (const item of items) if ((x -= item.weight) < 0) return item;
  return items[items.length - 1]!;
}

/** Four days of questions and votes ending at `SAMPLE_NOW`. */
export function sampleRecords(): { questions: QuestionRecord[]; feedback: FeedbackRecord[]; now: number; title: string; passageLabels: Map<string, string> } {
  const r = random(20250815);
  const questions: QuestionRecord[] = [];
  const start = Date.UTC(2025, 7, 15);
  // More questions on the day after the summit, fewer as the news ages.
  const perDay = [38, 27, 18, 12, 7];
  perDay.forEach((count, day) => {
    for (let i = 0; i < count; i++) {
      const at = Math.min(SAMPLE_NOW - 60_000, start + day * 86_400_000 + Math.floor((7 + r() * 11) * 3_600_000));
      const platform: Platform = r() < 0.6 ? 'slack' : 'discord';
      const user = `u${Math.floor(r() * 23).toString(16).padStart(4, '0')}9f3c2a7e1b6d`;
      const roll = r();
      const latencyMs = Math.round((platform === 'slack' ? 180 : 140) + r() * 260 + (r() < 0.06 ? 1400 : 0));
      const base = { at, platform, user, channel: platform === 'slack' ? 'C07NEWSDESK' : '1290011223344556677', latencyMs };
      if (roll < 0.64) {
        const a = pick(ANSWERED, r);
        questions.push({ ...base, question: a.question, outcome: 'answered', confidence: 0.6 + r() * 0.35, citations: a.citations, answerId: `a${questions.length}` });
      } else if (roll < 0.92) {
        const g = pick(NOT_COVERED, r);
        const question = g.wordings[Math.floor(r() * g.wordings.length)]!;
        questions.push({ ...base, question, outcome: 'not-covered', reason: g.reason, confidence: r() * 0.3, citations: [] });
      } else if (roll < 0.98) {
        questions.push({ ...base, question: USAGE[Math.floor(r() * USAGE.length)]!, outcome: 'usage', reason: 'empty', citations: [], latencyMs: 3 });
      } else {
        questions.push({ ...base, question: 'What did Trump offer Putin?', outcome: 'error', citations: [] });
      }
    }
  });
  questions.sort((a, b) => a.at - b.at);

  const feedback: FeedbackRecord[] = [];
  for (const q of questions) {
    if (q.outcome !== 'answered' || !q.answerId || r() > 0.22) continue;
    feedback.push({ at: q.at + 40_000, platform: q.platform, answerId: q.answerId, user: q.user, vote: 'up', question: q.question, answerText: 'An answer the user liked.', citations: q.citations });
  }
  feedback.push(
    {
      at: SAMPLE_NOW - 30 * 3_600_000,
      platform: 'slack',
      answerId: 'a-down-1',
      user: 'u00119f3c2a7e1b6d',
      vote: 'down',
      question: 'did they agree on a ceasefire',
      answerText: 'Trump pushed for a unilateral ceasefire, but Putin insisted on a comprehensive settlement first, so no ceasefire was agreed.',
      citations: ['alaska-summit/s2/p1', 'alaska-summit/s0/p1'],
    },
    {
      at: SAMPLE_NOW - 5 * 3_600_000,
      platform: 'discord',
      answerId: 'a-down-2',
      user: 'u000a9f3c2a7e1b6d',
      vote: 'down',
      question: 'What does China gain or lose?',
      answerText: 'China also waited in the wings: Beijing, the important sponsor of Moscow, is closely watching how far Washington will go.',
      citations: ['alaska-summit/s5/p2'],
    },
  );
  feedback.sort((a, b) => a.at - b.at);
  return { questions, feedback, now: SAMPLE_NOW, title: 'Trump–Putin Alaska Summit: Talks Fail to Yield Breakthrough', passageLabels: SAMPLE_PASSAGE_LABELS };
}
