import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FeedbackRecord, QuestionRecord } from '../../adapters/records/record-store.ts';
import { buildReport, groupQuestions, jaccard, questionTerms, summariseRecords } from '../../adapters/records/report.ts';
import { sampleRecords } from '../../adapters/records/report-sample.ts';

const T0 = Date.UTC(2025, 7, 16, 9, 0);
const HOUR = 3_600_000;

const q = (question: string, over: Partial<QuestionRecord> = {}): QuestionRecord => ({
  at: T0,
  platform: 'slack',
  user: 'aaaabbbbccccddddeeeeffff',
  question,
  outcome: 'not-covered',
  reason: 'off-topic',
  citations: [],
  latencyMs: 200,
  ...over,
});

const vote = (over: Partial<FeedbackRecord> = {}): FeedbackRecord => ({
  at: T0 + HOUR,
  platform: 'slack',
  answerId: 'a1',
  user: 'aaaabbbbccccddddeeeeffff',
  vote: 'down',
  question: 'did they agree on a ceasefire',
  answerText: 'No ceasefire was agreed.',
  citations: ['alaska-summit/s2/p1'],
  ...over,
});

const dataValues = (html: string, chart: string): number[] => {
  const svg = new RegExp(`<svg data-chart="${chart}"[\\s\\S]*?</svg>`).exec(html)?.[0] ?? '';
  return [...svg.matchAll(/data-value="(\d+)"/g)].map((m) => Number(m[1]));
};

describe('grouping unanswered questions', () => {
  const paraphrases = ['who is the president of france', "Who's the French president?", 'who is president of France??'];

  it('reads a question as its content words, stemmed, with demonyms folded onto the country', () => {
    expect(questionTerms("Who's the French president?")).toEqual(questionTerms('who is the president of france'));
    expect(questionTerms('When will the next summits be?')).toEqual(questionTerms('next summit'));
  });

  it('GIVEN paraphrases of one question THEN they make one group with the most asked wording as its face', () => {
    const groups = groupQuestions([...paraphrases, paraphrases[2]!].map((t) => q(t)));
    expect(groups).toHaveLength(1);
    expect(groups[0]!.count).toBe(4);
    expect(groups[0]!.representative).toBe('who is president of France??');
    expect(groups[0]!.variants.map((v) => v.text).sort()).toEqual([paraphrases[0], paraphrases[1]].sort());
    expect(groups[0]!.reasons).toEqual([{ reason: 'off-topic', count: 4 }]);
  });

  it('GIVEN unrelated questions THEN they stay apart, even when they share a word', () => {
    const groups = groupQuestions(
      [...paraphrases, 'who is the president of russia', 'When is the next summit?', 'How much did the summit cost?', 'what is the weather in anchorage'].map((t) => q(t)),
    );
    expect(groups.map((g) => g.count)).toEqual([3, 1, 1, 1, 1]);
    expect(groups.slice(1).map((g) => g.representative).sort()).toEqual(
      ['How much did the summit cost?', 'When is the next summit?', 'what is the weather in anchorage', 'who is the president of russia'],
    );
  });

  it('GIVEN a stricter similarity THEN only closer wordings group', () => {
    const texts = ['When is the next summit?', 'Is there a next summit planned?'].map((t) => q(t));
    expect(jaccard(questionTerms(texts[0]!.question), questionTerms(texts[1]!.question))).toBeCloseTo(2 / 3);
    expect(groupQuestions(texts)).toHaveLength(1);
    expect(groupQuestions(texts, { similarity: 0.9 })).toHaveLength(2);
  });

  it('GIVEN questions with no content words THEN they group only with the same text', () => {
    const groups = groupQuestions(['what?', 'What??', 'is it?', '   '].map((t) => q(t)));
    expect(groups.map((g) => g.count)).toEqual([2, 1]);
  });

  it('GIVEN an alias the maintainer adds THEN it joins the wordings', () => {
    const texts = ['where is the kremlin', 'where is moscow'].map((t) => q(t));
    expect(groupQuestions(texts)).toHaveLength(2);
    expect(groupQuestions(texts, { aliases: { kremlin: 'moscow' } })).toHaveLength(1);
  });
});

