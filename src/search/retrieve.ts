/**
 * Hybrid retrieval: term-wise BM25 (minisearch) with soft term matching, fused with a SIF dense
 * score. Returns passages ranked, plus the signals the abstention decision needs.
 */
import type MiniSearch from 'minisearch';
import type { Passage } from '../types.ts';
import { isContent, termOf, tokenize, type Token } from '../text/terms.ts';
import { NEIGHBOUR_SEARCH, searchTerm, TYPED_TERM_SEARCH } from './search-index.ts';
import { SemanticSpace, similarity } from './semantic.ts';

/** Weight of a stand-in word's hits relative to the question word's own (times its cosine). */
export const NEIGHBOUR_WEIGHT = 0.5;
/** Share of the fused score that comes from the dense (meaning) score. */
export const DENSE_WEIGHT = 0.4;

/** One content term of a question and how the article matched it. */
export interface QueryTerm {
  token: Token;
  term: string;
  /** SIF weight of the word: how much it says (rare words say more). */
  weight: number;
  /** 1 exact, 0.6 typo/prefix, a cosine for a stand-in word, 0 unmatched. */
  strength: number;
  /** Article terms that matched it, with their weight (1 for itself). */
  matched: Map<string, number>;
  /** Per-passage score of this term. */
  scores: Map<string, number>;
}

export interface RankedPassage {
  passage: Passage;
  /** Fused score in [0, 1]-ish: the ranking key. */
  score: number;
  lexical: number;
  dense: number;
}

export interface Retrieval {
  terms: QueryTerm[];
  ranked: RankedPassage[];
  /** Share of the question's information (SIF-weighted) that the article matches, 0..1. */
  coverage: number;
  queryEmbedding?: Float32Array;
}

export interface Retriever {
  retrieve(question: string): Retrieval;
  /** Content terms of a question, deduplicated, with the article's matches. */
  analyse(tokens: Token[]): QueryTerm[];
}

export function createRetriever(
  ms: MiniSearch<{ id: string; text: string; heading: string }>,
  passages: readonly Passage[],
  semantic: SemanticSpace | undefined,
  passageEmbeddings: Map<string, Float32Array | undefined>,
): Retriever {
  const byId = new Map(passages.map((p) => [p.id, p]));

  function analyse(tokens: Token[]): QueryTerm[] {
    const seen = new Set<string>();
    const out: QueryTerm[] = [];
    for (const token of tokens) {
      if (!isContent(token)) continue;
      const term = termOf(token);
      if (seen.has(term)) continue;
      seen.add(term);
      const direct = searchTerm(ms, term, token.acronym ? NEIGHBOUR_SEARCH : TYPED_TERM_SEARCH);
      const scores = new Map(direct.scores);
      const matched = new Map<string, number>();
      if (direct.strength > 0) matched.set(term, direct.strength);
      let strength = direct.strength;
      if (semantic && direct.strength < 1) {
        for (const n of semantic.neighbours(token.word)) {
          const hits = searchTerm(ms, n.term, NEIGHBOUR_SEARCH);
          if (hits.scores.size === 0) continue;
          const w = NEIGHBOUR_WEIGHT * n.cosine;
          matched.set(n.term, Math.max(matched.get(n.term) ?? 0, n.cosine));
          strength = Math.max(strength, n.cosine);
          for (const [id, s] of hits.scores) scores.set(id, Math.max(scores.get(id) ?? 0, w * s));
        }
      }
      // Typo matches also count in the sentence ranking: record the article terms they hit.
      if (direct.strength > 0 && direct.strength < 1) {
        for (const r of ms.search(term, TYPED_TERM_SEARCH)) for (const t of r.terms) if (!matched.has(t)) matched.set(t, 0.6);
      }
      const weight = semantic?.vectors.weight(token.word) ?? 1;
      out.push({ token, term, weight, strength, matched, scores });
    }
    return out;
  }

  function retrieve(question: string): Retrieval {
    const terms = analyse(tokenize(question));
    const lexical = new Map<string, number>();
    for (const t of terms) for (const [id, s] of t.scores) lexical.set(id, (lexical.get(id) ?? 0) + s);
    const maxLex = Math.max(0, ...lexical.values());
    const queryEmbedding = semantic?.embed(question);
    const ranked: RankedPassage[] = [];
    for (const p of passages) {
      const lex = lexical.get(p.id) ?? 0;
      const dense = Math.max(0, similarity(queryEmbedding, passageEmbeddings.get(p.id)));
      const lexNorm = maxLex > 0 ? lex / maxLex : 0;
      const score = semantic ? (1 - DENSE_WEIGHT) * lexNorm + DENSE_WEIGHT * dense : lexNorm;
      if (lex > 0 || dense > 0) ranked.push({ passage: byId.get(p.id)!, score, lexical: lex, dense });
    }
    ranked.sort((a, b) => b.score - a.score || a.passage.order - b.passage.order);
    const total = terms.reduce((s, t) => s + t.weight, 0);
    const coverage = total > 0 ? terms.reduce((s, t) => s + t.weight * t.strength, 0) / total : 0;
    return { terms, ranked, coverage, queryEmbedding };
  }

  return { retrieve, analyse };
}
