/**
 * Concrete nouns ("city", "hotel", "gift", "company"): the list built at install from WordNet by
 * `scripts/build-noun-kinds.mjs`. A question asking which one of a concrete kind ("Which hotel did
 * they stay in?") needs an article that names something of that kind; an abstract kind ("What
 * conditions did Putin set?") may be put in other words. Without the list that check is skipped.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const DEFAULT_CONCRETE_NOUNS_PATH = fileURLToPath(new URL('../../.cache/concrete-nouns.txt', import.meta.url));

/** WordNet's lexicographer file of a noun's most frequent sense: location, person, artifact... */
export type NounKind = string;

export interface ConcreteNouns {
  /** Whether a word (lowercase, singular or a regular plural) is a concrete noun. */
  has(word: string): boolean;
  /** The kind of a concrete noun ("countries" -> location), or undefined for any other word. */
  kind(word: string): NounKind | undefined;
}

class NounList implements ConcreteNouns {
  constructor(private readonly nouns: ReadonlyMap<string, NounKind>) {}
  has(word: string): boolean {
    return this.kind(word) !== undefined;
  }
  kind(word: string): NounKind | undefined {
    const own = this.nouns.get(word);
    if (own) return own;
    for (const singular of [word.replace(/ies$/, 'y'), word.replace(/es$/, ''), word.replace(/s$/, '')]) {
      if (singular !== word && this.nouns.has(singular)) return this.nouns.get(singular);
    }
    return undefined;
  }
}

/** A list from words (of an unnamed kind) or [word, kind] pairs. */
export function concreteNounsOf(entries: Iterable<string | readonly [string, NounKind]>): ConcreteNouns {
  return new NounList(new Map([...entries].map((e) => (typeof e === 'string' ? [e, 'thing'] : [e[0], e[1]]))));
}

/** Loads the list, or undefined when it is missing or unreadable. */
export function loadConcreteNouns(path = DEFAULT_CONCRETE_NOUNS_PATH): ConcreteNouns | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return concreteNounsOf(readFileSync(path, 'utf8').split('\n').filter(Boolean).map((line) => {
      const [word, kind] = line.split('\t');
      return [word!, kind ?? 'thing'] as const;
    }));
  } catch {
    return undefined;
  }
}
