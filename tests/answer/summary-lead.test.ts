import { beforeAll, describe, expect, it } from 'vitest';
import { createAnswerer, loadCorpus } from '../../src/index.ts';

describe('whole-article summaries lead with the outcome from the lead paragraph', () => {
  const answerers = {
    'alaska-summit': createAnswerer({ corpusDir: 'corpus', encoder: false }),
    'cup-final': createAnswerer({ documents: loadCorpus('tests/eval/articles/cup-final'), encoder: false }),
    'trade-talks': createAnswerer({ documents: loadCorpus('tests/eval/articles/trade-talks'), encoder: false }),
  };
  beforeAll(() => Promise.all(Object.values(answerers).map((a) => a.ready)));

  it.each(Object.keys(answerers))('%s: 3 and 5 points, and tl;dr in chat, start in the lead', async (id) => {
    const answerer = answerers[id as keyof typeof answerers];
    for (const points of [3, 5]) {
      const s = await answerer.summarize({ points });
      expect(s.kind).toBe('summary');
      if (s.kind !== 'summary') return;
      expect(s.points).toHaveLength(points);
      expect(s.points[0]!.citation.id).toBe(`${id}/s0/p1`);
      // The rest come from the body: the lead speaks once.
      expect(s.points.slice(1).every((p) => !p.citation.id.endsWith('/s0/p1'))).toBe(true);
    }
    for (const q of ['tl;dr', 'what happened?', 'so whats going on']) {
      const a = await answerer.ask(q);
      expect(a.kind === 'answered' && a.citations[0]!.id, q).toBe(`${id}/s0/p1`);
    }
  });

  it('the summit: the first point says the talks brought no breakthrough', async () => {
    const s = await answerers['alaska-summit'].summarize({ points: 3 });
    expect(s.kind === 'summary' && s.points[0]!.text).toMatch(/breakthrough|consensus|without/i);
  });
});

describe('Read as keeps URLs, code and mentions as written', () => {
  const answerer = createAnswerer({ corpusDir: 'corpus', encoder: false });
  it('corrects the words around them only', async () => {
    const a = await answerer.ask('see https://example.com/Putn and `Trum` @Trum — how long was the meeing?');
    expect(a.kind).not.toBe('usage');
    if (a.kind === 'usage') return;
    expect(a.readAs).toContain('https://example.com/Putn');
    expect(a.readAs).toContain('`Trum`');
    expect(a.readAs).toContain('@Trum');
    expect(a.readAs).toContain('meeting');
  });
});
