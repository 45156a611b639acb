/**
 * Hybrid retrieval over passages. Three signals, fused:
 * - lexical: term-wise BM25 from minisearch, each question term scored on its own (one term, one
 *   vote: minisearch multiplies by the number of matched terms, which rewards long paragraphs once
 *   a question carries near-synonyms), a term counting as the best of its own form and its nearest
 *   article words, never their sum;
 * - alignment: how much of the question a passage covers, each question word matched to its most
 *   similar word in the passage (1 for the same stem, the cosine of cleaned word vectors otherwise),
 *   weighted by how informative the word is (a soft, word-vector form of term coverage);
 * - dense: cosine of SIF sentence embeddings;
 * plus a small bonus for phrase proximity: the question's adjacent words found close together
 * ("energy deal" ~ "energy agreement").
 */
import type MiniSearch from 'minisearch';
import type { Passage } from '../types.ts';
import { isContent, termOf, tokenize, withoutQuestionFraming, type Token } from '../text/terms.ts';
import { NEIGHBOUR_SEARCH, searchTerm, TYPED_TERM_SEARCH } from './search-index.ts';
import { SemanticSpace, similarity } from './semantic.ts';

/** Weight of a stand-in word's BM25 hits relative to the question word's own (times its cosine). */
export const NEIGHBOUR_WEIGHT = 0.5;
/** Below this cosine a word is no evidence at all for alignment. */
export const ALIGN_FLOOR = 0.35;
/**
 * SIF constant for question-term weights. Larger than the embedding's (3e-4): the frequencies come
 * from news text, where names like "China" are common, and a question's topic word must still count.
 */
const TERM_WEIGHT_A = 1e-3;
/** Strength of a typo or prefix match. */
const TYPED_STRENGTH = 0.6;

/**
 * How strongly a match counts as evidence that the article speaks of the question's word:
 * the same stem fully, a typo partly, a similar word only when it is close (cosine 0.5 -> 0,
 * 0.8 and above -> 1: word vectors put "dinner" at 0.56 from "meeting", "China" at 0.73 from
 * "Beijing"). Ranking uses the raw similarities; abstention uses this.
 */
const EVIDENCE_FLOOR = 0.5;
const EVIDENCE_FULL = 0.8;
export function evidence(similarity: number): number {
  if (similarity >= 0.999) return 1;
  const vector = Math.max(0, Math.min(1, (similarity - EVIDENCE_FLOOR) / (EVIDENCE_FULL - EVIDENCE_FLOOR)));
  return similarity === TYPED_STRENGTH ? Math.max(TYPED_STRENGTH, vector) : vector;
}

/** Derivational kin share at least this many leading letters. */
const KIN_PREFIX = 5;
/**
 * Below this cosine, two words that look like derivations are taken to be unrelated: cleaned
 * vectors put unrelated words near 0, and derivations well above (excluded/exclusion 0.39,
 * bakers/bakery 0.60, company/comparable 0.12).
 */
const KIN_MIN_COSINE = 0.15;
/** Similarity given to a derivational kin of a question word: a match this close or closer is the word itself or a derivation of it. */
export const KIN_SIMILARITY = 0.85;

/**
 * Whether two stems are derivations of one word: a common prefix of at least five letters that
 * leaves at most one letter of the shorter and three of the longer (exclud/exclus, ukrain/ukrainian),
 * but not state/statement.
 */
export function kin(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  let common = 0;
  while (common < short.length && short[common] === long[common]) common++;
  return common >= KIN_PREFIX && short.length - common <= 1 && long.length - common <= 3;
}

/** How the three signals are fused into one ranking score (they sum to 1). */
export interface RankWeights {
  lexical: number;
  alignment: number;
  dense: number;
}

export const RANK_WEIGHTS: RankWeights = { lexical: 0.4, alignment: 0.35, dense: 0.25 };

/** One content term of a question and how the article matched it. */
export interface QueryTerm {
  token: Token;
  term: string;
  /** How much the word says (rare words say more), from its general frequency. */
  weight: number;
  /** Best match anywhere: 1 exact, 0.6 typo/prefix, a cosine for a similar word, 0 none. */
  strength: number;
  /** Article words that match it, with their strength. */
  align: Map<string, number>;
  /** Per-passage BM25 score of this term. */
  scores: Map<string, number>;
  /** The word is one of the article's names (Putin, NATO), written as the article writes it. */
  articleName: boolean;
}

export interface RankedPassage {
  passage: Passage;
  /** Fused score: the ranking key. */
  score: number;
  lexical: number;
  /** Lexical score as a share of the question's best possible one (every term at its best passage), 0..1. */
  lexicalShare: number;
  alignment: number;
  dense: number;
  /** Phrase proximity, 0..1. */
  proximity: number;
}

export interface Retrieval {
  terms: QueryTerm[];
  ranked: RankedPassage[];
  /** Share of the question's information (weighted) that the article matches anywhere, 0..1. */
  coverage: number;
  queryEmbedding?: Float32Array;
}

