import { describe, expect, it } from 'vitest';
import { concreteNounsOf, loadConcreteNouns } from '../../src/text/concrete-nouns.ts';

describe('concrete nouns', () => {
  it('are built at install from WordNet (npm ci runs scripts/build-noun-kinds.mjs)', () => {
    const nouns = loadConcreteNouns();
    expect(nouns, 'run: node scripts/build-noun-kinds.mjs').toBeDefined();
    for (const w of ['city', 'hotel', 'gifts', 'company', 'journalists', 'governor']) expect(nouns!.has(w), w).toBe(true);
    // Abstract kinds, and words mostly used as adjectives or verbs.
    for (const w of ['condition', 'steps', 'image', 'signal', 'small', 'green', 'stop']) expect(nouns!.has(w), w).toBe(false);
  });

  it('read regular plurals as their singular, and tell their kind', () => {
    const nouns = concreteNounsOf([['hotel', 'artifact'], ['city', 'location'], 'bus']);
    expect(['hotels', 'cities', 'buses', 'bus'].map((w) => nouns.has(w))).toEqual([true, true, true, true]);
    expect(nouns.kind('cities')).toBe('location');
    expect(nouns.has('hotelier')).toBe(false);
    expect(loadConcreteNouns()?.kind('city')).toBe('location');
  });

  it('are absent, not an error, when the list is missing', () => {
    expect(loadConcreteNouns('/nonexistent/concrete-nouns.txt')).toBeUndefined();
  });
});
