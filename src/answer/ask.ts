/**
 * question -> Answer. Retrieval ranks passages; the answer is the sentence(s) within the top
 * passages that best answer the question; abstention decides, from calibrated signals, whether the
 * article answers it at all.
 */
import type { Answer, Citation, Document, Passage, Sentence } from '../types.ts';
import { KIN_SIMILARITY, type Postings, type QueryTerm, type RankedPassage, type Retrieval, type Retriever } from '../search/retrieve.ts';
import { similarity, type SemanticSpace } from '../search/semantic.ts';
import { clipText, isContent, tokenize, withoutQuestionFraming } from '../text/terms.ts';
import type { ConcreteNouns } from '../text/concrete-nouns.ts';
import { correctQuestion, type Speller } from '../text/spelling.ts';
import { asksAboutUnknown, concreteKindAsked, declines, knows, namesAskedKind, type AbstainPolicy, type AnswerSignals } from './abstain.ts';
import { asksForService, introducedName, isYesNoQuestion, negates } from './asked-about.ts';
import { agreesInTense, expectedFact, isMoneyWord, largestSum, relaxed, statesFact, type ExpectedFact, type FocusSimilarity } from './expected-fact.ts';
import { cleanQuestion, MAX_QUESTION_LENGTH, metaIntent, namesIn } from './normalise-question.ts';

/**
 * A passage giving the kind of fact asked for must match at least this share of what the
 * best-matching passage does. 0.35-0.5 give the same results on every question set but one
 * question ("when can i ride it": ride~passenger 0.41), which 0.4 and below admit.
 */
const FACT_PASSAGE_MIN_SHARE = 0.4;
/** How much a passage's best sentence adds to its score when choosing the passage cited first. */
const SENTENCE_TIE_WEIGHT = 0.2;
/**
 * What a denial adds to a passage's score for a yes/no question, when choosing the passage cited
 * first: the middle of a flat region (0.03-0.1 gave the same results on the five question sets;
 * 0.2 let a denial outrank the "yes" of "did Trump offer to ease the penalties?").
 */
const DENIAL_BONUS = 0.06;

/** How many top passages are searched for the answer sentence. */
const SENTENCE_POOL = 3;
const MAX_CITATIONS = 3;

export interface AskContext {
  document: Document;
  passages: readonly Passage[];
  retriever: Retriever;
  semantic?: SemanticSpace;
  sentenceEmbeddings: Map<string, Float32Array | undefined>;
  /** Which sentences hold each article word. */
  sentencePostings: Postings;
  /** Lowercased words that occur in the article or its metadata. */
  knownWords: ReadonlySet<string>;
  byline: Passage;
  /** Concrete nouns, when the list built at install is present. */
  concreteNouns?: ConcreteNouns;
  /** Typo correction, when the word vectors (its vocabulary) are present. */
  speller?: Speller;
  /** The article's names (lowercase): words it writes capitalised inside sentences and never in lower case. */
  articleNames: ReadonlySet<string>;
  suggestions: string[];
  usageText: string;
  abstain: AbstainPolicy;
}

interface ScoredSentence {
  passage: RankedPassage;
  index: number;
  score: number;
  /** Weighted share of the question this sentence covers. */
  align: number;
}

/** The first item with the highest key. */
function maxBy<T>(items: readonly T[], key: (item: T) => number): T {
  let best = items[0] as T;
  for (const item of items) if (key(item) > key(best)) best = item;
  return best;
}

function citation(r: RankedPassage): Citation {
  return { id: r.passage.id, label: r.passage.label, heading: r.passage.heading, text: r.passage.text, score: Number(r.score.toFixed(4)) };
}

function notCovered(ctx: AskContext, question: string, unknownNames: string[], readAs?: string): Answer {
  const head = unknownNames.length
    ? `The article does not mention ${listOf(unknownNames)}.`
    : 'The article does not cover that.';
  const text = `${head} It is about “${ctx.document.title}”: you could ask, for example, ${ctx.suggestions.slice(0, 3).map((s) => `“${s}”`).join(', ')}.`;
  return { kind: 'not-covered', question, ...(readAs ? { readAs } : {}), text, unknownNames, suggestions: ctx.suggestions };
}

