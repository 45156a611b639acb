/**
 * Builds the answer core for a corpus: passages, the minisearch index, word vectors and the
 * precomputed embeddings, behind the `Answerer` interface the adapters use.
 */
import type { Answer, Answerer, AskOptions, Citation, Document, HelpInfo, Passage, PassageLookup, Summary, SummaryOptions } from '../types.ts';
import { loadCorpus } from '../corpus/load-corpus.ts';
import { buildIndex } from '../search/search-index.ts';
import { createRetriever, postingsOf } from '../search/retrieve.ts';
import { contentWords, SemanticSpace } from '../search/semantic.ts';
import { embedCorpus, loadUseEncoder, type SentenceEncoder } from '../search/sentence-encoder.ts';
import { cosine, loadWordVectors, type WordVectors } from '../search/word-vectors.ts';
import { correctQuestion, Speller } from '../text/spelling.ts';
import { clipText, contentTerms, tokenize } from '../text/terms.ts';
import { embedQuestion, wordsOf, type FeatureContext } from '../rank/features.ts';
import { compileScorer, type ScorerModel } from '../rank/model.ts';
import { answerAsked, askedQuestion, type AskContext } from './ask.ts';
import { createSummarizer } from './summarize.ts';
import { resolveAboutStory, resolveFollowUp } from './follow-up.ts';
import { cleanQuestion, MAX_QUESTION_LENGTH, summaryRequest } from './normalise-question.ts';

/** Points in a summary asked for in chat: an answer has one to three sentences. */
const CHAT_SUMMARY_POINTS = 3;

/** A summary as an answer: its points are the sentences, their passages the citations. */
function summaryAnswer(question: string, summary: Summary, suggestions: string[]): Answer {
  if (summary.kind === 'usage') return { kind: 'usage', question, reason: 'no-content', text: summary.text };
  if (summary.kind === 'not-covered') return { kind: 'not-covered', question, text: summary.text, unknownNames: [], suggestions };
  const sentences = summary.points.map((p) => p.text);
  const citations = new Map<string, Citation>();
  for (const p of summary.points) if (!citations.has(p.citation.id)) citations.set(p.citation.id, p.citation);
  return { kind: 'answered', question, text: sentences.join(' '), sentences, citations: [...citations.values()].slice(0, CHAT_SUMMARY_POINTS) };
}

export interface AnswererOptions {
  /** Folder of `.md` articles; default `corpus`. Ignored when `documents` is given. */
  corpusDir?: string;
  /** Already-loaded documents (tests, other corpora). */
  documents?: Document[];
  /**
   * Word vectors: a path to the cache, `false` for keywords only, or loaded vectors.
   * Default: the cache built at install, when present.
   */
  vectors?: string | false | WordVectors;
  /**
   * The neural sentence encoder (USE-lite): a loaded encoder, `false` for none (the USE features
   * are then 0), or default: USE-lite from the installed packages.
   */
  encoder?: SentenceEncoder | Promise<SentenceEncoder> | false;
  /** Where the article's sentence embeddings are cached (default `.cache/embeddings`), or `false` for no cache. */
  embeddingCache?: string | false;
  /** The scorer's weights; default the fitted `rank/scorer-weights.json` (training passes its own). */
  scorer?: ScorerModel;
  /** Correct typos in questions (default true; needs the word vectors' vocabulary). */
  spelling?: boolean;
  /** Receives the internal answering context (developer tools: tuning and debugging). */
  onContext?: (ctx: AskContext) => void;
}

function bylinePassage(doc: Document): Passage {
  const text = `${doc.title}${doc.author ? `. By ${doc.author}` : ''}`;
  const id = `${doc.id}/byline`;
  return {
    id, docId: doc.id, sectionNumber: 0, paragraphNumber: 0, heading: 'Title and byline', label: 'Title and byline',
    text, sentences: [{ id: `${id}/t1`, passageId: id, text, index: 0 }], order: -1,
  };
}

