/** Placeholder until summaries land (issue 4): every call is a usage reply. */
import type { Answer, Document, Passage, Section, Summary, SummaryOptions } from '../types.ts';
import type { Retriever } from '../search/retrieve.ts';
import type { SemanticSpace } from '../search/semantic.ts';

export interface SummaryContext {
  document: Document;
  sections: Section[];
  passages: readonly Passage[];
  retriever: Retriever;
  semantic?: SemanticSpace;
  sentenceEmbeddings: Map<string, Float32Array | undefined>;
  idf: (term: string) => number;
  ask: (question: string) => Answer;
}

export function createSummarizer(_ctx: SummaryContext) {
  const notYet: Summary = { kind: 'usage', text: 'Summaries are not available yet.' };
  return {
    summarize: (_o: SummaryOptions): Summary => notYet,
    summarizeText: (_t: string): Summary => notYet,
  };
}