describe('the report page', () => {
  const hostile = [
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(2)>',
    "it's a 'quote' & \"double\"",
    'bell\u0007 escape\u001b[31m nul\u0000 del\u007f',
    'lone \uD800 high and \uDC00 low',
    'right-to-left \u202Eevil\u202C override',
  ];

  it('escapes every user string: questions, answers, reasons, citations and labels', () => {
    const { html, summary } = buildReport({
      questions: hostile.map((t, i) => q(t, { at: T0 + i * HOUR, reason: '<b>reason</b>', citations: ['<i>p</i>'] })),
      feedback: [vote({ question: hostile[0]!, answerText: hostile[1]!, citations: ['"><script>x</script>'] })],
      title: '</title><script>t()</script>',
      passageLabels: new Map([['<i>p</i>', '<u>label</u>']]),
    });
    expect(html).not.toMatch(/<script|<img|<b>|<i>|<u>|<\/title><script/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('it&#39;s a &#39;quote&#39; &amp; &quot;double&quot;');
    expect(html).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/);
    expect(html).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(html).toContain('<bdi>right-to-left \u202Eevil\u202C override</bdi>');
    expect(summary).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F\u202A-\u202E]/);
  });

  it('GIVEN any question text THEN the markup around it is the same as around a plain one', () => {
    const unit = fc.oneof(
      fc.constantFrom('<', '>', '&', '"', "'", '/', '=', '\u0000', '\u001b', '\u2028', '\u202E', 'script', ' '),
      fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    );
    const tags = (text: string) => buildReport({ questions: [q(text)], feedback: [vote({ question: text, answerText: text })], now: T0 }).html.split('<').length;
    const plain = tags('plain question');
    fc.assert(
      fc.property(fc.string({ unit, minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== ''), (text) => {
        const { html } = buildReport({ questions: [q(text)], feedback: [vote({ question: text, answerText: text })], now: T0 });
        expect(html.split('<').length).toBe(plain);
        expect(html).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      }),
      { numRuns: 150 },
    );
  });

  it('GIVEN an empty log THEN it is a friendly page with no charts, and the summary says so', () => {
    const { html, summary } = buildReport({ questions: [], feedback: [], now: T0 }, { writtenTo: 'data/report.html' });
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('No questions recorded yet');
    expect(html).not.toContain('data-chart');
    expect(html).not.toContain('NaN');
    expect(summary).toBe('summit-bot report\nNo questions recorded yet.\nReport written to data/report.html');
  });

  it('loads nothing: no script, no external URL, and a CSP that forbids both', () => {
    const { html } = buildReport({ ...sampleRecords() });
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(|src=/i);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
  });

  it('draws every question once in the outcomes chart and every citation once in the passages chart', () => {
    const sample = sampleRecords();
    const { html } = buildReport(sample);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(dataValues(html, 'outcomes-over-time'))).toBe(sample.questions.length);
    const top = dataValues(html, 'cited-passages');
    expect(top.length).toBeGreaterThan(3);
    expect(top).toEqual([...top].sort((a, b) => b - a));
    const s0p1 = sample.questions.filter((x) => x.citations.includes('alaska-summit/s0/p1')).length;
    expect(top[0]).toBe(s0p1);
    expect(html).toContain('Introduction, paragraph 1 · alaska-summit/s0/p1');
  });

  it('lists voted-down answers newest first, with their citations labelled', () => {
    const { html } = buildReport({
      questions: [q('did they agree on a ceasefire', { outcome: 'answered', citations: ['alaska-summit/s2/p1'] })],
      feedback: [
        vote({ at: T0 + 1 * HOUR, question: 'older question', answerId: 'a1' }),
        vote({ at: T0 + 3 * HOUR, question: 'newer question', answerId: 'a2', citations: ['alaska-summit/s5/p2'] }),
        vote({ at: T0 + 2 * HOUR, vote: 'up', question: 'liked question', answerId: 'a3' }),
      ],
      passageLabels: new Map([['alaska-summit/s5/p2', 'The Larger Geopolitical Undercurrent, paragraph 2']]),
    });
    const section = /<section id="downvoted">[\s\S]*?<\/section>/.exec(html)![0];
    expect(section.indexOf('newer question')).toBeLessThan(section.indexOf('older question'));
    expect(section).not.toContain('liked question');
    expect(section).toContain('<code>alaska-summit/s5/p2</code> The Larger Geopolitical Undercurrent, paragraph 2');
    expect(section).toContain('<code>alaska-summit/s2/p1</code></li>');
  });
});