function listOf(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** Share of a sentence's score that comes from its own agreement with the question (rest: its passage's). */
const SENTENCE_OWN_WEIGHT = 0.6;

/** Bonus for a sentence that gives the kind of fact a question asks for. */
const CUE_BONUS = 0.15;

function rankSentences(ctx: AskContext, aligned: ReadonlyMap<string, number>, pool: RankedPassage[], query?: Float32Array, cue?: (s: Sentence) => boolean): ScoredSentence[] {
  const best = pool[0]?.score || 1;
  const out: ScoredSentence[] = [];
  for (const r of pool) {
    r.passage.sentences.forEach((s, index) => {
      const align = aligned.get(s.id) ?? 0;
      const dense = Math.max(0, similarity(query, ctx.sentenceEmbeddings.get(s.id)));
      const own = (ctx.semantic ? 0.65 * align + 0.35 * dense : align) + (cue?.(s) ? CUE_BONUS : 0);
      out.push({ passage: r, index, score: SENTENCE_OWN_WEIGHT * own + (1 - SENTENCE_OWN_WEIGHT) * (r.score / best), align });
    });
  }
  return out.sort((a, b) => b.score - a.score || a.passage.passage.order - b.passage.passage.order || a.index - b.index);
}

/**
 * Among the top passages' sentences that give the fact asked for (best first), the one to answer
 * with: for "when will it open?" one about what is to come; for "how much will it cost?" (nothing
 * but a sum) the whole sum, the largest given, not "half of the cost, about $205 million";
 * otherwise the best-matching one.
 */
function factSentence(fact: ExpectedFact, givingFact: ScoredSentence[], onlyMoney: boolean): ScoredSentence | undefined {
  if (givingFact.length === 0) return undefined;
  if (onlyMoney) return maxBy(givingFact, (x) => largestSum(sentenceOf(x).text));
  return givingFact.find((x) => agreesInTense(fact, sentenceOf(x).text)) ?? givingFact[0];
}

/** The sentence a scored sentence stands for. */
function sentenceOf(x: ScoredSentence): Sentence {
  return x.passage.passage.sentences[x.index]!;
}

/** The first sentence, in article order, that holds a word (a name, lowercased), among the ranked passages. */
function firstMention(ranked: readonly RankedPassage[], postings: Postings, word: string): ScoredSentence | undefined {
  const holding = new Set(postings.get(word));
  const inOrder = [...ranked].sort((a, b) => a.passage.order - b.passage.order);
  for (const r of inOrder) {
    const index = r.passage.sentences.findIndex((s) => holding.has(s.id));
    if (index >= 0) return { passage: r, index, score: r.score, align: 1 };
  }
  return undefined;
}
/** A second sentence joins the answer when it scores at least this share of the best one. */
const SECOND_SENTENCE_SHARE = 0.85;

/**
 * The answer: the best sentence, and the passage's next-best one when it scores close (an answer
 * often spans two sentences, and they need not be adjacent), in article order. A short sentence
 * ("Here is the basic logjam.") or one ending in a colon always brings the one it announces, and
 * a short opening sentence with a question word comes before the detail it introduces.
 */
function answerSentences(best: ScoredSentence, scored: ScoredSentence[], terms: QueryTerm[]): string[] {
  const sentences = best.passage.passage.sentences;
  const me = sentences[best.index]!.text;
  const next = sentences[best.index + 1];
  if (next && (me.length < 60 || me.endsWith(':'))) return [me, next.text];
  // A short opening sentence that speaks to the question is the paragraph's topic sentence
  // ("China also waited in the wings."): it frames the detail that answers.
  const opening = sentences[0]!.text;
  const topic = best.index > 0 && opening.length < 60 && tokenize(opening).some((t) => terms.some((q) => (q.align.get(t.word) ?? 0) >= KIN_SIMILARITY));
  const second = scored.find((s) => s.passage === best.passage && s.index !== best.index);
  const chosen = new Set([best.index]);
  if (second && second.score >= SECOND_SENTENCE_SHARE * best.score) chosen.add(second.index);
  if (topic) chosen.add(0);
  return [...chosen].sort((x, y) => x - y).map((i) => sentences[i]!.text);
}

