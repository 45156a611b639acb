/**
 * Word vectors for meaning-based matching: the cache built at install by
 * `scripts/build-vectors.mjs` (cleaned, unit-length, int8). Loading it takes a few milliseconds;
 * vectors are decoded to floats only for the words actually looked up.
 *
 * The file's words are in corpus-frequency order, which also gives each word's probability for
 * SIF weighting (rarer words say more about what a sentence is about).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where the install step writes the cache. */
/** The cache's format, as `scripts/build-vectors.mjs` writes it (its FORMAT). */
export const VECTORS_FORMAT = 1;
export const DEFAULT_VECTORS_PATH = fileURLToPath(new URL('../../.cache/word-vectors.bin', import.meta.url));

/** SIF smoothing constant (Arora et al. 2017): weight = a / (a + p(w)). */
const SIF_A = 3e-4;

export interface WordVectors {
  readonly dims: number;
  /** Unit vector of a lowercased word, or undefined when the word is unknown. */
  vector(word: string): Float32Array | undefined;
  /** SIF weight a/(a+p(w)) in (0, 1]: close to 1 for rare or unknown words, small for frequent ones. */
  weight(word: string, a?: number): number;
  has(word: string): boolean;
  /** Frequency rank of a word (0 = most frequent), or undefined when unknown. */
  rank(word: string): number | undefined;
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

class CachedWordVectors implements WordVectors {
  private readonly decoded = new Map<string, Float32Array>();
  private readonly harmonic: number;
  constructor(
    readonly dims: number,
    private readonly scale: number,
    private readonly index: Map<string, number>,
    private readonly data: Int8Array,
    sourceSize: number,
  ) {
    this.harmonic = Math.log(sourceSize) + 0.5772;
  }
  rank(word: string): number | undefined {
    return this.index.get(word);
  }
  has(word: string): boolean {
    return this.index.has(word);
  }
  vector(word: string): Float32Array | undefined {
    const hit = this.decoded.get(word);
    if (hit) return hit;
    const i = this.index.get(word);
    if (i === undefined) return undefined;
    const v = new Float32Array(this.dims);
    let n = 0;
    for (let d = 0; d < this.dims; d++) {
      const x = this.data[i * this.dims + d]! / this.scale;
      v[d] = x;
      n += x * x;
    }
    n = Math.sqrt(n) || 1;
    for (let d = 0; d < this.dims; d++) v[d] = v[d]! / n;
    if (this.decoded.size < 20_000) this.decoded.set(word, v);
    return v;
  }
  weight(word: string, a = SIF_A): number {
    const rank = this.index.get(word) ?? this.index.size * 3;
    // Zipf's law: p(rank) ~ 1 / (rank * H)
    const p = 1 / ((rank + 10) * this.harmonic);
    return a / (a + p);
  }
}

/**
 * Loads the vector cache, or returns undefined when it is missing or unreadable (the core then
 * answers on keywords alone; the console and logs say so).
 */
export function loadWordVectors(path = DEFAULT_VECTORS_PATH): WordVectors | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const buf = readFileSync(path);
    const headerLength = buf.readUInt32LE(0);
    const header = JSON.parse(buf.subarray(4, 4 + headerLength).toString('utf8')) as {
      format: number; dims: number; scale: number; count: number; sourceSize: number; words: string[];
    };
    if (header.format !== VECTORS_FORMAT) return undefined;
    const start = 4 + headerLength;
    const data = new Int8Array(buf.buffer, buf.byteOffset + start, header.count * header.dims);
    const index = new Map<string, number>();
    header.words.forEach((w, i) => index.set(w, i));
    return new CachedWordVectors(header.dims, header.scale, index, data, header.sourceSize);
  } catch {
    return undefined;
  }
}
