/**
 * question -> Answer, by one learned score. The question is read once (`QuestionReading`);
 * retrieval matches its words against the article; every sentence becomes a candidate with the
 * features of `rank/features.ts`; the ranker scores them, and the best sentence is the answer and
 * its passage the first citation. The abstainer turns the best candidate and what the question
 * asks into the probability that the article answers it: below the operating point the answer is
 * `not-covered`, with the reason the features give.
 */
import type { Answer, Citation, Document, Passage } from '../types.ts';
import type { Retriever } from '../search/retrieve.ts';
import { clipText, isContent, oneEditApart, tokenize, withoutQuestionFraming } from '../text/terms.ts';
import { correctQuestion, type Speller } from '../text/spelling.ts';
import { questionFeatures, QUESTION_FEATURES, sentenceCandidates, type Candidate, type FeatureContext, type QuestionFacts, type QuestionVectors } from '../rank/features.ts';
import type { CompiledScorer } from '../rank/model.ts';
import { cleanQuestion, MAX_QUESTION_LENGTH } from './normalise-question.ts';
import { readQuestionText, type QuestionReading } from './question-reading.ts';

const MAX_CITATIONS = 3;
/**
 * A second sentence of the answer's passage joins the answer when the ranker gives it at least
 * this share of the best sentence's probability: an answer often spans two sentences.
 */
const SECOND_SENTENCE_SHARE = 0.5;

export interface AskContext {
  document: Document;
  retriever: Retriever;
  features: FeatureContext;
  scorer: CompiledScorer;
  /** Lowercased words that occur in the article or its metadata. */
  knownWords: ReadonlySet<string>;
  byline: Passage;
  /** Typo correction, when the word vectors (its vocabulary) are present. */
  speller?: Speller;
  suggestions: string[];
  usageText: string;
}

/** Why the article does not answer a question, as the features tell it. */
export type NotCoveredReason = 'unknown-name' | 'missing-fact' | 'unmatched' | 'low-confidence';

/** Everything the answer is built from: what developer tools, training and eval read. */
export interface Analysis {
  reading: QuestionReading;
  /** What the question features were computed from (training recomputes them under other weights). */
  facts: QuestionFacts;
  /** Candidates, best first. */
  ranked: Candidate[];
  /** Per-question features in `QUESTION_FEATURES` order. */
  q: number[];
  /** P(the article answers the question). */
  covered: number;
  unknownNames: string[];
  /** Question words the article matches weakly or not at all. */
  unmatched: string[];
}

function citation(passage: Passage, score: number): Citation {
  return { id: passage.id, label: passage.label, heading: passage.heading, text: passage.text, score: Number(score.toFixed(4)) };
}

