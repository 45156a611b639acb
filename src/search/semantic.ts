/**
 * Meaning-based signals from word vectors: soft term matching (a question word stands for its
 * nearest article words) and SIF sentence embeddings (Arora et al. 2017: frequency-weighted
 * average of word vectors, common component removed).
 */
import { isContent, stem, tokenize } from '../text/terms.ts';
import { cosine, type WordVectors } from './word-vectors.ts';

/** Soft matching: how close an article word must be to stand in for a question word. */
export const NEIGHBOUR_MIN_COSINE = 0.5;
/** How many article words may stand in for one question word. */
export const NEIGHBOURS_PER_TERM = 2;

export interface Neighbour {
  word: string;
  term: string;
  cosine: number;
}

/** Words of a text that carry content, lowercased (vectors are lowercase). */
export function contentWords(text: string): string[] {
  return tokenize(text).filter(isContent).map((t) => t.word);
}

/**
 * Inflected forms of a word that share its stem and have a vector ("splits" -> "split",
 * "divided" -> "divide"): vectors of inflections differ more than their meanings do.
 */
export function variants(word: string, has: (w: string) => boolean): string[] {
  const own = stem(word);
  const out = new Set([word]);
  const bases = [
    word.replace(/ies$/, 'y'), word.replace(/es$/, ''), word.replace(/s$/, ''), word.replace(/ed$/, ''), word.replace(/d$/, ''),
    word.replace(/ing$/, ''), word.replace(/ing$/, 'e'), word.replace(/ly$/, ''), word.replace(/ally$/, ''), word.replace(/ied$/, 'y'),
  ];
  for (const b of bases) if (b !== word && b.length > 2 && has(b) && stem(b) === own) out.add(b);
  return [...out];
}

/** The lowest cosine any caller asks about; similarities are computed once at this floor and cached. */
export const SIMILARITY_FLOOR = 0.35;

export class SemanticSpace {
  /** Article word forms' vectors, one row each, in one flat array for a tight loop. */
  private readonly matrix: Float32Array;
  private readonly rowWord: string[] = [];
  private readonly cache = new Map<string, Map<string, number>>();
  private common?: Float32Array;

  constructor(readonly vectors: WordVectors, articleWords: Iterable<string>) {
    const rows: Float32Array[] = [];
    for (const word of new Set(articleWords)) {
      for (const form of variants(word, (w) => vectors.has(w))) {
        const vector = vectors.vector(form);
        if (vector) {
          rows.push(vector);
          this.rowWord.push(word);
        }
      }
    }
    this.matrix = new Float32Array(rows.length * vectors.dims);
    rows.forEach((r, i) => this.matrix.set(r, i * vectors.dims));
  }

  /** Article words nearest to `word` (other stems than its own), closest first, one per stem. */
  neighbours(word: string, limit = NEIGHBOURS_PER_TERM, minCosine = NEIGHBOUR_MIN_COSINE): Neighbour[] {
    const own = stem(word);
    const best = new Map<string, Neighbour>();
    for (const [w, c] of this.similarities(word)) {
      if (c < minCosine) continue;
      const term = stem(w);
      if (term === own) continue;
      const prev = best.get(term);
      if (!prev || prev.cosine < c) best.set(term, { word: w, term, cosine: c });
    }
    return [...best.values()].sort((a, b) => b.cosine - a.cosine).slice(0, limit);
  }

  /** Cosine of two words, best over their inflected forms; undefined when either has no vector. */
  wordCosine(a: string, b: string): number | undefined {
    const has = (w: string) => this.vectors.has(w);
    const as = variants(a, has).map((f) => this.vectors.vector(f)).filter((v): v is Float32Array => !!v);
    const bs = variants(b, has).map((f) => this.vectors.vector(f)).filter((v): v is Float32Array => !!v);
    if (!as.length || !bs.length) return undefined;
    let best = -1;
    for (const x of as) for (const y of bs) best = Math.max(best, cosine(x, y));
    return best;
  }

  /**
   * Similarity of a word to every article word it resembles (cosine >= SIMILARITY_FLOOR, best over
   * inflected forms on both sides), keyed by article word. Cached: questions repeat their words.
   */
  similarities(word: string): ReadonlyMap<string, number> {
    const hit = this.cache.get(word);
    if (hit) return hit;
    const out = new Map<string, number>();
    const forms = variants(word, (w) => this.vectors.has(w)).map((f) => this.vectors.vector(f)).filter((v): v is Float32Array => !!v);
    const d = this.vectors.dims;
    const m = this.matrix;
    for (let row = 0; row < this.rowWord.length; row++) {
      let c = -1;
      for (const v of forms) {
        let dot = 0;
        for (let i = 0, o = row * d; i < d; i++, o++) dot += v[i]! * m[o]!;
        if (dot > c) c = dot;
      }
      const w = this.rowWord[row]!;
      if (c >= SIMILARITY_FLOOR && c > (out.get(w) ?? -1)) out.set(w, c);
    }
    if (this.cache.size > 5_000) this.cache.clear();
    this.cache.set(word, out);
    return out;
  }

  /** Unnormalised SIF average of the words' vectors; undefined when no word has a vector. */
  private rawEmbedding(words: readonly string[]): Float32Array | undefined {
    const acc = new Float32Array(this.vectors.dims);
    let any = false;
    for (const w of words) {
      const v = this.vectors.vector(w);
      if (!v) continue;
      const weight = this.vectors.weight(w);
      for (let i = 0; i < acc.length; i++) acc[i] = acc[i]! + weight * v[i]!;
      any = true;
    }
    return any ? acc : undefined;
  }

  /**
   * Sets the common direction removed from every embedding: the first principal component of the
   * corpus's own sentence embeddings (what all its sentences share says nothing about any one).
   */
  fitCommonComponent(texts: readonly string[]): void {
    const rows = texts.map((t) => this.rawEmbedding(contentWords(t))).filter((r): r is Float32Array => !!r);
    if (rows.length < 3) return;
    const d = this.vectors.dims;
    let v = new Float32Array(d).fill(1 / Math.sqrt(d));
    for (let it = 0; it < 50; it++) {
      const next = new Float32Array(d);
      for (const r of rows) {
        const p = cosine(r, v);
        for (let i = 0; i < d; i++) next[i] = next[i]! + p * r[i]!;
      }
      const n = Math.hypot(...next) || 1;
      v = next.map((x) => x / n);
    }
    this.common = v;
  }

  /** SIF embedding of a text, unit length, common component removed. */
  embed(text: string): Float32Array | undefined {
    const raw = this.rawEmbedding(contentWords(text));
    if (!raw) return undefined;
    if (this.common) {
      const p = cosine(raw, this.common);
      for (let i = 0; i < raw.length; i++) raw[i] = raw[i]! - p * this.common[i]!;
    }
    const n = Math.hypot(...raw) || 1;
    for (let i = 0; i < raw.length; i++) raw[i] = raw[i]! / n;
    return raw;
  }
}

export function similarity(a: Float32Array | undefined, b: Float32Array | undefined): number {
  return a && b ? cosine(a, b) : 0;
}
