/**
 * Abstention: whether the article answers a question at all, decided from calibrated signals
 * (how much of the question the article and the answer sentence match, a kind of fact the
 * article does not give, something asked about that no article word speaks of). The operating
 * point is chosen from the curves `npm run eval` prints.
 */
import { evidence, KIN_SIMILARITY, type QueryTerm } from '../search/retrieve.ts';
import type { SemanticSpace } from '../search/semantic.ts';
import type { ConcreteNouns } from '../text/concrete-nouns.ts';
import { oneEditApart, tokenize } from '../text/terms.ts';
import { askedAction, askedAttribute, askedKind, askedPossessor, askedSpeaker, presupposed } from './asked-about.ts';

/**
 * Abstention operating point, chosen on the dev set and the project's own question sets
 * (`npm run eval` prints the curve). Coverage is the SIF-weighted share of the question's
 * content words the article matches.
 */
export interface AbstainPolicy {
  /** Least SIF-weighted share of the question's content words the article must match. */
  minCoverage: number;
  /** The same, for a question that names something the article names. */
  minCoverageNamed: number;
  /** Least weighted share of the question's words the answer sentence itself must match. */
  minSentenceAlign: number;
  /** The same, for a question that names something the article names. */
  minSentenceAlignNamed: number;
}

export const ABSTAIN: AbstainPolicy = {
  minCoverage: 0.45,
  minCoverageNamed: 0.3,
  minSentenceAlign: 0.3,
  minSentenceAlignNamed: 0.25,
};

/** The signals the abstention decision reads, for one question (`npm run eval` and tuning print them). */
export interface AnswerSignals {
  /** Weighted share of the question's words the article matches anywhere. */
  coverage: number;
  /** The question names someone or something the article names (Putin, NATO): it is about the article. */
  namesArticle: boolean;
  /** Weighted share of the question's words the answer sentence matches. */
  sentenceAlign: number;
  /** Alignment of the best passage. */
  passageAlign: number;
  /** A request for a service ("How do I reset my router?", "Can you book me a table?"), naming nothing of the article's. */
  serviceRequest: boolean;
  /** The question asks for a kind of fact (a number of X, a date) and no sentence about it gives one. */
  missingFact: boolean;
  /** The answer sentence gives the kind of fact the question requires ("eight weeks" for "how long"). */
  givesFact: boolean;
  /**
   * The question asks about something the article never speaks of, though its other words match:
   * which X (no article word even loosely related to X), what a speaker said (no article word
   * close to the speaker), what a named person did (no article word related to the act at all).
   */
  unknownAsked: boolean;
}

/**
 * The words of a "which X" question that name a concrete kind ("which hotel" -> hotel); none
 * without the noun list. The article's names are instances, not kinds: WordNet lists "Putin" as a
 * person, and "which airline flew Putin" must not count him as the kind asked for.
 */
export function concreteKindAsked(ctx: ArticleKnowledge, question: string, kind = askedKind(question)): string[] {
  const { concreteNouns } = ctx;
  return concreteNouns ? kind.filter((w) => concreteNouns.has(w) && !ctx.articleNames.has(w)) : [];
}

/**
 * Whether a passage names something of the concrete kind a question asks which one of ("which
 * hotel", "what gifts": see `concreteKindAsked`): a word close to it (cosine above 0.5), or a name the vectors place in
 * that kind ("What countries are involved?" is answered by Russia and Ukraine; names take no part
 * in matching, but the vectors know which kind a name is an instance of). An abstract kind ("what
 * conditions did Putin set?") may be paraphrased, so it is not held to this: true.
 * `literally`: only the word itself or a derivation counts (false for an abstract kind); used to
 * prefer, among passages about the question, one that names the kind outright.
 */
export function namesAskedKind(ctx: ArticleKnowledge, concrete: readonly string[], terms: QueryTerm[], passageText: string, literally = false): boolean {
  const { concreteNouns, semantic } = ctx;
  if (!semantic || !concreteNouns) return true;
  if (concrete.length === 0) return !literally;
  const words = new Set(tokenize(passageText).map((t) => t.word));
  const close = (sim: number) => (literally ? sim >= KIN_SIMILARITY : evidence(sim) > 0);
  if (terms.some((t) => concrete.includes(t.token.word) && [...t.align].some(([w, sim]) => close(sim) && words.has(w)))) return true;
  if (literally) return false;
  const names = [...words].filter((w) => ctx.articleNames.has(w));
  const namable = concrete.filter((k) => NAMED_KINDS.has(concreteNouns.kind(k) ?? ''));
  return namable.some((k) => names.some((n) => (semantic.wordCosine(k, n) ?? 0) >= INSTANCE_MIN_COSINE));
}

/** What the unknown-thing checks need to know of the article. */
export interface ArticleKnowledge {
  semantic?: SemanticSpace;
  concreteNouns?: ConcreteNouns;
  /** The article's names, lowercase. */
  articleNames: ReadonlySet<string>;
}

