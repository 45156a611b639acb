/**
 * Typo correction for question words, in the manner of Norvig's corrector: candidates one edit
 * away (a deletion, a transposition, a replacement or an insertion) that are real words, and two
 * edits away among the article's own words; the reading chosen is the one that is common, that
 * the article uses, and that fits the rest of the question ("how long was the meeing" -> meeting,
 * "who was excluded from the tlaks" -> talks, "betwen" -> between, a stop word).
 *
 * A word the article uses is never corrected, nor a common word ("weather" stays weather though
 * "whether" is one edit away); a rare word that is one edit from a far more common one is ("teh",
 * "ofer"). A capitalised word, a possible name, is only corrected towards the article's words, so
 * an unknown name never turns into a known one.
 */
import { isContent, stem, STOP_WORDS, tokenize } from './terms.ts';

/** What the corrector knows of English: frequency ranks and, optionally, similarity in context. */
export interface Lexicon {
  /** Frequency rank (0 = most frequent), undefined for an unknown word. */
  rank(word: string): number | undefined;
  /** Similarity (-1..1) of a word to the other words of the question; 0 when unknown. */
  fit(word: string, context: readonly string[]): number;
}

/** Words ranked beyond this are rare enough to be typos of a common word. */
const RARE_RANK = 15_000;
/** A rare word is a typo only of a word this many times more frequent (by rank). */
const TYPO_FREQUENCY_RATIO = 50;
/** Real words considered as corrections: the most frequent ones. */
const CANDIDATE_MAX_RANK = 50_000;
/** Score bonus for a content word of the article (the question is about it). */
const ARTICLE_BONUS = 1.5;
/** Weight of the fit with the rest of the question. */
const CONTEXT_WEIGHT = 3;
/** Score penalty for a second edit. */
const SECOND_EDIT_PENALTY = 2;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** Words one edit away (Damerau: transpositions count as one). */
export function edits1(word: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i <= word.length; i++) {
    const [a, b] = [word.slice(0, i), word.slice(i)];
    if (b) out.add(a + b.slice(1));
    if (b.length > 1) out.add(a + b[1] + b[0] + b.slice(2));
    for (const c of LETTERS) {
      if (b) out.add(a + c + b.slice(1));
      out.add(a + c + b);
    }
  }
  out.delete(word);
  return out;
}

/** Damerau-Levenshtein (optimal string alignment) distance, or limit + 1 once it exceeds limit. */
export function editDistance(a: string, b: string, limit = 2): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > limit) return limit + 1;
  }
  return d[a.length]![b.length]!;
}

export class Speller {
  private readonly articleWords: ReadonlySet<string>;
  private readonly articleStems: ReadonlySet<string>;
  constructor(
    private readonly lexicon: Lexicon,
    articleWords: Iterable<string>,
  ) {
    this.articleWords = new Set([...articleWords].filter((w) => w.length >= 3 && !STOP_WORDS.has(w)));
    this.articleStems = new Set([...this.articleWords].map(stem));
  }

  private inArticle(word: string): boolean {
    return this.articleWords.has(word);
  }

  /** Whether a word could be a typo at all: not a stop word, not the article's, not a common word. */
  mayBeTypo(word: string): boolean {
    if (word.length < 3 || !/^[a-z]+$/.test(word) || STOP_WORDS.has(word) || this.inArticle(word)) return false;
    const rank = this.lexicon.rank(word);
    return rank === undefined || rank > RARE_RANK;
  }

  /**
   * The word a question word was meant to be, or undefined to keep it as written. `capitalised`:
   * written with a capital inside the question (a possible name). `context`: the question's other
   * content words.
   */
  correct(word: string, context: readonly string[], capitalised = false): string | undefined {
    if (!this.mayBeTypo(word)) return undefined;
    const rank = this.lexicon.rank(word);
    if (rank !== undefined && capitalised) return undefined;
    const maxRank = rank === undefined ? CANDIDATE_MAX_RANK : Math.min(CANDIDATE_MAX_RANK, rank / TYPO_FREQUENCY_RATIO);
    const scored: { word: string; score: number }[] = [];
    const consider = (c: string, edits: number) => {
      const article = this.inArticle(c);
      const stop = STOP_WORDS.has(c);
      const r = this.lexicon.rank(c);
      if (capitalised && !article) return;
      if (!article && !stop && (r === undefined || r > maxRank)) return;
      // A form of an article word ("worried" for "worrying") is as likely as the word itself.
      // (Stemmed only for the few candidates left: most of the hundreds of edits are not words.)
      const articleForm = article || (!stop && this.articleStems.has(stem(c)));
      const prior = -Math.log((r ?? CANDIDATE_MAX_RANK) + 100);
      const score = prior + (articleForm ? ARTICLE_BONUS : 0) + (stop ? 0 : CONTEXT_WEIGHT * this.lexicon.fit(c, context)) - (edits - 1) * SECOND_EDIT_PENALTY;
      scored.push({ word: c, score });
    };
    for (const c of edits1(word)) consider(c, 1);
    // Two edits only for a word no dictionary knows, and only towards the article's words.
    if (scored.length === 0 && rank === undefined && word.length >= 5) {
      for (const w of this.articleWords) if (editDistance(word, w) === 2) consider(w, 2);
    }
    if (scored.length === 0) return undefined;
    scored.sort((a, b) => b.score - a.score || a.word.localeCompare(b.word));
    return scored[0]!.word;
  }
}

/** At most this many words of one question are corrected, and this many tried (more is noise, not typing). */
const MAX_CORRECTIONS = 6;
const MAX_TRIES = 10;

/**
 * The question with its typos corrected in place ("How long was the meeing?" -> "How long was the
 * meeting?"); capitals are kept, so a corrected name still reads as one.
 */
/** Spans of a question that are not words to correct: URLs, `code`, @mentions, #channels, e-mail addresses. */
const VERBATIM = /\b[a-z][a-z0-9+.-]*:\/\/\S+|\bwww\.\S+|`[^`]*`|[@#][\p{L}\p{N}_.-]+|\S+@\S+\.\S+/giu;

export function correctQuestion(speller: Speller, question: string): string {
  // A URL, inline code, an @mention or a #channel is quoted as written, never "corrected".
  const verbatim = [...question.matchAll(VERBATIM)].map((m) => [m.index, m.index + m[0].length] as const);
  const tokens = tokenize(question).filter((t) => !verbatim.some(([a, b]) => t.offset >= a && t.offset < b));
  const words = tokens.filter(isContent).map((t) => t.word);
  const fixes: { offset: number; length: number; word: string }[] = [];
  let tries = 0;
  for (const t of tokens) {
    if (fixes.length === MAX_CORRECTIONS || tries === MAX_TRIES) break;
    if (t.acronym || !isContent(t) || !speller.mayBeTypo(t.word)) continue;
    tries++;
    const fix = speller.correct(t.word, words.filter((w) => w !== t.word), t.capitalised && t.offset > 0);
    if (fix === undefined) continue;
    fixes.push({ offset: t.offset, length: t.surface.length, word: t.capitalised ? fix[0]!.toUpperCase() + fix.slice(1) : fix });
  }
  let out = question;
  for (const f of fixes.reverse()) out = out.slice(0, f.offset) + f.word + out.slice(f.offset + f.length);
  return out;
}
