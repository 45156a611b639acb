import { describe, expect, it } from 'vitest';
import { BOOST_DEFAULTS, fitBoosted, mulberry32, predictBoosted, type BoostedModel } from '../../src/rank/boost.ts';
import { fitListwise, type RankGroup } from '../../src/rank/fit.ts';

/** A seeded PRNG, so the synthetic data are the same every run. */
const prng = mulberry32;

const NAMES = ['f0', 'type', 'f2', 'noise3', 'noise4'];

/**
 * Interaction data: feature 1 is a per-question "type" (the same for every candidate). When it
 * is above 0.5 the positive candidate is the one with the largest feature 0, otherwise the one
 * with the largest feature 2. No single weighting of features 0 and 2 ranks both kinds well.
 *
 * The winner's deciding value is lifted by 0.05 so that it is never a near-tie: with 32 quantile
 * thresholds per feature (bins of about 0.03 here) no tree can tell apart two values in one bin,
 * and without the lift that alone costs some 10% of groups, whatever the model has learnt.
 */
function interactionGroups(count: number, seed: number, candidates = 8): RankGroup[] {
  const rand = prng(seed);
  return Array.from({ length: count }, () => {
    const type = rand();
    const x = Array.from({ length: candidates }, () => [rand(), type, rand(), rand(), rand()]);
    const key = type > 0.5 ? 0 : 2;
    let best = 0;
    x.forEach((r, i) => {
      if (r[key]! > x[best]![key]!) best = i;
    });
    x[best]![key]! += 0.05;
    return { x, positive: x.map((_, i) => i === best) };
  });
}

/** Share of groups whose top-scored candidate is a positive one. */
function top1(groups: readonly RankGroup[], score: (x: readonly number[]) => number): number {
  let hits = 0;
  for (const g of groups) {
    const s = g.x.map(score);
    const top = s.indexOf(Math.max(...s));
    if (g.positive[top]) hits++;
  }
  return hits / groups.length;
}

describe('fitBoosted', () => {
  const train = interactionGroups(400, 1);
  const heldOut = interactionGroups(300, 2);
  const model = fitBoosted(train, NAMES);

  it('learns an interaction a linear ranker cannot represent', () => {
    const boosted = top1(heldOut, (x) => predictBoosted(model, x));
    const linear = fitListwise(train, NAMES);
    const linearTop1 = top1(heldOut, (x) => x.reduce((a, v, j) => a + v * (linear.weights[NAMES[j]!] ?? 0), linear.bias));
    expect(boosted).toBeGreaterThanOrEqual(0.9);
    expect(linearTop1).toBeLessThan(0.8);
    expect(model.trees.length).toBeGreaterThan(0);
    expect(model.trees.length).toBeLessThanOrEqual(BOOST_DEFAULTS.rounds);
  });

  it('is deterministic, with and without subsampling', () => {
    expect(JSON.stringify(fitBoosted(train, NAMES))).toBe(JSON.stringify(model));
    const options = { subsample: 0.5, rounds: 30 };
    const a = JSON.stringify(fitBoosted(train, NAMES, options));
    expect(JSON.stringify(fitBoosted(train, NAMES, options))).toBe(a);
    expect(a).not.toBe(JSON.stringify(fitBoosted(train, NAMES, { rounds: 30 })));
  });

  it('survives a JSON round trip and predicts the same', () => {
    const copy = JSON.parse(JSON.stringify(model)) as BoostedModel;
    expect(copy).toEqual(model);
    for (const g of heldOut.slice(0, 50)) for (const x of g.x) expect(predictBoosted(copy, x)).toBe(predictBoosted(model, x));
  });

  it('stores compact numbers: leaf values and thresholds to 5 significant digits', () => {
    const numbers: number[] = [];
    const walk = (t: BoostedModel['trees'][number]): void => {
      if (t.v !== undefined) numbers.push(t.v);
      if (t.t !== undefined) numbers.push(t.t);
      if (t.l) walk(t.l);
      if (t.r) walk(t.r);
    };
    model.trees.forEach(walk);
    expect(numbers.length).toBeGreaterThan(0);
    for (const v of numbers) expect(Number(v.toPrecision(5))).toBe(v);
  });

  it('gives a group of weight 0 no influence, and weights some influence', () => {
    const small = train.slice(0, 100);
    const base = JSON.stringify(fitBoosted(small, NAMES, { rounds: 40 }));
    // A group that contradicts the rule, with extreme values that would also move the thresholds.
    const rogue: RankGroup = { x: [[50, 0.9, -50, 7, 7], [-50, 0.9, 50, -7, -7]], positive: [false, true], weight: 0 };
    expect(JSON.stringify(fitBoosted([...small, rogue], NAMES, { rounds: 40 }))).toBe(base);
    expect(JSON.stringify(fitBoosted([rogue, ...small], NAMES, { rounds: 40 }))).toBe(base);
    // Not weights ignored: the same group at weight 1 changes the fit, and so does reweighting.
    expect(JSON.stringify(fitBoosted([...small, { ...rogue, weight: 1 }], NAMES, { rounds: 40 }))).not.toBe(base);
    const reweighted = small.map((g, i) => ({ ...g, weight: i < 50 ? 3 : 1 }));
    expect(JSON.stringify(fitBoosted(reweighted, NAMES, { rounds: 40 }))).not.toBe(base);
    // Only relative weights count: scaling them all changes nothing.
    const scaled = small.map((g) => ({ ...g, weight: 0.25 }));
    expect(JSON.stringify(fitBoosted(scaled, NAMES, { rounds: 40 }))).toBe(base);
  });

  it('handles edge cases: no usable groups, constant features, bad rows and options', () => {
    expect(fitBoosted([], NAMES).trees).toEqual([]);
    expect(fitBoosted([{ x: [[1, 2, 3, 4, 5]], positive: [true] }], NAMES).trees).toEqual([]);
    const constant = fitBoosted([{ x: [[1, 1, 1, 1, 1], [1, 1, 1, 1, 1]], positive: [true, false] }], NAMES);
    expect(constant.trees).toEqual([]);
    expect(() => fitBoosted([{ x: [[1, 2], [3, 4]], positive: [true, false] }], NAMES)).toThrow(RangeError);
    expect(() => fitBoosted(train, NAMES, { subsample: 0 })).toThrow(RangeError);
    expect(() => fitBoosted(train, NAMES, { rounds: -1 })).toThrow(RangeError);
  });
});
