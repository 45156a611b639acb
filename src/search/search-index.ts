/**
 * The minisearch index over passages (paragraphs) and the term-wise retrieval built on it.
 *
 * Retrieval scores each content term of a question on its own and sums the per-term scores.
 * minisearch multiplies a result's score by the number of query terms it matched, which rewards
 * long paragraphs once a question carries synonyms; searching term by term keeps one term one
 * vote, and lets a term be matched by the best of its own form and its nearest article words
 * (word vectors), never by their sum.
 */
import MiniSearch, { type Options, type SearchOptions } from 'minisearch';
import type { Passage } from '../types.ts';
import { contentTerms } from '../text/terms.ts';

interface IndexedPassage {
  id: string;
  text: string;
  heading: string;
}

/** Text is already reduced to stemmed content terms by `contentTerms`, so processTerm is identity. */
const tokenizeTerms = (text: string): string[] => contentTerms(text);

/**
 * The one options object used both to build and to load an index (minisearch's `loadJSON`
 * silently changes results when given different options).
 */
export const INDEX_OPTIONS: Options<IndexedPassage> = {
  idField: 'id',
  fields: ['text', 'heading'],
  storeFields: [],
  tokenize: tokenizeTerms,
  processTerm: (term) => term,
  searchOptions: {
    // A heading names what the paragraphs under it are about, but says it once for several
    // paragraphs: a modest boost.
    boost: { text: 1, heading: 1.5 },
    // BM25+: k = 1.2 (term frequency saturates early; a paragraph repeating a word is not much
    // more relevant), b = 0.5 (paragraphs differ in length only by a factor ~2, so length
    // normalisation should be mild), d = 0.5 (minisearch's default lower bound).
    bm25: { k: 1.2, b: 0.5, d: 0.5 },
    tokenize: tokenizeTerms,
    processTerm: (term) => term,
  },
};

/** Fuzzy and prefix matching for a typed term: typos in longer words, partial last words. */
export const TYPED_TERM_SEARCH: SearchOptions = {
  // Only words no dictionary knows are read as typos, so the reading can be generous: two edits
  // from six letters on ("ukriane" is two edits from "ukraine"), one below.
  fuzzy: (term) => (term.length >= 6 ? 2 : term.length >= 4 ? 1 : false),
  prefix: (term) => term.length >= 4,
  weights: { fuzzy: 0.6, prefix: 0.5 },
};

/** An article word standing in for a question word: exact only. */
export const NEIGHBOUR_SEARCH: SearchOptions = { fuzzy: false, prefix: false };

export function buildIndex(passages: readonly Passage[]): MiniSearch<IndexedPassage> {
  const ms = new MiniSearch<IndexedPassage>(INDEX_OPTIONS);
  ms.addAll(passages.map((p) => ({ id: p.id, text: p.text, heading: p.heading })));
  return ms;
}

export function loadIndex(json: string): MiniSearch<IndexedPassage> {
  return MiniSearch.loadJSON<IndexedPassage>(json, INDEX_OPTIONS);
}

/** One term's hits: passage id -> score, and whether the term itself (not a variant) was found. */
export interface TermHits {
  scores: Map<string, number>;
  /** The best kind of match the term had anywhere: 1 exact, < 1 fuzzy/prefix, 0 none. */
  strength: number;
  /** The index terms it matched (itself, or typo and prefix readings of it). */
  matched: Set<string>;
}

/** Searches one already-stemmed term. */
export function searchTerm(ms: MiniSearch<IndexedPassage>, term: string, options: SearchOptions): TermHits {
  const scores = new Map<string, number>();
  const matched = new Set<string>();
  let strength = 0;
  for (const r of ms.search(term, options)) {
    scores.set(String(r.id), r.score);
    strength = Math.max(strength, r.terms.includes(term) ? 1 : 0.6);
    for (const t of r.terms) matched.add(t);
  }
  return { scores, strength, matched };
}
