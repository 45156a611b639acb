/**
 * The feature set: what the scorer knows about each candidate answer sentence, computed the same
 * way when training (`npm run train`) and when answering. In the manner of the OpenSearch
 * Learning to Rank plugin, a feature is data: a name, what it measures, and one function; adding
 * a signal means adding a feature here and refitting, never a new `if` in the answer path.
 *
 * Two feature sets:
 * - `SENTENCE_FEATURES`, per candidate sentence (with its passage's features): the ranker scores
 *   every sentence of the article, and the best one is the answer and its passage the first
 *   citation;
 * - `QUESTION_FEATURES`, per question (the best candidate's score and what the question asks
 *   that the article lacks): the abstainer turns them into the probability that the article
 *   answers the question.
 */
import type { Passage, Sentence } from '../types.ts';
import { coverageOf, evidence, KIN_SIMILARITY, proximity, type Postings, type QueryTerm, type RankedPassage, type Retrieval } from '../search/retrieve.ts';
import { similarity } from '../search/semantic.ts';
import { foldText, stem, tokenize } from '../text/terms.ts';
import { negates } from '../answer/asked-about.ts';
import { agreesInTense, relaxed, statesFact, type FocusSimilarity } from '../answer/expected-fact.ts';
import type { QuestionReading } from '../answer/question-reading.ts';
import type { SentenceEncoder } from '../search/sentence-encoder.ts';

export interface FeatureSpec {
  /** Stable name: the key of its weight in the model's JSON. */
  name: string;
  /** What it measures, for whoever reads the weights. */
  doc: string;
}

/** Per-sentence features, in the order of the model's weight vector. */
export const SENTENCE_FEATURES = [
  { name: 'bm25', doc: "passage: term-wise BM25 from minisearch (text and heading fields), as a share of the question's best possible score, 0..1" },
  { name: 'align', doc: "passage: word-vector alignment, the weighted share of the question's words matched by a similar passage word, 0..1" },
  { name: 'sif', doc: 'passage: cosine of SIF word-vector embeddings of question and passage (heading included)' },
  { name: 'use', doc: 'passage: cosine of USE-lite embeddings of question and passage (0 without the encoder)' },
  { name: 'heading', doc: "passage: weighted share of the question's words its section heading matches, 0..1" },
  { name: 'proximity', doc: "passage: share of the question's adjacent word pairs found within three words of each other" },
  { name: 'sAlign', doc: 'sentence: word-vector alignment with the question, 0..1' },
  { name: 'sExact', doc: "sentence: weighted share of the question's words it holds as the same word or a derivation, 0..1" },
  { name: 'sSif', doc: 'sentence: SIF cosine with the question' },
  { name: 'sUse', doc: 'sentence: USE-lite cosine with the question (0 without the encoder)' },
  { name: 'sProximity', doc: 'sentence: phrase proximity, as for the passage' },
  { name: 'names', doc: "passage: share of the question's article names it holds (0 when the question names none)" },
  { name: 'sNames', doc: "sentence: share of the question's article names it holds" },
  { name: 'shape', doc: 'sentence: gives the shape of fact asked for (a count of the asked noun, a date, a span, a sum): 1 exact (a count of the asked word itself), 0.75 a count of a word close to it, 0.5 loose form (any count), 0 none or not asked' },
  { name: 'softShape', doc: 'sentence: gives a preferred shape (a place for where, a quotation for what X called Y, necessity for should): 1 or 0' },
  { name: 'passageShape', doc: 'passage: one of its sentences gives the shape asked for, 0..1 as for shape' },
  { name: 'tense', doc: 'sentence: speaks of the future when the question asks when/how long something will be' },
  { name: 'denial', doc: 'sentence: negates or denies, for a yes/no question (answers are often "no"); 0 otherwise' },
  { name: 'introduces', doc: 'sentence: first in the article to name the person a "who is X" question asks about' },
  { name: 'lead', doc: "passage: the article's first paragraph (news writing states the main outcome there)" },
  { name: 'leadYesNo', doc: 'passage: the first paragraph, for a yes/no question (did they agree? is asked of the main outcome)' },
  { name: 'position', doc: "passage: position in the article, 0 first .. 1 last" },
  { name: 'first', doc: "sentence: its paragraph's first (topic) sentence" },
  { name: 'length', doc: 'sentence: length in words, min(1, words / 40): short sentences say less' },
  { name: 'contentAlign', doc: "passage: alignment over the question's words other than the article's names (names are in many passages; the rest tells them apart)" },
  { name: 'sContent', doc: "sentence: alignment over the question's words other than the article's names" },
  { name: 'focusUse', doc: "passage: USE-lite cosine with the question's focus words alone" },
  { name: 'sFocusUse', doc: "sentence: USE-lite cosine with the question's focus words alone" },
  { name: 'windowUse', doc: 'sentence: USE-lite cosine of the better of the two-sentence windows it is in (an answer may span two sentences)' },
  { name: 'passageBestUse', doc: "passage: its best sentence's USE-lite cosine (a passage with one strongly matching sentence)" },
  { name: 'passageBestAlign', doc: "passage: its best sentence's alignment" },
  { name: 'neighbourUse', doc: "sentence: the better of its neighbours' USE-lite cosines (answers often span two sentences)" },
  // Reciprocal ranks, 1 / (1 + rank) among the article's candidates: robust to how the raw
  // scores of a signal spread from one question to the next (reciprocal rank fusion).
  { name: 'rrBm25', doc: 'passage: reciprocal rank of bm25 among passages' },
  { name: 'rrAlign', doc: 'passage: reciprocal rank of align among passages' },
  { name: 'rrUse', doc: 'passage: reciprocal rank of use among passages' },
  { name: 'rrSif', doc: 'passage: reciprocal rank of sif among passages' },
  { name: 'rrSAlign', doc: 'sentence: reciprocal rank of sAlign among sentences' },
  { name: 'rrSUse', doc: 'sentence: reciprocal rank of sUse among sentences' },
  { name: 'rrSSif', doc: 'sentence: reciprocal rank of sSif among sentences' },
] as const satisfies readonly FeatureSpec[];

