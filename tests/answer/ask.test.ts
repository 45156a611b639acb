import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnswerer, MAX_QUESTION_LENGTH, type Answer } from '../../src/index.ts';

const answerer = createAnswerer({ corpusDir: 'corpus' });
beforeAll(() => answerer.ready, 60_000);
const firstCitation = (a: Answer) => (a.kind === 'answered' ? a.citations[0]?.id : undefined);
const cited = async (q: string) => firstCitation(await answerer.ask(q));
/** An answer's text, or its kind when it is not an answer ("not-covered"). */
const answerText = async (q: string) => {
  const a = await answerer.ask(q);
  return a.kind === 'answered' ? a.text : a.kind;
};

describe('ranking set: the passage that answers comes first', () => {
  // Question -> the paragraph that answers it (in the manner of minisearch's ranking tests).
  const ranking: [string, string][] = [
    ['How long did the negotiations go on?', 'alaska-summit/s0/p1'],
    ['What conditions did Putin set before any pullback of troops?', 'alaska-summit/s2/p1'],
    ['Why is Alaska a symbolic site for the summit?', 'alaska-summit/s1/p1'],
    ['Why is Alaska a meaningful place for Russia and America to meet?', 'alaska-summit/s1/p1'],
    ['What business arrangement did Trump propose?', 'alaska-summit/s3/p1'],
    ['How did Russian state television portray Putin?', 'alaska-summit/s4/p2'],
    ['Where does Beijing stand?', 'alaska-summit/s5/p2'],
    ['What small steps could build trust?', 'alaska-summit/s7/p1'],
  ];
  it.each(ranking)('%s -> %s', async (q, id) => {
    expect(await cited(q)).toBe(id);
  });
  // Known miss, the help example: no article word is close to "offer" ("suggested phased
  // sanctions relief"), and "declining Trump's advances" wins. When it passes, move it up.
  it.fails('known miss: What did Trump offer Putin? -> alaska-summit/s3/p1', async () => {
    expect(await cited('What did Trump offer Putin?')).toBe('alaska-summit/s3/p1');
  });
});

describe('answers', () => {
  it('quote whole sentences from the cited passage, verbatim', async () => {
    const a = await answerer.ask('How long was the meeting?');
    expect(a.kind).toBe('answered');
    if (a.kind !== 'answered') return;
    expect(a.text).toContain('seven hours');
    for (const s of a.sentences) expect(a.citations.some((c) => c.text.includes(s))).toBe(true);
    expect(a.citations.length).toBeGreaterThan(0);
    expect(a.citations.length).toBeLessThanOrEqual(3);
    expect(a.citations[0]!.label).toBe('Introduction, paragraph 1');
  });

  it("come from the passage cited first, for every question of the project's own set", async () => {
    const questions = readFileSync('tests/eval/alaska-questions.jsonl', 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).q as string);
    let answered = 0;
    for (const q of questions) {
      const a = await answerer.ask(q);
      // Authorship answers are phrased from the byline, not quoted.
      if (a.kind !== 'answered' || a.citations[0]!.id.endsWith('/byline')) continue;
      answered++;
      for (const s of a.sentences) expect(a.citations[0]!.text, q).toContain(s);
      expect(a.confidence, q).toBeGreaterThan(0);
    }
    expect(answered).toBeGreaterThan(questions.length / 2);
  });

  it('see through chat noise, case and curly quotes', async () => {
    expect(await cited('ok so what did TRUMP actually offer lol')).toBe(await cited('What did Trump offer?'));
    expect(await cited('What is Europe’s “endless war”?')).toBe(await cited("What is Europe's \"endless war\"?"));
  });

  it('tolerate a typo, and say how a corrected question was read', async () => {
    expect(await answerText('how long was the meeing')).toContain('seven hours');
    expect(await answerer.ask('how long was the meeing')).toMatchObject({ kind: 'answered', readAs: 'how long was the meeting' });
    expect(await answerer.ask('how long was the meeting')).not.toHaveProperty('readAs');
    expect((await answerer.ask('Who wrotte this?')).text).toContain('Poonam Sharma');
  });

  it('never turn an unknown name into a known one', async () => {
    expect((await answerer.ask('What did Zelnsky say about the talks?')).text).toContain('does not mention Zelnsky');
  });

  it('give a cited summary when asked for one in chat', async () => {
    const whole = await answerer.ask('tl;dr');
    const summary = await answerer.summarize({ points: 3 });
    expect(whole.kind === 'answered' && summary.kind === 'summary' && whole.sentences).toEqual(summary.kind === 'summary' ? summary.points.map((p) => p.text) : []);
    expect((await answerer.ask('give me a summary of bananas')).kind).toBe('not-covered');
  });

  it('answer who wrote the article from its byline', async () => {
    const a = await answerer.ask('Who wrote this?');
    expect(a.kind).toBe('answered');
    expect(a.text).toContain('Poonam Sharma');
  });
});

