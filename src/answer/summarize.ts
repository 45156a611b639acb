/**
 * Cited, extractive summaries of the article: of the whole, of one section, or of what it says
 * about a topic. Points are sentences taken verbatim, chosen for centrality (LexRank over a
 * sentence similarity graph), closeness to their section's heading and to the title, and a light
 * position prior, then spread out by MMR with a section penalty, and shown in article order.
 *
 * The graph and every score that does not depend on the request are computed once, when the
 * summarizer is built; a request then only runs the selection.
 */
import type { Answer, Citation, Document, Passage, Section, Summary, SummaryOptions, SummaryPoint } from '../types.ts';
import type { Retriever } from '../search/retrieve.ts';
import { similarity, type SemanticSpace } from '../search/semantic.ts';
import { clipText, contentTerms, tokenize } from '../text/terms.ts';
import { clipPoint } from './clip-point.ts';
import { findSection, parseSummaryArgs, sectionList } from './parse-summary-request.ts';
import {
  blendedSimilarity, buildSentenceGraph, lexRank, sentenceUnits, termVector, unitEmbedder, type SentenceUnit,
} from './rank-sentences-lexrank.ts';
import { selectByMmr, type MmrOptions } from './select-points-mmr.ts';

export interface SummaryContext {
  document: Document;
  sections: Section[];
  passages: readonly Passage[];
  retriever: Retriever;
  semantic?: SemanticSpace;
  sentenceEmbeddings: Map<string, Float32Array | undefined>;
  idf: (term: string) => number;
  ask: (question: string) => Promise<Answer>;
  /** Typo correction for a requested topic ("sanctons" -> "sanctions"); identity when unavailable. */
  spellCheck?: (text: string) => string;
}

/** Points per summary: the default and the range a request may ask for. */
export const SUMMARY_POINTS = { default: 5, min: 1, max: 10 };

/**
 * How much each signal counts in a point's relevance to the whole article (they sum to 1).
 * Centrality finds what the article keeps returning to; closeness to the section's heading picks
 * the sentence that states what its section is about, closeness to the title the article's news;
 * the position prior favours the lead and the topic sentences that open sections and paragraphs.
 * Chosen on this article and checked on `tests/fixtures/corpus-second`, with and without vectors.
 */
export const ARTICLE_WEIGHTS = { centrality: 0.18, heading: 0.23, title: 0.18, position: 0.41 };
/** For a topic: how much the topic counts against the article-wide relevance above. */
export const TOPIC_WEIGHT = 0.7;
/** A passage is about the topic when it scores at least this share of the best passage's score. */
const TOPIC_PASSAGE_SHARE = 0.4;
/** Selection: relevance against redundancy, and the cost of a second point from one section. */
export const MMR: Omit<MmrOptions, 'count'> = { lambda: 0.5, sectionPenalty: 0.3 };
/** Position prior: a lead sentence, a section's opening sentence, a paragraph's opening sentence. */
const POSITION = { lead: 0.6, sectionFirst: 0.8, paragraphFirst: 0.5 };
/** Units with fewer content words than this say too little to stand alone as a point. */
const INFORMATIVE_TERMS = 8;

type Scope = Extract<Summary, { kind: 'summary' }>['scope'];

function normalised(values: number[]): number[] {
  const max = Math.max(0, ...values);
  return values.map((v) => (max > 0 ? v / max : 0));
}

/**
 * How relevant each unit is to the whole article, independent of any request, and how close each
 * is to the title (a headline states the outcome).
 */