const INDEX = new Map<string, number>(SENTENCE_FEATURES.map((f, i) => [f.name, i]));
/** A sentence feature's place in the row. */
const at = (name: SentenceFeature): number => INDEX.get(name)!;

/** Fills the derived features (passage aggregates, neighbours, reciprocal ranks) once the raw ones are in. */
function derive(out: Candidate[]): void {
  const byPassage = new Map<string, Candidate[]>();
  for (const c of out) {
    const list = byPassage.get(c.passage.passage.id);
    if (list) list.push(c);
    else byPassage.set(c.passage.passage.id, [c]);
  }
  const [sUse, sAlign] = [at('sUse'), at('sAlign')];
  for (const list of byPassage.values()) {
    const bestUse = Math.max(...list.map((c) => c.x[sUse]!));
    const bestAlign = Math.max(...list.map((c) => c.x[sAlign]!));
    list.forEach((c, i) => {
      c.x[at('passageBestUse')] = bestUse;
      c.x[at('passageBestAlign')] = bestAlign;
      c.x[at('neighbourUse')] = Math.max(list[i - 1]?.x[sUse] ?? 0, list[i + 1]?.x[sUse] ?? 0);
    });
  }
  const reciprocal = (from: SentenceFeature, to: SentenceFeature, perPassage: boolean) => {
    const units = perPassage ? [...byPassage.values()].map((l) => l[0]!) : out;
    const sorted = [...units].sort((a, b) => b.x[at(from)]! - a.x[at(from)]!);
    const rank = new Map(sorted.map((c, i) => [perPassage ? c.passage.passage.id : c.sentence.id, 1 / (1 + i)]));
    for (const c of out) c.x[at(to)] = rank.get(perPassage ? c.passage.passage.id : c.sentence.id) ?? 0;
  };
  reciprocal('bm25', 'rrBm25', true);
  reciprocal('align', 'rrAlign', true);
  reciprocal('use', 'rrUse', true);
  reciprocal('sif', 'rrSif', true);
  reciprocal('sAlign', 'rrSAlign', false);
  reciprocal('sUse', 'rrSUse', false);
  reciprocal('sSif', 'rrSSif', false);
}