/**
 * Weight of phrase proximity, added to the fused score: the middle of a flat region (0.1-0.25 and
 * windows of 1-5 words gave the same results on the three question sets).
 */
const PROX_WEIGHT = 0.15;
/** Words apart that still count as one phrase ("energy agreement", "Russian state media"). */
const PROX_WINDOW = 3;
/**
 * Phrase proximity: the weighted share of the question's adjacent content-word pairs ("energy
 * deal") that the passage has close together ("energy agreement"), each word matched by a close
 * word (cosine above the evidence floor).
 */
export function proximity(terms: QueryTerm[], sequence: readonly string[]): number {
  let got = 0;
  let total = 0;
  for (let i = 0; i + 1 < terms.length; i++) {
    const [a, b] = [terms[i]!, terms[i + 1]!];
    const w = (a.weight + b.weight) / 2;
    total += w;
    let best = 0;
    for (let x = 0; x < sequence.length; x++) {
      const sa = evidence(a.align.get(sequence[x]!) ?? 0);
      if (sa <= 0) continue;
      for (let y = Math.max(0, x - PROX_WINDOW); y <= Math.min(sequence.length - 1, x + PROX_WINDOW); y++) {
        if (y === x) continue;
        const sb = evidence(b.align.get(sequence[y]!) ?? 0);
        if (sb > 0) best = Math.max(best, Math.min(sa, sb));
      }
    }
    got += w * best;
  }
  return total > 0 ? got / total : 0;
}

/** Which units (passages, sentences) hold each article word: word -> unit ids. */
export type Postings = ReadonlyMap<string, readonly string[]>;

/** Builds postings from each unit's content words. */
export function postingsOf(units: Iterable<readonly [string, Iterable<string>]>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [id, words] of units) {
    for (const w of new Set(words)) {
      const list = out.get(w);
      if (list) list.push(id);
      else out.set(w, [id]);
    }
  }
  return out;
}

export interface Retriever {
  retrieve(question: string): Retrieval;
  /** The article's names (lowercase), as `namesOf` reads them: they match only literally. */
  readonly names: ReadonlySet<string>;
  /**
   * Alignment of every unit with the question: the weighted share of the question's terms that
   * the unit's words cover, 0..1, by unit id (units with none are absent).
   */
  alignUnits(terms: QueryTerm[], postings: Postings): Map<string, number>;
}

