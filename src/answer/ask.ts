/**
 * question -> Answer. Retrieval ranks passages; the answer is the sentence(s) within the top
 * passages that best answer the question; abstention decides, from calibrated signals, whether the
 * article answers it at all.
 */
import type { Answer, Citation, Document, Passage } from '../types.ts';
import type { QueryTerm, RankedPassage, Retriever } from '../search/retrieve.ts';
import { similarity, type SemanticSpace } from '../search/semantic.ts';
import { contentTerms, tokenize } from '../text/terms.ts';
import { cleanQuestion, expectedFact, hasNumber, MAX_QUESTION_LENGTH, metaIntent, namesIn } from './normalise-question.ts';

/**
 * Abstention operating point, chosen on the dev set and the project's own question sets
 * (`npm run eval` prints the curve). Coverage is the SIF-weighted share of the question's
 * content words the article matches.
 */
export interface AbstainPolicy {
  /** Least SIF-weighted share of the question's content words the article must match. */
  minCoverage: number;
  /** The best sentence must agree with the question at least this much (fused score). */
  minSentenceScore: number;
}

export const ABSTAIN: AbstainPolicy = {
  minCoverage: 0.5,
  minSentenceScore: 0.2,
};

/** How many top passages are searched for the answer sentence. */
const SENTENCE_POOL = 3;
const MAX_CITATIONS = 3;

export interface AskContext {
  document: Document;
  passages: readonly Passage[];
  retriever: Retriever;
  semantic?: SemanticSpace;
  sentenceEmbeddings: Map<string, Float32Array | undefined>;
  /** Lowercased words that occur in the article or its metadata. */
  knownWords: ReadonlySet<string>;
  /** Inverse document frequency of each article term, over passages. */
  idf: (term: string) => number;
  byline: Passage;
  suggestions: string[];
  usageText: string;
  abstain: AbstainPolicy;
}

interface ScoredSentence {
  passage: RankedPassage;
  index: number;
  score: number;
}

function citation(r: RankedPassage): Citation {
  return { id: r.passage.id, label: r.passage.label, heading: r.passage.heading, text: r.passage.text, score: Number(r.score.toFixed(4)) };
}

/** Whether the article knows a name's word, allowing inflections (Ukrainian ~ Ukraine). */
function knows(known: ReadonlySet<string>, word: string): boolean {
  if (known.has(word)) return true;
  if (word.length < 5) return false;
  for (const k of known) {
    if (k.length >= 5 && (word.startsWith(k.slice(0, -1)) || k.startsWith(word.slice(0, -1))) && Math.abs(k.length - word.length) <= 4) return true;
  }
  return false;
}

function notCovered(ctx: AskContext, question: string, unknownNames: string[]): Answer {
  const head = unknownNames.length
    ? `The article does not mention ${listOf(unknownNames)}.`
    : 'The article does not cover that.';
  const text = `${head} It is about “${ctx.document.title}”: you could ask, for example, ${ctx.suggestions.slice(0, 3).map((s) => `“${s}”`).join(', ')}.`;
  return { kind: 'not-covered', question, text, unknownNames, suggestions: ctx.suggestions };
}