/** Per-question features for abstention, in the order of its weight vector. */
export const QUESTION_FEATURES = [
  { name: 'score', doc: "the ranker's score of the best sentence" },
  { name: 'margin', doc: "the best sentence's probability under the ranker's softmax over all sentences" },
  { name: 'coverage', doc: "weighted share of the question's words the article matches anywhere (evidence: same word 1, close vector 0..1)" },
  { name: 'contentCoverage', doc: "coverage of the question's words other than the article's names ('what did Trump wear': wear); 0 when it has none" },
  { name: 'weakest', doc: "evidence for the question's least-matched word, weighted words only: an unmatched topic word says the article is about something else" },
  { name: 'bestSAlign', doc: "the best sentence's alignment" },
  { name: 'bestUse', doc: 'the best USE-lite sentence cosine anywhere in the article' },
  { name: 'unknownName', doc: 'the question names someone or something the article never mentions' },
  { name: 'namesArticle', doc: "the question uses one of the article's names" },
  { name: 'missingShape', doc: 'the question asks for a shape of fact (a number, a date) and no well-matching sentence gives it' },
  { name: 'service', doc: 'a how-to or a task for the asker ("how do I...", "write me...")' },
  { name: 'oneWord', doc: 'the question has a single content word' },
  { name: 'nothingMatched', doc: 'no word of the question has any evidence in the article (coverage exactly 0): nothing to answer from' },
  { name: 'attributeUnmatched', doc: 'the question asks an attribute ("the population of X") the article has no close word for' },
] as const satisfies readonly FeatureSpec[];

export type SentenceFeature = (typeof SENTENCE_FEATURES)[number]['name'];
export type QuestionFeature = (typeof QUESTION_FEATURES)[number]['name'];

/** A candidate answer: one sentence with its passage and feature vector. */
export interface Candidate {
  passage: RankedPassage;
  sentence: Sentence;
  /** Values in `SENTENCE_FEATURES` order. */
  x: number[];
  /** Filled by the ranker. */
  score: number;
}

/** What the feature functions read, prepared once per corpus. */
export interface FeatureContext {
  passages: readonly Passage[];
  /** The article's sentences' SIF embeddings, by sentence id. */
  sentenceSif: ReadonlyMap<string, Float32Array | undefined>;
  /** USE-lite embeddings of passages and sentences, by id (empty without the encoder). */
  passageUse: ReadonlyMap<string, Float32Array>;
  sentenceUse: ReadonlyMap<string, Float32Array>;
  /** USE-lite embeddings of each sentence joined with the next, by the first sentence's id. */
  windowUse: ReadonlyMap<string, Float32Array>;
  sentencePostings: Postings;
  passagePostings: Postings;
  headingPostings: Postings;
  /** Each sentence's words in order, for phrase proximity. */
  sentenceWords: ReadonlyMap<string, readonly string[]>;
  /** The lowercased name words of the article (Putin, NATO). */
  articleNames: ReadonlySet<string>;
  alignUnits(terms: QueryTerm[], postings: Postings): Map<string, number>;
}

/** Sentences shorter than this many words count as short for `length`. */
const LENGTH_SCALE = 40;

/** The same word, inflections aside: what a count of the asked thing itself counts. */
const sameWord: FocusSimilarity = (focus, word) => (focus === word || stem(focus) === stem(word) ? 1 : 0);

/**
 * Shape evidence of one sentence: 1 the exact shape (for a count, of the asked word itself), 0.75
 * a count of a word close to it, 0.5 a loose form, 0 none.
 */
function shapeOf(reading: QuestionReading, text: string, similar: FocusSimilarity): { hard: number; soft: number } {
  const fact = reading.fact;
  if (!fact) return { hard: 0, soft: 0 };
  if (!fact.required) return { hard: 0, soft: statesFact(fact, text, similar) ? 1 : 0 };
  if (fact.kind === 'count' && fact.focus.length) {
    if (statesFact(fact, text, sameWord)) return { hard: 1, soft: 0 };
    if (statesFact(fact, text, similar)) return { hard: 0.75, soft: 0 };
  } else if (statesFact(fact, text, similar)) return { hard: 1, soft: 0 };
  for (let f = relaxed(fact); f; f = relaxed(f)) if (statesFact(f, text, similar)) return { hard: 0.5, soft: 0 };
  return { hard: 0, soft: 0 };
}