describe('the figures', () => {
  it('buckets by hour under two days and by day from two days on', () => {
    const short = summariseRecords({ questions: [q('a'), q('b', { at: T0 + 5 * HOUR + 10 })], feedback: [] });
    expect(short.bucket).toBe('hour');
    expect(short.timeline).toHaveLength(6);
    const long = summariseRecords({ questions: [q('a'), q('b', { at: T0 + 72 * HOUR })], feedback: [] });
    expect(long.bucket).toBe('day');
    expect(long.timeline).toHaveLength(4);
    expect(long.timeline.map((t) => t.counts['not-covered'])).toEqual([1, 0, 0, 1]);
  });

  it('gives median and p95 latency by platform and overall', () => {
    const questions = [
      ...Array.from({ length: 100 }, (_, i) => q('x', { platform: 'slack', latencyMs: i + 1 })),
      ...Array.from({ length: 20 }, (_, i) => q('y', { platform: 'discord', latencyMs: 1000 + i * 10 })),
    ];
    const { latency } = summariseRecords({ questions, feedback: [] });
    expect(latency.find((l) => l.platform === 'slack')).toEqual({ platform: 'slack', count: 100, medianMs: 50, p95Ms: 95, maxMs: 100 });
    expect(latency.find((l) => l.platform === 'discord')).toMatchObject({ count: 20, medianMs: 1090, p95Ms: 1180 });
    expect(latency.find((l) => l.platform === 'all')).toMatchObject({ count: 120, maxMs: 1190 });
  });

  it('puts the counts, the top groups, the votes and the top passage in the summary', () => {
    const questions = [
      ...Array.from({ length: 5 }, (_, i) => q('What did Trump offer Putin?', { at: T0 + i * HOUR, outcome: 'answered', citations: ['alaska-summit/s3/p1'] })),
      q('who is the president of france', { at: T0 + 6 * HOUR }),
      q("Who's the French president?", { at: T0 + 7 * HOUR }),
      q('When is the next summit?', { at: T0 + 8 * HOUR, reason: 'not-in-article' }),
      q('', { at: T0 + 9 * HOUR, outcome: 'usage', reason: 'empty' }),
      q('What did Trump offer Putin?', { at: T0 + 10 * HOUR, outcome: 'error' }),
    ];
    const { summary } = buildReport(
      { questions, feedback: [vote({ vote: 'up', answerId: 'a1' }), vote({ vote: 'up', answerId: 'a2' }), vote()], passageLabels: new Map([['alaska-summit/s3/p1', 'Trump’s Transactional Lens, paragraph 1']]) },
      { writtenTo: 'data/report.html' },
    );
    expect(summary.split('\n')).toEqual([
      'summit-bot report',
      'Period: 2025-08-16 09:00 to 2025-08-16 19:00 UTC (10 hours)',
      'Questions: 10 · answered 5 (56%) · not covered 3 · usage 1 · errors 1',
      'Top unanswered:',
      '  1. 2× "who is the president of france" (+1 other wording)',
      '  2. 1× "When is the next summit?"',
      'Votes: 👍 2 · 👎 1',
      'Most cited: Trump’s Transactional Lens, paragraph 1 (alaska-summit/s3/p1), 5 answers',
      'Report written to data/report.html',
    ]);
  });
});
