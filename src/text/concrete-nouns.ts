/**
 * Concrete nouns ("city", "hotel", "gift", "company"): the list built at install from WordNet by
 * `scripts/build-noun-kinds.mjs`. A question asking which one of a concrete kind ("Which hotel did
 * they stay in?") needs an article that names something of that kind; an abstract kind ("What
 * conditions did Putin set?") may be put in other words. Without the list that check is skipped.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const DEFAULT_CONCRETE_NOUNS_PATH = fileURLToPath(new URL('../../.cache/concrete-nouns.txt', import.meta.url));

export interface ConcreteNouns {
  /** Whether a word (lowercase, singular or a regular plural) is a concrete noun. */
  has(word: string): boolean;
}

class NounList implements ConcreteNouns {
  constructor(private readonly nouns: ReadonlySet<string>) {}
  has(word: string): boolean {
    if (this.nouns.has(word)) return true;
    const singular = [word.replace(/ies$/, 'y'), word.replace(/es$/, ''), word.replace(/s$/, '')];
    return singular.some((w) => w !== word && this.nouns.has(w));
  }
}

export function concreteNounsOf(words: Iterable<string>): ConcreteNouns {
  return new NounList(new Set(words));
}

/** Loads the list, or undefined when it is missing or unreadable. */
export function loadConcreteNouns(path = DEFAULT_CONCRETE_NOUNS_PATH): ConcreteNouns | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return concreteNounsOf(readFileSync(path, 'utf8').split('\n').filter(Boolean));
  } catch {
    return undefined;
  }
}