/** Every sentence of the article as a candidate, with its features. */
/**
 * USE-lite embeddings of a question: of the question as asked, and of its focus words alone
 * (without "what did", "how many"): a question and its answer read differently, and the bare
 * topic is often closer to the sentence that answers.
 */
export interface QuestionVectors {
  question: Float32Array;
  focus?: Float32Array;
}

/** The question's USE-lite embeddings: of the question, and of its focus words when it has any. */
export async function embedQuestion(encoder: SentenceEncoder, reading: QuestionReading): Promise<QuestionVectors> {
  const [question, focus] = await encoder.embed(reading.focus.length ? [reading.text, reading.focus.join(' ')] : [reading.text]);
  return { question: question!, ...(focus ? { focus } : {}) };
}

export function sentenceCandidates(fx: FeatureContext, reading: QuestionReading, retrieval: Retrieval, vectors?: QuestionVectors): Candidate[] {
  const questionUse = vectors?.question;
  const focusUse = vectors?.focus ?? vectors?.question;
  const { terms } = retrieval;
  const byPassage = new Map(retrieval.ranked.map((r) => [r.passage.id, r]));
  const termOfWord = new Map(terms.map((t) => [t.token.word, t]));
  const similar: FocusSimilarity = (focus, word) => (focus === word ? 1 : (termOfWord.get(focus)?.align.get(word) ?? 0));
  const sAlign = fx.alignUnits(terms, fx.sentencePostings);
  const contentTerms = terms.filter((t) => !t.articleName);
  const pContent = fx.alignUnits(contentTerms, fx.passagePostings);
  const sContent = fx.alignUnits(contentTerms, fx.sentencePostings);
  const exactTerms = terms.map((t) => ({ ...t, align: new Map([...t.align].filter(([, s]) => s >= KIN_SIMILARITY)) }));
  const sExact = fx.alignUnits(exactTerms, fx.sentencePostings);
  const heading = fx.alignUnits(terms.map((t) => ({ ...t, align: new Map([...t.align].map(([w, s]) => [w, evidence(s)])) })), fx.headingPostings);
  const questionNames = terms.filter((t) => t.articleName).map((t) => t.token.word);
  // The sentences that hold each of the question's names, from the postings built once per article.
  const holders = questionNames.map((n) => new Set(fx.sentencePostings.get(n)));
  const nameShare = (holds: (sentences: ReadonlySet<string>) => boolean) => (holders.length ? holders.filter(holds).length / holders.length : 0);
  const yesNo = reading.type === 'yes-no';
  const future = reading.fact?.tense === 'future';
  const introduced = reading.introduces && fx.articleNames.has(reading.introduces) ? firstHolding(fx, reading.introduces) : undefined;
  const last = Math.max(1, fx.passages.length - 1);
  const out: Candidate[] = [];
  for (const p of fx.passages) {
    const r: RankedPassage = byPassage.get(p.id) ?? { passage: p, score: 0, lexical: 0, lexicalShare: 0, alignment: 0, dense: 0, proximity: 0 };
    const shapes = p.sentences.map((s) => shapeOf(reading, s.text, similar));
    const passageShape = Math.max(0, ...shapes.map((s) => s.hard));
    const pUse = questionUse ? Math.max(0, similarity(questionUse, fx.passageUse.get(p.id))) : 0;
    const pFocusUse = focusUse ? Math.max(0, similarity(focusUse, fx.passageUse.get(p.id))) : 0;
    const pNames = nameShare((h) => p.sentences.some((s) => h.has(s.id)));
    p.sentences.forEach((s, i) => {
      const words = fx.sentenceWords.get(s.id) ?? [];
      const x = [
        r.lexicalShare,
        r.alignment,
        Math.max(0, r.dense),
        pUse,
        heading.get(p.id) ?? 0,
        r.proximity,
        sAlign.get(s.id) ?? 0,
        sExact.get(s.id) ?? 0,
        Math.max(0, similarity(retrieval.queryEmbedding, fx.sentenceSif.get(s.id))),
        questionUse ? Math.max(0, similarity(questionUse, fx.sentenceUse.get(s.id))) : 0,
        proximity(terms, words),
        pNames,
        nameShare((h) => h.has(s.id)),
        shapes[i]!.hard,
        shapes[i]!.soft,
        passageShape,
        future && reading.fact && agreesInTense(reading.fact, s.text) ? 1 : 0,
        yesNo && negates(s.text) ? 1 : 0,
        introduced === s.id ? 1 : 0,
        p.order === 0 ? 1 : 0,
        p.order === 0 && yesNo ? 1 : 0,
        p.order / last,
        i === 0 ? 1 : 0,
        Math.min(1, words.length / LENGTH_SCALE),
        pContent.get(p.id) ?? 0,
        sContent.get(s.id) ?? 0,
        pFocusUse,
        focusUse ? Math.max(0, similarity(focusUse, fx.sentenceUse.get(s.id))) : 0,
        questionUse ? Math.max(0, similarity(questionUse, fx.windowUse.get(s.id)), similarity(questionUse, fx.windowUse.get(p.sentences[i - 1]?.id ?? ''))) : 0,
        // Derived below.
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
      ];
      out.push({ passage: r, sentence: s, x, score: 0 });
    });
  }
  derive(out);
  return out;
}