export function createAnswerer(options: AnswererOptions = {}): Answerer {
  const documents = options.documents ?? loadCorpus(options.corpusDir ?? 'corpus');
  const document = documents[0]!;
  const passages = documents.flatMap((d) => d.sections.flatMap((s) => s.passages));
  const byId = new Map(passages.map((p) => [p.id, p]));

  const vectors = options.vectors === false ? undefined
    : typeof options.vectors === 'object' ? options.vectors
    : loadWordVectors(options.vectors);

  const knownWords = new Set<string>();
  for (const d of documents) {
    for (const t of tokenize([d.title, d.author ?? '', ...d.sections.map((s) => s.heading)].join(' '))) knownWords.add(t.word);
  }
  for (const p of passages) for (const t of tokenize(p.text)) knownWords.add(t.word);

  let semantic: SemanticSpace | undefined;
  const passageEmbeddings = new Map<string, Float32Array | undefined>();
  const sentenceEmbeddings = new Map<string, Float32Array | undefined>();
  if (vectors) {
    semantic = new SemanticSpace(vectors, knownWords);
    semantic.fitCommonComponent(passages.flatMap((p) => p.sentences.map((s) => s.text)));
    for (const p of passages) {
      passageEmbeddings.set(p.id, semantic.embed(`${p.heading}. ${p.text}`));
      for (const s of p.sentences) sentenceEmbeddings.set(s.id, semantic.embed(s.text));
    }
  }

  const index = buildIndex(passages);
  const retriever = createRetriever(index, passages, semantic, passageEmbeddings);
  // Typos are corrected towards real words that fit the question: needs the vectors' vocabulary.
  const speller = options.spelling !== false && vectors ? new Speller({
    rank: (w) => vectors.rank(w),
    fit(word, context) {
      const v = vectors.vector(word);
      let sum = 0;
      let n = 0;
      for (const c of context) {
        const u = vectors.vector(c);
        if (v && u) {
          sum += cosine(v, u);
          n++;
        }
      }
      return n ? sum / n : 0;
    },
  }, knownWords) : undefined;

  const df = new Map<string, number>();
  for (const p of passages) for (const t of new Set(contentTerms(`${p.heading} ${p.text}`))) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = (term: string) => Math.log(1 + (passages.length - (df.get(term) ?? 0) + 0.5) / ((df.get(term) ?? 0) + 0.5));

  const sections = documents.flatMap((d) => d.sections);
  const examples = document.examples?.length
    ? document.examples
    : sections.filter((s) => s.number > 0).slice(0, 4).map((s) => `What does the article say about ${s.heading.replace(/:.*/, '')}?`);
  const helpInfo: HelpInfo = {
    title: document.title,
    author: document.author,
    examples,
    sections: sections.map((s) => ({ number: s.number, heading: s.heading })),
  };
  const usageText =
    `Ask me a question about “${document.title}”, for example ${examples.slice(0, 2).map((e) => `“${e}”`).join(' or ')}.`;

  const sentencePostings = postingsOf(passages.flatMap((p) => p.sentences.map((s) => [s.id, contentWords(s.text)] as const)));
  const passageUse = new Map<string, Float32Array>();
  const sentenceUse = new Map<string, Float32Array>();
  const windowUse = new Map<string, Float32Array>();
  const features: FeatureContext = {
    passages, sentenceSif: sentenceEmbeddings, passageUse, sentenceUse, windowUse, sentencePostings,
    headingPostings: postingsOf(passages.map((p) => [p.id, contentWords(p.heading)] as const)),
    passagePostings: postingsOf(passages.map((p) => [p.id, contentWords(`${p.heading} ${p.text}`)] as const)),
    sentenceWords: new Map(passages.flatMap((p) => p.sentences.map((s) => [s.id, wordsOf(s.text)] as const))),
    articleNames: retriever.names,
    alignUnits: (terms, postings) => retriever.alignUnits(terms, postings),
  };
  const ctx: AskContext = {
    document, retriever, features, scorer: compileScorer(options.scorer), knownWords,
    byline: bylinePassage(document), suggestions: examples, usageText, speller,
  };
  options.onContext?.(ctx);

  // The encoder and the article's embeddings load in the background; ask() waits for them.
  const encoderLoad = options.encoder === false ? undefined : Promise.resolve(options.encoder ?? loadUseEncoder());
  let encoder: SentenceEncoder | undefined;
  const ready: Promise<void> = (async () => {
    if (!encoderLoad) return;
    encoder = await encoderLoad;
    const units = passages.flatMap((p) => [
      { id: p.id, text: `${p.heading}. ${p.text}`, map: passageUse },
      ...p.sentences.map((s) => ({ id: s.id, text: s.text, map: sentenceUse })),
      ...p.sentences.slice(0, -1).map((s, i) => ({ id: s.id, text: `${s.text} ${p.sentences[i + 1]!.text}`, map: windowUse })),
    ]);
    const vectors = await embedCorpus(encoder, units.map((u) => u.text), options.embeddingCache);
    units.forEach((u, i) => u.map.set(u.id, vectors[i]!));
  })();
  // Surfaced by `ready` and by ask(); never an unhandled rejection.
  ready.catch(() => {});

  /** The answer core with the question's USE-lite embeddings, once the encoder is ready. */
  async function answerWithVectors(question: string): Promise<Answer> {
    await ready;
    const asked = askedQuestion(ctx, question);
    if ('kind' in asked) return asked;
    return answerAsked(ctx, asked, encoder && await embedQuestion(encoder, asked.reading));
  }

  const summarizer = createSummarizer({
    document, sections, passages, retriever, semantic, sentenceEmbeddings, idf,
    ask: (q) => answerWithVectors(q),
    spellCheck: speller && ((t) => correctQuestion(speller, t)),
  });

  return {
    document,
    ready,
    async ask(question: string, askOptions: AskOptions = {}): Promise<Answer> {
      // "summarise the article", "tl;dr", "what's the gist of the road ahead section?" in chat
      // get what /summary gives, in as many points as an answer has sentences.
      const cleaned = cleanQuestion(question);
      if (cleaned.length > MAX_QUESTION_LENGTH) return answerWithVectors(question);
      const request = summaryRequest(cleaned);
      if (request !== undefined) return summaryAnswer(cleaned, await summarizer.summarizeText(`${CHAT_SUMMARY_POINTS} ${request}`), ctx.suggestions);
      // A follow-up is answered as the question it stands for, and says how it was read.
      const followUp = resolveFollowUp(cleaned, askOptions.conversation, { isName: (w) => retriever.names.has(w) })
        ?? resolveAboutStory(cleaned, document.title);
      if (!followUp) return answerWithVectors(question);
      const answer = await answerWithVectors(followUp.text);
      return answer.kind === 'usage' ? { ...answer, question: cleaned } : { ...answer, question: cleaned, readAs: answer.readAs ?? followUp.text };
    },
    summarize: (opts: SummaryOptions = {}): Promise<Summary> => summarizer.summarize(opts),
    summarizeText: (args: string): Promise<Summary> => summarizer.summarizeText(args),
    passage(id: string): PassageLookup {
      const key = String(id ?? '').trim().replace(/^<|>$/g, '');
      const p = byId.get(key) ?? (key === ctx.byline.id ? ctx.byline : undefined);
      if (p) return { kind: 'passage', passage: p };
      const shown = key.length > 80 ? `${clipText(key, 80)}…` : key;
      return {
        kind: 'not-found', id: shown,
        text: `There is no passage “${shown}”. Passage ids look like ${passages[0]?.id ?? 'doc/s1/p1'} (section s, paragraph p); every answer's citations show theirs.`,
      };
    },
    passages: () => passages,
    help: () => helpInfo,
  };
}
