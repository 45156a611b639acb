import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAnswerer, type Answerer, type Summary } from '../../src/index.ts';
import { clipPoint, ELLIPSIS, MAX_POINT_CHARS } from '../../src/answer/clip-point.ts';
import { findSection, parseSummaryArgs } from '../../src/answer/parse-summary-request.ts';
import { lexRank } from '../../src/answer/rank-sentences-lexrank.ts';
import { selectByMmr } from '../../src/answer/select-points-mmr.ts';

const answerer = createAnswerer({ corpusDir: 'corpus' });
const keywordsOnly = createAnswerer({ corpusDir: 'corpus', vectors: false });
const sections = answerer.document.sections;

function points(summary: Summary) {
  if (summary.kind !== 'summary') throw new Error(`expected a summary, got ${summary.kind}: ${summary.text}`);
  return summary.points;
}

/** The text of a usage or not-covered reply. */
const message = (summary: Summary) => (summary.kind === 'summary' ? '' : summary.text);

/** What a point quotes: its text without the ellipsis a long sentence is cut with. */
const quoted = (text: string) => (text.endsWith(ELLIPSIS) ? text.slice(0, -ELLIPSIS.length) : text);

describe('a whole-article summary', () => {
  it('is the same every time, and the same from a freshly built answerer', async () => {
    const first = await answerer.summarize();
    expect(await answerer.summarize()).toEqual(first);
    expect(await createAnswerer({ corpusDir: 'corpus' }).summarize()).toEqual(first);
  });

  it('has 5 points by default and exactly N points when asked for N from 1 to 10', async () => {
    expect(points(await answerer.summarize())).toHaveLength(5);
    for (let n = 1; n <= 10; n++) expect(points(await answerer.summarize({ points: n }))).toHaveLength(n);
  });

  it.each([0, 11, -3, 2.5, Number.NaN])('GIVEN %s points THEN it is a usage reply naming the range, not a clamp', async (n) => {
    const s = await answerer.summarize({ points: n });
    expect(s.kind).toBe('usage');
    expect(message(s)).toMatch(/1 to 10/);
  });

  it.each([answerer, keywordsOnly])('quotes every point verbatim from the passage it cites, with that passage\'s citation', async (a) => {
    for (const n of [5, 10]) {
      for (const p of points(await a.summarize({ points: n }))) {
        const lookup = a.passage(p.citation.id);
        expect(lookup.kind).toBe('passage');
        if (lookup.kind !== 'passage') continue;
        expect(p.citation.text).toBe(lookup.passage.text);
        expect(p.citation.heading).toBe(lookup.passage.heading);
        expect(lookup.passage.text).toContain(quoted(p.text));
      }
    }
  });

  it('presents its points in article order and never repeats a sentence', async () => {
    const ps = points(await answerer.summarize({ points: 10 }));
    const order = ps.map((p) => {
      const passage = answerer.passages().find((x) => x.id === p.citation.id)!;
      return passage.order * 1000 + passage.text.indexOf(quoted(p.text));
    });
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(new Set(ps.map((p) => p.text)).size).toBe(ps.length);
  });

  it('spreads 5 points over 5 different sections', async () => {
    const ids = points(await answerer.summarize()).map((p) => p.citation.id.replace(/\/p\d+$/, ''));
    expect(new Set(ids).size).toBe(5);
  });
});

describe('ranking set: the 5-point summary tells a reader the gist', () => {
  // Each idea of the article's gist, and wordings of it that a point may quote.
  const ideas: Record<string, RegExp> = {
    'the talks ended without a deal': /without a deal|firm consensus|agreement wasn.t struck|no breakthrough|lack of a breakthrough/i,
    'why: the deadlock over withdrawal, NATO, annexed territory': /withdrawal|annexed|NATO expansion|logjam|yielding territory/i,
    "Trump's transactional offer": /sanctions relief|energy agreement/i,
    "Putin's patience": /patien|waited out|long game|will not be rushed/i,
    "Ukraine's exclusion": /exclusion|excluded/i,
    'the wider stakes or the way ahead': /China|Beijing|Europe|juncture|roadblocks/,
  };
  const covered = async (a: Answerer) => {
    const text = points(await a.summarize()).map((p) => p.text).join(' ');
    return Object.keys(ideas).filter((k) => ideas[k]!.test(text));
  };

  it('covers at least 5 of the 6 ideas with word vectors', async () => {
    expect((await covered(answerer)).length).toBeGreaterThanOrEqual(5);
  });

  it('covers at least 5 of the 6 ideas with keywords only (no word vectors)', async () => {
    expect((await covered(keywordsOnly)).length).toBeGreaterThanOrEqual(5);
  });

  it('gives the thesis as the single point of a 1-point summary', async () => {
    expect(points(await answerer.summarize({ points: 1 }))[0]!.text).toMatch(ideas['the talks ended without a deal']!);
  });
});