/** The first sentence, in article order, holding a word. */
function firstHolding(fx: FeatureContext, word: string): string | undefined {
  const holding = new Set(fx.sentencePostings.get(word));
  for (const p of fx.passages) for (const s of p.sentences) if (holding.has(s.id)) return s.id;
  return undefined;
}

/** Words with at least this share of the mean term weight count for `weakest`. */
const WEIGHTY = 0.5;

/** What the abstainer reads, besides the ranked candidates. */
export interface QuestionFacts {
  reading: QuestionReading;
  retrieval: Retrieval;
  /** Names in the question the article never mentions. */
  unknownNames: readonly string[];
  namesArticle: boolean;
}

/** The per-question feature vector, from the ranked candidates (best first). */
export function questionFeatures(facts: QuestionFacts, ranked: readonly Candidate[]): number[] {
  const { reading, retrieval } = facts;
  const best = ranked[0];
  const [iAlign, iUse, iShape] = [at('sAlign'), at('sUse'), at('shape')];
  let z = 0;
  for (const c of ranked) z += Math.exp(c.score - (best?.score ?? 0));
  const terms = retrieval.terms;
  const mean = terms.reduce((s, t) => s + t.weight, 0) / Math.max(1, terms.length);
  const weighty = terms.filter((t) => t.weight >= WEIGHTY * mean);
  const weakest = weighty.length ? Math.min(...weighty.map((t) => t.strength)) : 0;
  // A shape counts as given only in a sentence that matches the question about as well as the best does.
  const bestAlign = Math.max(0, ...ranked.map((c) => c.x[iAlign]!));
  const shapeGiven = Math.max(0, ...ranked.filter((c) => c.x[iAlign]! >= 0.5 * bestAlign).map((c) => c.x[iShape]!));
  return [
    best?.score ?? 0,
    z > 0 ? 1 / z : 0,
    retrieval.coverage,
    coverageOf(terms.filter((t) => !t.articleName)),
    weakest,
    best?.x[iAlign] ?? 0,
    Math.max(0, ...ranked.map((c) => c.x[iUse]!)),
    facts.unknownNames.length ? 1 : 0,
    facts.namesArticle ? 1 : 0,
    reading.fact?.required ? 1 - shapeGiven : 0,
    reading.serviceRequest ? 1 : 0,
    terms.length === 1 ? 1 : 0,
    retrieval.coverage === 0 ? 1 : 0,
    reading.attribute.some((w) => (terms.find((t) => t.token.word === w)?.strength ?? 0) === 0) ? 1 : 0,
  ];
}

/** Folded lowercase words of a text, in order (sentence word sequences for proximity). */
export function wordsOf(text: string): string[] {
  return tokenize(foldText(text)).map((t) => t.word);
}