interface Analysis {
  retrieval: Retrieval;
  /** Passages in the order they are cited: by score, and for a question that asks for a kind
   * of fact (a quantity, a date, advice), those that give one first. */
  candidates: RankedPassage[];
  scored: ScoredSentence[];
  best: ScoredSentence;
  /** The sentence the answer is built on, in the passage cited first. */
  answer: ScoredSentence;
  signals: AnswerSignals;
}

/** Retrieval, sentence ranking and signals for a cleaned question with content terms. */
export function analyse(ctx: AskContext, question: string): Analysis | undefined {
  const retrieval = ctx.retriever.retrieve(question);
  if (retrieval.terms.length === 0 || retrieval.ranked.length === 0) return undefined;
  const fact = expectedFact(question, (w) => ctx.concreteNouns?.has(w) ?? false);
  const termOfWord = new Map(retrieval.terms.map((t) => [t.token.word, t]));
  const similar: FocusSimilarity = (focus, word) => (focus === word ? 1 : (termOfWord.get(focus)?.align.get(word) ?? 0));
  const aligned = ctx.retriever.alignUnits(retrieval.terms, ctx.sentencePostings);
  // The fact must stand in a passage about the question, and a required one in a sentence that
  // speaks to it ("prior to the U.S. elections" does not say when the leaders may agree).
  // A question that asks for nothing but a sum ("how much will it cost?") is answered by any sum.
  const onlyMoney = fact?.kind === 'amount' && retrieval.terms.every((t) => isMoneyWord(t.token.word));
  // A sentence speaks to the question at the lower of the two bars (the higher one is for
  // judging whether an unnamed question is the article's at all).
  const sentenceBar = Math.min(ctx.abstain.minSentenceAlign, ctx.abstain.minSentenceAlignNamed);
  const bestAlign = Math.max(...retrieval.ranked.map((r) => r.alignment));
  const about = (r: RankedPassage) => onlyMoney || r.alignment >= FACT_PASSAGE_MIN_SHARE * bestAlign;
  const statesOf = (f: ExpectedFact) => (s: Sentence) =>
    (!f.required || onlyMoney || (aligned.get(s.id) ?? 0) >= sentenceBar) && statesFact(f, s.text, similar);
  let states = fact && statesOf(fact);
  const givesFact = (r: RankedPassage) => Boolean(states && about(r) && r.passage.sentences.some(states));
  // The exact shape first ("seven hours"), then looser ones only when no passage has it: a span
  // in any unit, a span or time without a number ("long-brewing").
  for (let f = fact && relaxed(fact); f && !retrieval.ranked.some(givesFact); f = relaxed(f)) states = statesOf(f);
  // Passages that give the kind of fact asked for come first, then those that name the kind of
  // thing asked for outright ("what corridors" -> "humanitarian corridors"), in ranking order.
  const concreteKind = concreteKindAsked(ctx, question);
  const naming = new Map(retrieval.ranked.map((r) => [r, about(r) && namesAskedKind(ctx, concreteKind, retrieval.terms, r.passage.text, true)]));
  const namesKind = (r: RankedPassage) => naming.get(r)!;
  const order = new Map(retrieval.ranked.map((r) => [r, (states && givesFact(r) ? 2 : 0) + (namesKind(r) ? 1 : 0)]));
  const candidates = [...retrieval.ranked].sort((a, b) => order.get(b)! - order.get(a)!);
  const pool = candidates.slice(0, SENTENCE_POOL);
  const scored = rankSentences(ctx, aligned, pool, retrieval.queryEmbedding, states);
  // `best` is the best sentence among the top passages (what abstention judges); the answer is
  // the best sentence of the first-cited passage, so the answer and citation [1] agree.
  let best = scored[0]!;
  // Among the top passages, a near tie goes to the one whose best sentence answers best.
  const bestOf = new Map<RankedPassage, ScoredSentence>();
  for (const x of scored) if (!bestOf.has(x.passage)) bestOf.set(x.passage, x);
  // A yes/no question is often answered by a denial ("was the summit pointless?" -> "by no means
  // empty of meaning"): a passage whose best sentence speaks to it and denies gets a small edge.
  const yesNo = isYesNoQuestion(question);
  const denies = (r: RankedPassage) => {
    const top = bestOf.get(r);
    return yesNo && top !== undefined && top.align >= sentenceBar && negates(sentenceOf(top).text);
  };
  const lead = maxBy(pool, (r) => r.score + SENTENCE_TIE_WEIGHT * (bestOf.get(r)?.score ?? 0) + (denies(r) ? DENIAL_BONUS : 0));
  let answer = scored.find((x) => x.passage === lead) ?? best;
  // A passage that names the kind of thing asked for answers before one that does not.
  const namingPassage = pool.find(namesKind);
  if (namingPassage && !namesKind(lead)) answer = scored.find((x) => x.passage === namingPassage) ?? answer;
  let missingFact = false;
  let answerGivesFact = false;
  if (fact && states) {
    const withFact = factSentence(fact, scored.filter((x) => about(x.passage) && states!(sentenceOf(x))), onlyMoney);
    // A required fact is what abstention judges; a preferred one (advice) only picks the answer.
    if (withFact) {
      answer = withFact;
      if (fact.required) {
        best = withFact;
        answerGivesFact = true;
      }
    } else missingFact = fact.required;
  }
  const namesArticle = retrieval.terms.some((t) => t.articleName);
  return {
    retrieval, candidates, scored, best, answer,
    signals: {
      coverage: retrieval.coverage,
      namesArticle,
      sentenceAlign: best.align,
      passageAlign: retrieval.ranked[0]!.alignment,
      // A how-to or a task is no question about the article unless it names something of it.
      serviceRequest: asksForService(question) && !namesArticle,
      missingFact,
      givesFact: answerGivesFact,
      unknownAsked: asksAboutUnknown(ctx, question, retrieval.terms, answer.passage.passage.text),
    },
  };
}