describe('a section summary', () => {
  it.each([
    ['road ahead', 7],
    ['The Road Ahead', 7],
    ['ROAD-AHEAD!', 7],
    ['ukraine war', 2],
    ['2', 2],
    ['section 2', 2],
    ['s0', 0],
    ['intro', 0],
    ['conclusion', 8],
  ])('GIVEN section “%s” THEN every point cites section %i', async (section, number) => {
    const s = await answerer.summarize({ section });
    expect(s.kind === 'summary' && s.scope).toEqual({ type: 'section', number, heading: sections[number]!.heading });
    const ps = points(s);
    expect(ps.length).toBeGreaterThan(0);
    for (const p of ps) expect(p.citation.id).toMatch(new RegExp(`^alaska-summit/s${number}/`));
  });

  it('returns every unit of a short section rather than padding from elsewhere', async () => {
    expect(points(await answerer.summarize({ section: 'conclusion', points: 10 })).length).toBeLessThanOrEqual(3);
  });

  it.each(['weather report', '42', 'section 9'])('GIVEN an unknown section “%s” THEN the usage reply lists the sections', async (section) => {
    const s = await answerer.summarize({ section });
    expect(s.kind).toBe('usage');
    for (const sec of sections) expect(message(s)).toContain(`${sec.number}. ${sec.heading}`);
  });
});

describe('a topic summary', () => {
  it('on China cites the China paragraph first and only passages that name it', async () => {
    const s = await answerer.summarize({ topic: 'China' });
    expect(s.kind === 'summary' && s.scope).toEqual({ type: 'topic', topic: 'China' });
    const ps = points(s);
    expect(ps[0]!.citation.id).toBe('alaska-summit/s5/p2');
    for (const p of ps) expect(p.text).toMatch(/China|Chinese|Beijing/);
  });

  it('on sanctions quotes the sanctions-relief offer', async () => {
    expect(points(await answerer.summarize({ topic: 'sanctions' })).map((p) => p.text).join(' ')).toMatch(/sanctions relief/);
  });

  it('on a mistyped topic reads it as meant, and says which topic it summarised', async () => {
    const s = await answerer.summarize({ topic: 'sanctons' });
    expect(s.kind === 'summary' && s.scope).toEqual({ type: 'topic', topic: 'sanctions' });
    expect(points(s).map((p) => p.text).join(' ')).toMatch(/sanctions relief/);
  });

  it.each([answerer, keywordsOnly])('on cryptocurrency says plainly that the article does not cover it', async (a) => {
    const s = await a.summarize({ topic: 'cryptocurrency' });
    expect(s).toMatchObject({ kind: 'not-covered', topic: 'cryptocurrency' });
    expect(message(s)).toMatch(/^The article does not cover cryptocurrency\./);
    expect(message(s)).toContain('The Road Ahead');
  });

  it('within a section says when that section does not discuss the topic', async () => {
    const s = await answerer.summarize({ section: 'road ahead', topic: 'China' });
    expect(s.kind).toBe('not-covered');
    expect(message(s)).toMatch(/The Road Ahead/);
  });

  it('GIVEN a topic of stop words only THEN it is a usage reply', async () => {
    expect((await answerer.summarize({ topic: 'the of and' })).kind).toBe('usage');
  });
});

describe('summarizeText reads `[N] [section or topic]`', () => {
  it.each([
    ['', { }],
    ['10', { points: 10 }],
    ['3 road ahead', { points: 3, section: 'road ahead' }],
    ['5 points on the road ahead', { points: 5, section: 'the road ahead' }],
    ['section 2', { section: 'section 2' }],
    ['3 2', { points: 3, section: '2' }],
    ['china', { topic: 'china' }],
    ['putin', { topic: 'putin' }],
    ['2 about sanctions relief', { points: 2, topic: 'sanctions relief' }],
    ['0', { points: 0 }],
    ['2.5 china', { points: 2.5, topic: 'china' }],
  ])('“%s” -> %o', async (args, options) => {
    expect(parseSummaryArgs(args, sections)).toEqual(options);
  });

  it('answers "3 road ahead" with 3 points from The Road Ahead, and "0" or "11" with a usage reply', async () => {
    const ps = points(await answerer.summarizeText('3 road ahead'));
    expect(ps).toHaveLength(3);
    for (const p of ps) expect(p.citation.id).toMatch(/^alaska-summit\/s7\//);
    expect((await answerer.summarizeText('0')).kind).toBe('usage');
    expect((await answerer.summarizeText('11')).kind).toBe('usage');
    expect((await answerer.summarizeText('cryptocurrency')).kind).toBe('not-covered');
  });

  it('never throws on free text and always returns a summary, usage or not-covered', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 120 }), async (args) => {
        expect(['summary', 'usage', 'not-covered']).toContain((await answerer.summarizeText(args)).kind);
      }),
      { numRuns: 150 },
    );
  });

  it('matches a loose heading only when every word is in it; a lone name stays a topic', async () => {
    expect(findSection(sections, 'the ukraine war', true)?.number).toBe(2);
    expect(findSection(sections, 'putin', true)).toBeUndefined();
    expect(findSection(sections, 'putin')?.number).toBe(4);
  });
});