export function createRetriever(
  ms: MiniSearch<{ id: string; text: string; heading: string }>,
  passages: readonly Passage[],
  semantic: SemanticSpace | undefined,
  passageEmbeddings: Map<string, Float32Array | undefined>,
  weights: RankWeights = RANK_WEIGHTS,
): Retriever {
  const wordsByTerm = new Map<string, Set<string>>();
  const passageWords = new Map<string, Set<string>>();
  /** Article terms by their first five letters: where a term's derivational kin can be. */
  const termsByPrefix = new Map<string, string[]>();
  for (const p of passages) {
    const words = new Set<string>();
    for (const t of tokenize(`${p.heading} ${p.text}`)) {
      if (!isContent(t)) continue;
      words.add(t.word);
      const term = termOf(t);
      if (!wordsByTerm.has(term)) wordsByTerm.set(term, new Set());
      wordsByTerm.get(term)!.add(t.word);
    }
    passageWords.set(p.id, words);
  }
  const names = namesOf(passages);
  /** Each passage's words in order (headings apart), for phrase proximity. */
  const passageSequence = new Map(passages.map((p) => [p.id, tokenize(p.text).map((t) => t.word)]));
  const passagePostings = postingsOf(passageWords);
  for (const t of wordsByTerm.keys()) {
    const key = t.slice(0, KIN_PREFIX);
    const list = termsByPrefix.get(key);
    if (list) list.push(t);
    else termsByPrefix.set(key, [t]);
  }

  function analyse(tokens: Token[]): QueryTerm[] {
    const seen = new Set<string>();
    const out: QueryTerm[] = [];
    for (const token of tokens) {
      if (!isContent(token)) continue;
      const term = termOf(token);
      if (seen.has(term)) continue;
      seen.add(term);
      // A word no dictionary knows (and the speller could not place) may still be a typo or a
      // partial word ("negotiat"): minisearch's fuzzy and prefix search try it against the index,
      // so "weather" never becomes "whether".
      const typo = !token.acronym && !(semantic?.vectors.has(token.word) ?? false);
      const direct = searchTerm(ms, term, typo ? TYPED_TERM_SEARCH : NEIGHBOUR_SEARCH);
      const scores = new Map(direct.scores);
      const align = new Map<string, number>();
      // Names match only literally: word vectors put Ukraine next to Russia and Erdogan next to
      // Putin, which is what makes them look known when they are not.
      const isName = token.acronym || names.has(token.word) || (semantic !== undefined && token.capitalised && token.offset > 0 && !semantic.vectors.has(token.word));
      if (semantic && !isName) {
        for (const [w, c] of semantic.similarities(token.word)) if (c >= ALIGN_FLOOR && !names.has(w)) align.set(w, c);
      }
      const credit = (t: string, s: number, when: (w: string) => boolean = () => true) => {
        for (const w of wordsByTerm.get(t) ?? []) if (when(w)) align.set(w, Math.max(align.get(w) ?? 0, s));
      };
      credit(term, 1);
      // Derivations Porter2 keeps apart ("excluded"/"exclusion": exclud/exclus) are kin, unless the
      // vectors, knowing both words, say their meanings are unrelated (company/comparable).
      const corroborated = (w: string) => (semantic?.wordCosine(token.word, w) ?? 1) >= KIN_MIN_COSINE;
      for (const t of termsByPrefix.get(term.slice(0, KIN_PREFIX)) ?? []) if (t !== term && kin(term, t)) credit(t, KIN_SIMILARITY, corroborated);
      if (typo && direct.strength > 0 && direct.strength < 1) {
        for (const t of direct.matched) if (t !== term) credit(t, TYPED_STRENGTH);
      }
      if (semantic && direct.strength < 1 && !isName) {
        for (const n of semantic.neighbours(token.word).filter((x) => !names.has(x.word))) {
          const hits = searchTerm(ms, n.term, NEIGHBOUR_SEARCH);
          const w = NEIGHBOUR_WEIGHT * n.cosine;
          for (const [id, s] of hits.scores) scores.set(id, Math.max(scores.get(id) ?? 0, w * s));
        }
      }
      let strength = 0;
      for (const s of align.values()) strength = Math.max(strength, evidence(s));
      const weight = semantic?.vectors.weight(token.word, TERM_WEIGHT_A) ?? 1;
      out.push({ token, term, weight, strength, align, scores, articleName: names.has(token.word) });
    }
    return out;
  }

  // Walks each term's matching words to the units holding them, rather than every unit's words
  // for every term: a question's terms match few words.
  function alignUnits(terms: QueryTerm[], postings: Postings): Map<string, number> {
    const total = terms.reduce((sum, t) => sum + t.weight, 0);
    const acc = new Map<string, number>();
    if (total <= 0) return acc;
    for (const t of terms) {
      const best = new Map<string, number>();
      for (const [w, sim] of t.align) {
        for (const unit of postings.get(w) ?? []) if (sim > (best.get(unit) ?? 0)) best.set(unit, sim);
      }
      for (const [unit, sim] of best) acc.set(unit, (acc.get(unit) ?? 0) + (t.weight * sim) / total);
    }
    return acc;
  }

  function retrieve(question: string): Retrieval {
    const terms = analyse(withoutQuestionFraming(tokenize(question)));
    const lexical = new Map<string, number>();
    for (const t of terms) for (const [id, s] of t.scores) lexical.set(id, (lexical.get(id) ?? 0) + s);
    // The query's best possible lexical score: every term at its best passage. A passage's share of
    // it says how much of the question it matches, comparable across questions.
    const maxLex = terms.reduce((sum, t) => sum + Math.max(0, ...t.scores.values()), 0);
    const queryEmbedding = semantic?.embed(question);
    const aligned = alignUnits(terms, passagePostings);
    const ranked: RankedPassage[] = [];
    for (const p of passages) {
      const lex = lexical.get(p.id) ?? 0;
      const align = aligned.get(p.id) ?? 0;
      const dense = Math.max(0, similarity(queryEmbedding, passageEmbeddings.get(p.id)));
      const lexNorm = maxLex > 0 ? lex / maxLex : 0;
      const phrase = proximity(terms, passageSequence.get(p.id)!);
      const score = (semantic ? weights.lexical * lexNorm + weights.alignment * align + weights.dense * dense : lexNorm) + PROX_WEIGHT * phrase;
      if (lex > 0 || align > 0 || dense > 0) ranked.push({ passage: p, score, lexical: lex, lexicalShare: lexNorm, alignment: align, dense, proximity: phrase });
    }
    ranked.sort((a, b) => b.score - a.score || a.passage.order - b.passage.order);
    return { terms, ranked, coverage: coverageOf(terms), queryEmbedding };
  }

  return { retrieve, alignUnits, names };
}

/** Weighted share of the terms' information the article matches anywhere (each term at its evidence), 0..1. */
export function coverageOf(terms: readonly QueryTerm[]): number {
  const total = terms.reduce((s, t) => s + t.weight, 0);
  return total > 0 ? terms.reduce((s, t) => s + t.weight * t.strength, 0) / total : 0;
}

/**
 * The article's names: words it writes capitalised inside sentences and never in lower case
 * (Putin, Ukraine, NATO), lowercased.
 */
export function namesOf(passages: readonly Passage[]): Set<string> {
  const capitalised = new Set<string>();
  const lower = new Set<string>();
  for (const p of passages) {
    for (const s of p.sentences) {
      tokenize(s.text).forEach((t, i) => {
        if (t.acronym || (t.capitalised && i > 0)) capitalised.add(t.word);
        else if (!t.capitalised) lower.add(t.word);
      });
    }
  }
  return new Set([...capitalised].filter((w) => !lower.has(w)));
}