/** A cleaned question with its typos corrected: what `answerQuestion` reads (developer tools use it too). */
export function readQuestion(ctx: AskContext, question: string): string {
  return ctx.speller ? correctQuestion(ctx.speller, question) : question;
}

export function answerQuestion(ctx: AskContext, raw: string): Answer {
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
  const read = asked !== question ? { readAs: asked } : {};
  const intent = metaIntent(asked);
  if (intent) {
    const d = ctx.document;
    const text = intent === 'author' && d.author
      ? `The article “${d.title}” was written by ${d.author}.`
      : `The article is titled “${d.title}”${d.author ? `, by ${d.author}` : ''}.`;
    const r: RankedPassage = { passage: ctx.byline, score: 1, lexical: 0, alignment: 1, dense: 0 };
    return { kind: 'answered', question, ...read, text, sentences: [text], citations: [citation(r)] };
  }

  const unknownNames = namesIn(asked)
    .filter((n) => n.tokens.some((t) => !knows(ctx.knownWords, t.word)))
    .map((n) => n.name);
  if (unknownNames.length) return notCovered(ctx, question, unknownNames, read.readAs);

  if (!withoutQuestionFraming(tokenize(asked)).some(isContent)) return { kind: 'usage', question, reason: 'no-content', text: ctx.usageText };
  const analysis = analyse(ctx, asked);
  if (!analysis || declines(analysis.signals, ctx.abstain)) return notCovered(ctx, question, [], read.readAs);
  const { scored } = analysis;
  // "Who is Putin?": a news article says who someone is where it first names them ("Russian
  // President Vladimir Putin"), which need not be where it says most about them.
  const named = introducedName(asked, (w) => ctx.articleNames.has(w));
  const introduction = named ? firstMention(analysis.candidates, ctx.sentencePostings, named) : undefined;
  const answer = introduction ?? analysis.answer;
  const sentences = introduction ? [sentenceOf(introduction).text] : answerSentences(answer, scored, analysis.retrieval.terms);
  // The answer's passage first, then the rest in ranking order.
  const ordered = [answer.passage, ...analysis.candidates.filter((r) => r.passage !== answer.passage.passage)].slice(0, MAX_CITATIONS);
  return { kind: 'answered', question, ...read, text: sentences.join(' '), sentences, citations: ordered.map(citation) };
}
