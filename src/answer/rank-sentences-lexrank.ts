/**
 * The sentence graph behind summaries: the article cut into candidate points (a sentence, or a
 * very short lead-in joined to the sentence it introduces), their pairwise similarity, and
 * LexRank centrality (Erkan & Radev 2004, continuous variant) over that graph.
 *
 * Similarity blends the cosine of SIF embeddings (meaning) with the tf-idf cosine of content
 * terms (wording), so the graph still works when word vectors are missing.
 */
import type { Passage, Sentence } from '../types.ts';
import { similarity, type SemanticSpace } from '../search/semantic.ts';
import { contentTerms } from '../text/terms.ts';

/**
 * A paragraph's first sentence this short (characters) is a lead-in ("Here is the basic logjam.",
 * "For Ukraine, the scenario is more worrying."): it says little alone, so it joins the next.
 */
export const LEAD_IN_MAX_CHARS = 60;
/** Share of a pair's similarity that comes from embeddings when they exist; the rest from terms. */
export const EMBEDDING_SHARE = 0.5;
/** LexRank damping: the chance a random reader follows a similarity link rather than jumping anywhere. */
export const LEXRANK_DAMPING = 0.85;

/** A candidate summary point: one sentence, or a short lead-in with the sentence after it. */
export interface SentenceUnit {
  /** Position in the article, from 0 (article order). */
  index: number;
  passage: Passage;
  sentences: Sentence[];
  /** The sentences joined by a space, verbatim. */
  text: string;
  /** Content terms weighted by tf-idf, unit length. */
  terms: Map<string, number>;
  embedding?: Float32Array;
}

/** Everything a summary needs about a set of sentences, computed once. */
export interface SentenceGraph {
  units: SentenceUnit[];
  /** similarity[i][j] in [0, 1]; 0 on the diagonal. */
  similarity: number[][];
}

/** A unit-length tf-idf vector of a text's content terms. */
export function termVector(text: string, idf: (term: string) => number): Map<string, number> {
  const v = new Map<string, number>();
  for (const t of contentTerms(text)) v.set(t, (v.get(t) ?? 0) + idf(t));
  const n = Math.hypot(...v.values()) || 1;
  for (const [t, w] of v) v.set(t, w / n);
  return v;
}

export function termCosine(a: Map<string, number>, b: Map<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [t, w] of small) s += w * (large.get(t) ?? 0);
  return s;
}

/** Similarity of two texts' signals, in [0, 1]. */
export function blendedSimilarity(
  a: { terms: Map<string, number>; embedding?: Float32Array },
  b: { terms: Map<string, number>; embedding?: Float32Array },
): number {
  const lexical = termCosine(a.terms, b.terms);
  if (!a.embedding || !b.embedding) return lexical;
  return EMBEDDING_SHARE * Math.max(0, similarity(a.embedding, b.embedding)) + (1 - EMBEDDING_SHARE) * lexical;
}

/** Cuts passages into candidate points, in article order. */
export function sentenceUnits(
  passages: readonly Passage[],
  idf: (term: string) => number,
  embed: (text: string, sentences: Sentence[]) => Float32Array | undefined,
): SentenceUnit[] {
  const units: SentenceUnit[] = [];
  for (const passage of passages) {
    const ss = passage.sentences;
    for (let i = 0; i < ss.length; i++) {
      const leadIn = i === 0 && ss.length > 1 && ss[0]!.text.length <= LEAD_IN_MAX_CHARS;
      const group = leadIn ? [ss[i]!, ss[++i]!] : [ss[i]!];
      const text = group.map((s) => s.text).join(' ');
      units.push({ index: units.length, passage, sentences: group, text, terms: termVector(text, idf), embedding: embed(text, group) });
    }
  }
  return units;
}

/** An embedding function for `sentenceUnits`: the precomputed one for a single sentence. */
export function unitEmbedder(semantic: SemanticSpace | undefined, sentenceEmbeddings: Map<string, Float32Array | undefined>) {
  return (text: string, sentences: Sentence[]): Float32Array | undefined =>
    sentences.length === 1 && sentenceEmbeddings.has(sentences[0]!.id) ? sentenceEmbeddings.get(sentences[0]!.id) : semantic?.embed(text);
}

export function buildSentenceGraph(units: SentenceUnit[]): SentenceGraph {
  const n = units.length;
  const sim = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) sim[i]![j] = sim[j]![i] = blendedSimilarity(units[i]!, units[j]!);
  }
  return { units, similarity: sim };
}

/**
 * Continuous LexRank: the stationary distribution of a random walk that follows similarity links
 * (rows normalised) with probability `damping`, else jumps to any sentence. Scaled so the most
 * central sentence scores 1. Deterministic: power iteration from uniform until it settles.
 */
export function lexRank(sim: number[][], damping = LEXRANK_DAMPING, iterations = 100): number[] {
  const n = sim.length;
  if (n === 0) return [];
  const rowSum = sim.map((row) => row.reduce((s, x) => s + x, 0));
  let p = new Array<number>(n).fill(1 / n);
  for (let it = 0; it < iterations; it++) {
    const next = new Array<number>(n).fill((1 - damping) / n);
    for (let i = 0; i < n; i++) {
      // A sentence like no other spreads its share evenly, as if linked to every sentence.
      if (rowSum[i]! === 0) {
        for (let j = 0; j < n; j++) next[j] = next[j]! + (damping * p[i]!) / n;
        continue;
      }
      const share = (damping * p[i]!) / rowSum[i]!;
      const row = sim[i]!;
      for (let j = 0; j < n; j++) next[j] = next[j]! + share * row[j]!;
    }
    const change = next.reduce((d, x, k) => d + Math.abs(x - p[k]!), 0);
    p = next;
    if (change < 1e-10) break;
  }
  const max = Math.max(...p);
  return p.map((x) => x / max);
}