describe('the chat budget', () => {
  // Slack: 4,000 characters of message text, 3,000 per section block; Discord: 4,096 in an embed
  // description, 1,024 per field, 6,000 in all. A 10-point summary must fit one message of each.
  it.each([answerer, keywordsOnly])('keeps a 10-point summary with its citations within one Slack message and one Discord embed', async (a) => {
    const ps = points(await a.summarize({ points: 10 }));
    const lines = ps.map((p, i) => `${i + 1}. ${p.text}\n— ${p.citation.label} (${p.citation.id})`);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(1024);
    expect(lines.join('\n').length).toBeLessThanOrEqual(4000);
    for (const p of ps) expect(p.text.length).toBeLessThanOrEqual(MAX_POINT_CHARS + ELLIPSIS.length);
  });
});

describe('clipPoint', () => {
  const long = 'The council approved the plan after a long debate, ' + 'and the residents of the northern suburbs, who had waited for years, '.repeat(5) + 'cheered.';

  it('leaves a text of up to 300 characters as it is', async () => {
    const text = 'a'.repeat(10) + ' b'.repeat(145);
    expect(text.length).toBeLessThanOrEqual(MAX_POINT_CHARS);
    expect(clipPoint(text)).toBe(text);
  });

  it('cuts a longer one at a clause boundary, with an ellipsis, keeping what it keeps verbatim', async () => {
    const clipped = clipPoint(long);
    expect(clipped.endsWith(ELLIPSIS)).toBe(true);
    expect(clipped.length).toBeLessThanOrEqual(MAX_POINT_CHARS + 1);
    expect(long.startsWith(quoted(clipped))).toBe(true);
    expect(long[quoted(clipped).length]).toBe(',');
  });

  it('never cuts mid-word, whatever the text', async () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z]{1,12}[,;]?$/), { minLength: 1, maxLength: 120 }), (words) => {
        const text = words.join(' ');
        const clipped = clipPoint(text);
        if (clipped === text) return;
        const kept = quoted(clipped);
        expect(text.startsWith(kept)).toBe(true);
        expect(/[a-z]/.test(text[kept.length] ?? ' ')).toBe(false);
        expect(clipped.length).toBeLessThanOrEqual(MAX_POINT_CHARS + 1);
      }),
    );
  });
});

describe('the selection machinery', () => {
  it('GIVEN a star graph THEN LexRank ranks the hub most central', async () => {
    const sim = [
      [0, 0.5, 0.5, 0.5],
      [0.5, 0, 0, 0],
      [0.5, 0, 0, 0],
      [0.5, 0, 0, 0],
    ];
    const scores = lexRank(sim);
    expect(scores[0]).toBe(1);
    expect(Math.max(...scores.slice(1))).toBeLessThan(1);
  });

  it('GIVEN two near-duplicates THEN MMR picks one of them and a different point', async () => {
    const sim = [
      [0, 0.95, 0.1],
      [0.95, 0, 0.1],
      [0.1, 0.1, 0],
    ];
    const picked = selectByMmr(
      [{ index: 0, group: 0, relevance: 1 }, { index: 1, group: 1, relevance: 0.95 }, { index: 2, group: 2, relevance: 0.6 }],
      sim,
      { count: 2, lambda: 0.5, sectionPenalty: 0 },
    );
    expect(picked).toEqual([0, 2]);
  });
});

describe('another article (tests/fixtures/corpus-second)', () => {
  const other = createAnswerer({ corpusDir: 'tests/fixtures/corpus-second' });

  it('gets 5 verbatim points from 5 sections, starting with its lead', async () => {
    const ps = points(await other.summarize());
    expect(ps).toHaveLength(5);
    expect(ps[0]!.citation.id).toMatch(/\/s0\/p1$/);
    expect(new Set(ps.map((p) => p.citation.id.replace(/\/p\d+$/, ''))).size).toBe(5);
    for (const p of ps) expect(p.citation.text).toContain(quoted(p.text));
  });
});