function listOf(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function rankSentences(ctx: AskContext, terms: QueryTerm[], pool: RankedPassage[], query?: Float32Array): ScoredSentence[] {
  const best = pool[0]?.score || 1;
  const out: ScoredSentence[] = [];
  const raw: { r: RankedPassage; index: number; lex: number; dense: number }[] = [];
  for (const r of pool) {
    r.passage.sentences.forEach((s, index) => {
      const have = new Set(contentTerms(s.text));
      let lex = 0;
      for (const t of terms) {
        let m = 0;
        for (const [term, w] of t.matched) if (have.has(term)) m = Math.max(m, w);
        lex += m * ctx.idf([...t.matched.keys()][0] ?? t.term) * t.weight;
      }
      raw.push({ r, index, lex, dense: Math.max(0, similarity(query, ctx.sentenceEmbeddings.get(s.id))) });
    });
  }
  const maxLex = Math.max(0, ...raw.map((x) => x.lex)) || 1;
  for (const x of raw) {
    const sentence = ctx.semantic ? 0.6 * (x.lex / maxLex) + 0.4 * x.dense : x.lex / maxLex;
    out.push({ passage: x.r, index: x.index, score: 0.6 * sentence + 0.4 * (x.r.score / best) });
  }
  return out.sort((a, b) => b.score - a.score || a.passage.passage.order - b.passage.passage.order || a.index - b.index);
}

/** The answer: the best sentence, and its neighbour when that helps (a short lead-in, a close second). */
function answerSentences(best: ScoredSentence, scored: ScoredSentence[]): string[] {
  const sentences = best.passage.passage.sentences;
  const me = sentences[best.index]!.text;
  const scoreOf = (i: number) => scored.find((s) => s.passage === best.passage && s.index === i)?.score ?? 0;
  const next = sentences[best.index + 1];
  const prev = sentences[best.index - 1];
  // A short sentence ("Here is the basic logjam.") announces what follows.
  if (next && (me.length < 60 || me.endsWith(':'))) return [me, next.text];
  const candidates = [
    prev && { text: prev.text, score: scoreOf(best.index - 1), before: true },
    next && { text: next.text, score: scoreOf(best.index + 1), before: false },
  ].filter((c): c is { text: string; score: number; before: boolean } => !!c);
  candidates.sort((a, b) => b.score - a.score);
  const second = candidates[0];
  if (second && second.score >= 0.85 * best.score) return second.before ? [second.text, me] : [me, second.text];
  return [me];
}

export function answerQuestion(ctx: AskContext, raw: string): Answer {
  const question = cleanQuestion(raw);
  if (!question) return { kind: 'usage', question, reason: 'empty', text: ctx.usageText };
  if (question.length > MAX_QUESTION_LENGTH) {
    return {
      kind: 'usage', question: question.slice(0, 200), reason: 'too-long',
      text: `That message is ${question.length.toLocaleString('en')} characters long; please ask one question in under ${MAX_QUESTION_LENGTH.toLocaleString('en')} characters.`,
    };
  }

  const intent = metaIntent(question);
  if (intent) {
    const d = ctx.document;
    const text = intent === 'author' && d.author
      ? `The article “${d.title}” was written by ${d.author}.`
      : `The article is titled “${d.title}”${d.author ? `, by ${d.author}` : ''}.`;
    const r: RankedPassage = { passage: ctx.byline, score: 1, lexical: 0, dense: 0 };
    return { kind: 'answered', question, text, sentences: [text], citations: [citation(r)] };
  }

  const unknownNames = namesIn(question)
    .filter((n) => n.tokens.some((t) => !knows(ctx.knownWords, t.word)))
    .map((n) => n.name);
  if (unknownNames.length) return notCovered(ctx, question, unknownNames);

  const retrieval = ctx.retriever.retrieve(question);
  if (retrieval.terms.length === 0) {
    if (tokenize(question).length === 0) return { kind: 'usage', question, reason: 'no-content', text: ctx.usageText };
    return { kind: 'usage', question, reason: 'no-content', text: ctx.usageText };
  }
  const top = retrieval.ranked.filter((r) => r.lexical > 0 || r.dense > 0);
  if (top.length === 0 || retrieval.coverage < ctx.abstain.minCoverage) return notCovered(ctx, question, []);

  const pool = top.slice(0, SENTENCE_POOL);
  const scored = rankSentences(ctx, retrieval.terms, pool, retrieval.queryEmbedding);
  let best = scored[0]!;
  if (expectedFact(question) === 'number') {
    const withNumber = scored.find((s) => hasNumber(s.passage.passage.sentences[s.index]!.text));
    if (!withNumber) return notCovered(ctx, question, []);
    best = withNumber;
  }
  if (best.score < ctx.abstain.minSentenceScore) return notCovered(ctx, question, []);

  const sentences = answerSentences(best, scored);
  // The passage the answer comes from is cited first; then the rest by score.
  const ordered = [best.passage, ...top.filter((r) => r !== best.passage)].slice(0, MAX_CITATIONS);
  return { kind: 'answered', question, text: sentences.join(' '), sentences, citations: ordered.map(citation) };
}
