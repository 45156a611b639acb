import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { QUESTION_FEATURES, SENTENCE_FEATURES } from '../../src/rank/features.ts';
import { fitListwise, fitLogistic } from '../../src/rank/fit.ts';
import { compileScorer, dot, FEATURE_VERSION, SCORER, sigmoid, weightVector } from '../../src/rank/model.ts';
import { embedCorpus, type SentenceEncoder } from '../../src/search/sentence-encoder.ts';

describe('the feature sets', () => {
  it('name every feature once and document it', () => {
    for (const set of [SENTENCE_FEATURES, QUESTION_FEATURES]) {
      const names = set.map((f) => f.name);
      expect(new Set(names).size).toBe(names.length);
      for (const f of set) expect(f.doc.length, f.name).toBeGreaterThan(20);
    }
  });

  it('match the shipped weights: a feature added or renamed needs npm run train', () => {
    expect(SCORER.version).toBe(FEATURE_VERSION);
    expect(Object.keys(SCORER.ranker && 'weights' in SCORER.ranker ? SCORER.ranker.weights : {}).sort()).toEqual(SENTENCE_FEATURES.map((f) => f.name).sort());
    expect(Object.keys(SCORER.abstainer.weights).sort()).toEqual(QUESTION_FEATURES.map((f) => f.name).sort());
    expect(SCORER.trainedOn.length).toBeGreaterThanOrEqual(8);
    expect(SCORER.operatingPoint).toBeGreaterThan(0);
    expect(SCORER.operatingPoint).toBeLessThan(1);
  });

  it('refuses weights fitted for another feature version', () => {
    expect(() => compileScorer({ ...SCORER, version: FEATURE_VERSION + 1 })).toThrow(/npm run train/);
  });
});

describe('the fit', () => {
  // Seeded, so the test is the same every run.
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

  it('GIVEN groups whose positive has the largest feature 1 THEN the listwise ranker puts it first on new groups', () => {
    const group = () => {
      const x = Array.from({ length: 8 }, () => [rand(), rand(), rand()]);
      const best = x.reduce((b, r, i) => (r[1]! > x[b]![1]! ? i : b), 0);
      return { x, positive: x.map((_, i) => i === best) };
    };
    const model = fitListwise(Array.from({ length: 200 }, group), ['a', 'b', 'c']);
    expect(model.weights.b).toBeGreaterThan(Math.abs(model.weights.a!) + Math.abs(model.weights.c!));
    const w = weightVector(model, [{ name: 'a', doc: '' }, { name: 'b', doc: '' }, { name: 'c', doc: '' }]);
    const held = Array.from({ length: 100 }, group);
    const right = held.filter((g) => {
      const scores = g.x.map((r) => dot(w, r));
      return g.positive[scores.indexOf(Math.max(...scores))];
    }).length;
    expect(right).toBeGreaterThanOrEqual(95);
  });

  it('GIVEN labels drawn from a known logistic model THEN the fitted probabilities are calibrated', () => {
    const x = Array.from({ length: 2000 }, () => [rand() * 4 - 2]);
    const y = x.map((r) => (rand() < sigmoid(2 * r[0]! - 0.5) ? 1 : 0));
    const m = fitLogistic(x, y, ['x'], { steps: 2000 });
    expect(m.weights.x).toBeGreaterThan(1.6);
    expect(m.weights.x).toBeLessThan(2.4);
    expect(m.bias).toBeGreaterThan(-0.9);
    expect(m.bias).toBeLessThan(-0.1);
  });
});

describe('the sentence-embedding cache', () => {
  const calls: number[] = [];
  const fake: SentenceEncoder = {
    name: 'fake',
    async embed(texts) {
      calls.push(texts.length);
      return texts.map((t) => Float32Array.from([t.length, 1, 0]).map((v, _i, a) => v / Math.hypot(...a)));
    },
  };

  it('GIVEN the same texts THEN embeds once and reads the cache after; GIVEN other texts THEN embeds them anew', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emb-'));
    const first = await embedCorpus(fake, ['one', 'three'], dir);
    const again = await embedCorpus(fake, ['one', 'three'], dir);
    expect(again).toEqual(first);
    expect(calls).toEqual([2]);
    await embedCorpus(fake, ['a swapped-in article'], dir);
    expect(calls).toEqual([2, 1]);
    expect(readdirSync(dir)).toHaveLength(2);
  });
});