function articleRelevance(units: SentenceUnit[], sim: number[][], ctx: SummaryContext): { relevance: number[]; toTitle: number[] } {
  const centrality = lexRank(sim);
  const signal = (text: string) => ({ terms: termVector(text, ctx.idf), embedding: ctx.semantic?.embed(text) });
  const title = signal(ctx.document.title);
  const headings = new Map(ctx.document.sections.map((s) => [s.number, s.number === 0 ? title : signal(s.heading)]));
  const toTitle = normalised(units.map((u) => blendedSimilarity(u, title)));
  const toHeading = normalised(units.map((u) => blendedSimilarity(u, headings.get(u.passage.sectionNumber) ?? title)));
  const firstPassage = units[0]?.passage;
  const relevance = units.map((u, i) => {
    const opensParagraph = u.sentences[0]!.index === 0;
    const position = u.passage === firstPassage ? POSITION.lead
      : opensParagraph && u.passage.paragraphNumber === 1 ? POSITION.sectionFirst
      : opensParagraph ? POSITION.paragraphFirst
      : 0;
    const informative = Math.min(1, new Set(contentTerms(u.text)).size / INFORMATIVE_TERMS);
    const w = ARTICLE_WEIGHTS;
    return informative * (w.centrality * centrality[i]! + w.heading * toHeading[i]! + w.title * toTitle[i]! + w.position * position);
  });
  return { relevance, toTitle };
}