describe('abstention, with the reason', () => {
  it.each(['What is the capital of Peru?', 'How do I bake sourdough bread?', 'Recommend a good laptop for gaming', 'Who won the 2018 World Cup?'])(
    'declines an off-topic question: %s', async (q) => {
      const a = await answerer.ask(q);
      expect(a.kind).toBe('not-covered');
      if (a.kind === 'not-covered') {
        expect(a.suggestions.length).toBeGreaterThan(0);
        expect(a.confidence).toBeLessThan(0.5);
      }
    },
  );

  it('names a person the article never mentions', async () => {
    const a = await answerer.ask('What did Boris Johnson say about the summit?');
    expect(a).toMatchObject({ kind: 'not-covered', reason: 'unknown-name', unknownNames: ['Boris Johnson'] });
    expect(a.text).toContain('does not mention Boris Johnson');
  });

  it('says which words of the question the article says nothing about', async () => {
    const a = await answerer.ask('What is the recipe for sourdough?');
    expect(a.kind).toBe('not-covered');
    if (a.kind === 'not-covered' && a.reason === 'unmatched') expect(a.text).toMatch(/says nothing about “.*(recipe|sourdough)/);
  });
});

describe('usage replies', () => {
  it('answers empty, noise-only and greeting input with help', async () => {
    for (const q of ['', '   ', '???', 'lol', '<@U123>', '@everyone', 'thanks!', 'hi']) {
      const a = await answerer.ask(q);
      expect(a.kind, q).toBe('usage');
      expect(a.text.length).toBeGreaterThan(20);
    }
  });

  it('asks for a shorter question above the length limit', async () => {
    const a = await answerer.ask('why '.repeat(MAX_QUESTION_LENGTH));
    expect(a.kind).toBe('usage');
    if (a.kind === 'usage') expect(a.reason).toBe('too-long');
  });
});

describe('any input', () => {
  it('returns an answer value and never throws, for arbitrary, binary and huge text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.string({ unit: 'grapheme', maxLength: 200 }),
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')),
          fc.constantFrom('<!channel>', '@everyone', '<@U1>', '```', '\u202e', '\u200b', '**', '> quote').chain((s) => fc.string({ maxLength: 40 }).map((t) => `${s} ${t} ${s}`)),
        ),
        async (q) => {
          const a = await answerer.ask(q);
          expect(['answered', 'not-covered', 'usage']).toContain(a.kind);
          expect(typeof a.text).toBe('string');
        },
      ),
      { numRuns: 300 },
    );
    expect((await answerer.ask('x'.repeat(100_000))).kind).toBe('usage');
  }, 60_000);
});

describe('the reason a question is declined', () => {
  it('says which shape of fact the article lacks, in plain words', async () => {
    const a = await answerer.ask('How many warheads does Russia have?');
    expect(a).toMatchObject({ kind: 'not-covered', reason: 'missing-fact' });
    expect(a.text).toMatch(/^The article gives no number for that\./);
  });
});