/** Whether the question asks about something no article word speaks of (see `unknownAsked`). */
export function asksAboutUnknown(ctx: ArticleKnowledge, question: string, terms: QueryTerm[], answerPassage: string): boolean {
  const { semantic } = ctx;
  // Each check asks whether any article word is close to a question word: without word vectors
  // only the same word would count, and an unmatched word says nothing.
  if (!semantic) return false;
  const unmatched = (words: string[], matched: (t: QueryTerm) => boolean) => terms.some((t) => words.includes(t.token.word) && !matched(t));
  // "Which city hosted the talks?": not even loosely related (no word within the vectors' floor).
  const kind = askedKind(question);
  if (unmatched(kind, (t) => t.align.size > 0)) return true;
  // "Which hotel did they stay in?": a concrete kind must be named in the answer's passage, not
  // just the rest of the question matched (the passage is chosen among those that name it).
  if (!namesAskedKind(ctx, concreteKindAsked(ctx, question, kind), terms, answerPassage)) return true;
  // "What is the population of Alaska?", "Who is Putin's wife?": a concrete attribute the article
  // has no word for (no close word anywhere). Abstract ones ("China's role") may be paraphrased.
  const { concreteNouns } = ctx;
  if (concreteNouns) {
    const attribute = askedAttribute(question).filter((w) => concreteNouns.has(w));
    if (unmatched(attribute, (t) => t.strength > 0)) return true;
    // "What was served at the dinner?": a thing the question takes for granted (the X, X a food,
    // a substance, a plant or animal) and the article has no close word for ("dinner" is 0.56
    // from "meeting", strength 0.19). People, places and groups are left out, since an article
    // may name them in other words ("the expert" is "a transport economist"); so are artifacts,
    // which news writing uses as metaphors ("left out of the room"), and property ("the land" is
    // "territory").
    const things = presupposed(question).filter((w) => THING_KINDS.has(concreteNouns.kind(w) ?? ''));
    if (unmatched(things, (t) => t.strength >= PRESUPPOSED_MIN_STRENGTH)) return true;
  }
  // "What is the speed of light?": the thing whose attribute is asked must be one the article
  // speaks of (a close word), or the attribute's word matches in another sense ("speedy").
  if (unmatched(askedPossessor(question), (t) => t.strength > 0 || t.articleName)) return true;
  // "What did the state governor say?": as an unknown name, for a common noun (evidence > 0: cosine above 0.5).
  if (unmatched(askedSpeaker(question), (t) => t.strength > 0)) return true;
  // "What did Trump wear?": the name is the article's, the act is nothing it speaks of.
  const names = new Set(terms.filter((t) => t.articleName).map((t) => t.token.word));
  // Only an act with no related word at all: "lose" or "support" are close enough to what an
  // article of this kind discusses (cosine 0.46-0.49) to be put in its other words.
  return unmatched(askedAction(question, (w) => names.has(w)), (t) => t.align.size > 0);
}

/** Whether the signals say the article does not answer the question. */
export function declines(signals: AnswerSignals, policy: AbstainPolicy): boolean {
  const minCoverage = signals.namesArticle ? policy.minCoverageNamed : policy.minCoverage;
  // A sentence that gives the required shape in a passage about the question is evidence of its
  // own, so it is held to the lower bar, as a question naming the article's names is.
  const minSentenceAlign = signals.namesArticle || signals.givesFact ? policy.minSentenceAlignNamed : policy.minSentenceAlign;
  return signals.serviceRequest || signals.missingFact || signals.unknownAsked || signals.coverage < minCoverage || signals.sentenceAlign < minSentenceAlign;
}

/** Kinds whose instances have names: places, people, organisations (not gifts or hotels). */
const NAMED_KINDS = new Set(['location', 'person', 'group']);
/** Kinds of things a question may take for granted (WordNet lexicographer files). */
const THING_KINDS = new Set(['food', 'substance', 'animal', 'plant', 'body']);
/** Least evidence (cosine about 0.6) for the article to speak of a thing a question takes for granted. */
const PRESUPPOSED_MIN_STRENGTH = 0.35;
/** Least cosine of a kind ("countries") to a name for the name to count as one of that kind (Russia 0.38). */
const INSTANCE_MIN_COSINE = 0.3;
/** Whether the article knows a name's word, allowing inflections (Ukrainian ~ Ukraine) and a typo (Ukriane). */
export function knows(known: ReadonlySet<string>, word: string): boolean {
  if (known.has(word)) return true;
  if (word.length < 5) return false;
  for (const k of known) {
    if (k.length >= 5 && oneEditApart(word, k)) return true;
    if (k.length >= 5 && (word.startsWith(k.slice(0, -1)) || k.startsWith(word.slice(0, -1))) && Math.abs(k.length - word.length) <= 4) return true;
  }
  return false;
}