export function createSummarizer(ctx: SummaryContext) {
  const sections = ctx.sections.filter((s) => s.docId === ctx.document.id);
  const passages = sections.flatMap((s) => s.passages);
  const units = sentenceUnits(passages, ctx.idf, unitEmbedder(ctx.semantic, ctx.sentenceEmbeddings));
  const graph = buildSentenceGraph(units);
  const { relevance, toTitle } = articleRelevance(units, graph.similarity, ctx);
  // The lead and the closing section frame the article: both restate its thesis, so for
  // diversity they count as one part (one of them carries the thesis; the body carries the rest).
  const first = sections[0]?.number;
  const last = sections.length >= 3 ? sections[sections.length - 1]!.number : undefined;
  const groupOf = (u: SentenceUnit) => (u.passage.sectionNumber === first || u.passage.sectionNumber === last ? -1 : u.passage.sectionNumber);

  function point(u: SentenceUnit, score: number): SummaryPoint {
    const p = u.passage;
    const citation: Citation = { id: p.id, label: p.label, heading: p.heading, text: p.text, score: Number(score.toFixed(4)) };
    return { text: clipPoint(u.text), citation };
  }

  function pick(candidates: { unit: SentenceUnit; relevance: number }[], count: number): SummaryPoint[] {
    const byIndex = new Map(candidates.map((c) => [c.unit.index, c]));
    const chosen = selectByMmr(
      candidates.map((c) => ({ index: c.unit.index, group: groupOf(c.unit), relevance: c.relevance })),
      graph.similarity,
      { ...MMR, count },
    );
    return chosen.map((i) => point(byIndex.get(i)!.unit, byIndex.get(i)!.relevance));
  }

  const summary = (scope: Scope, points: SummaryPoint[]): Summary => ({ kind: 'summary', title: ctx.document.title, scope, points });

  /**
   * Units relevant to a topic: in a passage the retriever ranks near the top, and naming one of
   * the topic's terms (or, when none does, closest in meaning). Relevance blends the topic with
   * the article-wide signal, so among equally relevant sentences the more central one wins.
   */
  function topicCandidates(topic: string, pool: SentenceUnit[]): { unit: SentenceUnit; relevance: number }[] {
    const retrieval = ctx.retriever.retrieve(topic);
    const top = retrieval.ranked[0]?.score ?? 0;
    const passageScore = new Map(retrieval.ranked.filter((r) => r.score >= TOPIC_PASSAGE_SHARE * top).map((r) => [r.passage.id, r.score / top]));
    const inScope = pool.filter((u) => passageScore.has(u.passage.id));
    const total = retrieval.terms.reduce((s, t) => s + t.weight, 0) || 1;
    const named = inScope.map((u) => retrieval.terms.reduce((s, t) => s + (u.terms.has(t.term) ? t.weight : 0), 0) / total);
    const dense = inScope.map((u) => Math.max(0, similarity(retrieval.queryEmbedding, u.embedding)));
    const anyNamed = named.some((x) => x > 0);
    const maxDense = Math.max(0, ...dense);
    const topicScore = inScope.map((u, k) => {
      const eligible = anyNamed ? named[k]! > 0 : dense[k]! > 0 && dense[k]! >= TOPIC_PASSAGE_SHARE * maxDense;
      return eligible ? 0.5 * named[k]! + 0.25 * dense[k]! + 0.25 * passageScore.get(u.passage.id)! : 0;
    });
    const norm = normalised(topicScore);
    return inScope
      .map((unit, k) => ({ unit, relevance: TOPIC_WEIGHT * norm[k]! + (1 - TOPIC_WEIGHT) * relevance[unit.index]! }))
      .filter((_, k) => norm[k]! > 0);
  }

  /**
   * The whole article: first the lead's sentence closest to the title (a news lead and its
   * headline state the outcome, so a summary never omits it), then the body. The lead and the closing section are one part
   * for diversity, so once the lead speaks the rest come from the body.
   */
  function articlePoints(count: number): SummaryPoint[] {
    const lead = units.filter((u) => u.passage === passages[0]);
    // What the headline says happened, without who it happened to: the article's names are in
    // every lead sentence, the outcome in one.
    const said = ctx.document.title.split(/\s+/).filter((w) => !tokenize(w).some((t) => ctx.retriever.names.has(t.word))).join(' ');
    const outcome = { terms: termVector(said, ctx.idf), embedding: ctx.semantic?.embed(said) };
    const fit = (u: SentenceUnit) => blendedSimilarity(u, outcome) + toTitle[u.index]! * 1e-3;
    const best = lead.reduce<SentenceUnit | undefined>((b, u) => (!b || fit(u) > fit(b) ? u : b), undefined);
    if (!best) return pick(units.map((unit) => ({ unit, relevance: relevance[unit.index]! })), count);
    const body = units.filter((u) => groupOf(u) !== -1);
    const rest = count > 1 ? pick((body.length ? body : units.filter((u) => u !== best)).map((unit) => ({ unit, relevance: relevance[unit.index]! })), count - 1) : [];
    return [point(best, relevance[best.index]!), ...rest];
  }

  function sectionsText(): string {
    return `Its sections are:\n${sectionList(sections)}`;
  }

  async function summarize(options: SummaryOptions = {}): Promise<Summary> {
    const count = options.points ?? SUMMARY_POINTS.default;
    if (!Number.isInteger(count) || count < SUMMARY_POINTS.min || count > SUMMARY_POINTS.max) {
      return {
        kind: 'usage',
        text: `A summary has ${SUMMARY_POINTS.min} to ${SUMMARY_POINTS.max} points (default ${SUMMARY_POINTS.default}); “${clipText(String(options.points), 20)}” is not a whole number in that range.`,
      };
    }
    let pool = units;
    let scope: Scope = { type: 'article' };
    const sectionName = options.section?.trim();
    if (sectionName) {
      const section = findSection(sections, sectionName);
      if (!section) return { kind: 'usage', text: `There is no section “${clipText(sectionName, 80)}” in the article. ${sectionsText()}` };
      pool = units.filter((u) => u.passage.sectionNumber === section.number);
      scope = { type: 'section', heading: section.heading, number: section.number };
    }
    const asked = options.topic && clipText(options.topic.replace(/\s+/g, ' ').trim(), 200);
    const topic = asked && ctx.spellCheck ? ctx.spellCheck(asked) : asked;
    if (!topic && scope.type === 'article') return summary(scope, articlePoints(count));
    if (!topic) return summary(scope, pick(pool.map((unit) => ({ unit, relevance: relevance[unit.index]! })), count));

    // Whether the article covers the topic at all is the question answerer's decision.
    const answer = await ctx.ask(`What does the article say about ${topic}?`);
    if (answer.kind === 'usage') return { kind: 'usage', text: `“${topic}” names nothing to look up; try a subject such as a person, a place or an issue.` };
    const candidates = answer.kind === 'not-covered' ? [] : topicCandidates(topic, pool);
    if (candidates.length === 0) {
      const where = scope.type === 'section' ? `The section “${scope.heading}” does not discuss ${topic}.` : `The article does not cover ${topic}.`;
      return { kind: 'not-covered', topic, text: `${where} ${sectionsText()}` };
    }
    return summary(scope.type === 'section' ? scope : { type: 'topic', topic }, pick(candidates, count));
  }

  return {
    summarize,
    summarizeText: (args: string): Promise<Summary> => summarize(parseSummaryArgs(args, sections)),
  };
}