function listOf(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** Whether the article knows a name's word, allowing inflections (Ukrainian ~ Ukraine) and a typo (Ukriane). */
export function knows(known: ReadonlySet<string>, word: string): boolean {
  if (known.has(word)) return true;
  if (word.length < 5) return false;
  for (const k of known) {
    if (k.length < 5) continue;
    if (oneEditApart(word, k)) return true;
    if ((word.startsWith(k.slice(0, -1)) || k.startsWith(word.slice(0, -1))) && Math.abs(k.length - word.length) <= 4) return true;
  }
  return false;
}

/** What a missing shape of fact is called in a reply. */
const MISSING_FACT: Record<string, string> = {
  count: 'number', amount: 'sum', length: 'duration or distance', time: 'date or time', clock: 'time of day',
  frequency: 'rate', number: 'figure',
};

/** Words with evidence below this are "not matched" in a reply's reason. */
const UNMATCHED_EVIDENCE = 0.5;

export function reasonOf(a: Analysis): NotCoveredReason {
  const q = (name: string) => a.q[QUESTION_FEATURES.findIndex((f) => f.name === name)]!;
  if (a.unknownNames.length) return 'unknown-name';
  if (q('missingShape') >= 0.5) return 'missing-fact';
  if (a.unmatched.length) return 'unmatched';
  return 'low-confidence';
}

function notCovered(ctx: AskContext, question: string, reason: NotCoveredReason, a: Pick<Analysis, 'unknownNames' | 'unmatched' | 'reading'> | undefined, readAs?: string, covered?: number): Answer {
  const about = a?.unmatched.length ? `“${a.unmatched.slice(0, 3).join(' ')}”` : 'that';
  const head =
    reason === 'unknown-name' ? `The article does not mention ${listOf(a!.unknownNames)}.`
    : reason === 'missing-fact' ? `The article gives no ${MISSING_FACT[a!.reading.fact!.kind] ?? 'such fact'} for that.`
    : reason === 'unmatched' ? `The article says nothing about ${about}.`
    : 'The article does not cover that.';
  const text = `${head} It is about “${ctx.document.title}”: you could ask, for example, ${ctx.suggestions.slice(0, 3).map((s) => `“${s}”`).join(', ')}.`;
  return {
    kind: 'not-covered', question, ...(readAs ? { readAs } : {}), text, reason,
    unknownNames: a?.unknownNames ?? [], suggestions: ctx.suggestions, ...(covered !== undefined ? { confidence: Number(covered.toFixed(3)) } : {}),
  };
}

/** A cleaned question with its typos corrected: what the scorer reads. */
export function readQuestion(ctx: AskContext, question: string): string {
  return ctx.speller ? correctQuestion(ctx.speller, question) : question;
}

/** Reading, candidates, scores and the probability of being covered, for a question as read. */
export function analyse(ctx: AskContext, reading: QuestionReading, vectors?: QuestionVectors): Analysis | undefined {
  const retrieval = ctx.retriever.retrieve(reading.text);
  if (retrieval.terms.length === 0) return undefined;
  const unknownNames = reading.names.filter((n) => n.words.some((w) => !knows(ctx.knownWords, w))).map((n) => n.name);
  const ranked = sentenceCandidates(ctx.features, reading, retrieval, vectors);
  for (const c of ranked) c.score = ctx.scorer.rank(c.x);
  ranked.sort((a, b) => b.score - a.score || a.passage.passage.order - b.passage.passage.order || a.sentence.index - b.sentence.index);
  const facts: QuestionFacts = { reading, retrieval, unknownNames, namesArticle: retrieval.terms.some((t) => t.articleName) };
  const q = questionFeatures(facts, ranked);
  const unmatched = retrieval.terms.filter((t) => t.strength < UNMATCHED_EVIDENCE).map((t) => t.token.surface);
  return { reading, facts, ranked, q, covered: ctx.scorer.covered(q), unknownNames, unmatched };
}

/**
 * The answer's sentences: the best, and the next-best of its passage when the ranker gives it a
 * good share of the best one's probability, in article order. A sentence ending in a colon
 * brings the one it announces.
 */
export function answerSentences(best: Candidate, ranked: readonly Candidate[], share = SECOND_SENTENCE_SHARE): string[] {
  const sentences = best.passage.passage.sentences;
  const chosen = new Set([best.sentence.index]);
  const second = ranked.find((c) => c.passage.passage === best.passage.passage && c !== best);
  if (second && Math.exp(second.score - best.score) >= share) chosen.add(second.sentence.index);
  const next = sentences[best.sentence.index + 1];
  if (next && best.sentence.text.trimEnd().endsWith(':')) chosen.add(next.index);
  return [...chosen].sort((x, y) => x - y).map((i) => sentences[i]!.text);
}

/** A question cleaned, corrected and read once, ready for the scorer. */
export interface AskedQuestion {
  /** As written (cleaned): what replies quote. */
  question: string;
  reading: QuestionReading;
}

/**
 * Reads a raw question, or answers it at once when it needs no scorer: empty, too long, no
 * content, a greeting, or authorship and title (from the byline).
 */
export function askedQuestion(ctx: AskContext, raw: string): AskedQuestion | Answer {
  const question = cleanQuestion(raw);
  if (!question) return { kind: 'usage', question, reason: 'empty', text: ctx.usageText };
  if (question.length > MAX_QUESTION_LENGTH) {
    return {
      kind: 'usage', question: clipText(question, 200), reason: 'too-long',
      text: `That message is ${question.length.toLocaleString('en')} characters long; please ask one question in under ${MAX_QUESTION_LENGTH.toLocaleString('en')} characters.`,
    };
  }
  // Everything below reads the question with its typos corrected; replies quote it as written.
  const asked = readQuestion(ctx, question);
  const reading = readQuestionText(asked);
  if (reading.type === 'author' || reading.type === 'title') {
    const d = ctx.document;
    const text = reading.type === 'author' && d.author
      ? `The article “${d.title}” was written by ${d.author}.`
      : `The article is titled “${d.title}”${d.author ? `, by ${d.author}` : ''}.`;
    return { kind: 'answered', question, ...readAs(question, reading), text, sentences: [text], citations: [citation(ctx.byline, 1)] };
  }
  if (reading.type === 'greeting' || !withoutQuestionFraming(tokenize(asked)).some(isContent)) {
    return { kind: 'usage', question, reason: 'no-content', text: ctx.usageText };
  }
  return { question, reading };
}

/** `readAs` for an answer, when typo correction changed the question. */
function readAs(question: string, reading: QuestionReading): { readAs?: string } {
  return reading.text !== question ? { readAs: reading.text } : {};
}

/** The scorer's answer to a question as read, with its USE-lite embeddings when there are any. */
export function answerAsked(ctx: AskContext, { question, reading }: AskedQuestion, vectors?: QuestionVectors): Answer {
  const read = readAs(question, reading);
  const analysis = analyse(ctx, reading, vectors);
  if (!analysis) return { kind: 'usage', question, reason: 'no-content', text: ctx.usageText };
  if (analysis.covered < ctx.scorer.operatingPoint) return notCovered(ctx, question, reasonOf(analysis), analysis, read.readAs, analysis.covered);
  const best = analysis.ranked[0]!;
  const sentences = answerSentences(best, analysis.ranked);
  // The answer's passage first, then the other passages in the order of their best sentences.
  const order: { passage: Passage; score: number }[] = [];
  for (const c of analysis.ranked) {
    if (!order.some((o) => o.passage === c.passage.passage)) order.push({ passage: c.passage.passage, score: c.score });
    if (order.length === MAX_CITATIONS) break;
  }
  return {
    kind: 'answered', question, ...read, text: sentences.join(' '), sentences,
    citations: order.map((o) => citation(o.passage, o.score)), confidence: Number(analysis.covered.toFixed(3)),
  };
}
