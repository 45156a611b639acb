/**
 * The public surface of the answer core. Adapters import from here and nowhere else in `src/`.
 * Nothing in `src/` imports a chat SDK or reads the environment.
 */
export type {
  Answer, Answerer, AskOptions, Citation, ConversationTurn, Document, HelpInfo, Passage, PassageLookup, Section, Sentence,
  Summary, SummaryOptions, SummaryPoint,
} from './types.ts';
export { createAnswerer, type AnswererOptions } from './answer/answerer.ts';
export { createThreadedAnswerer, type ThreadedAnswerer, type ThreadedAnswererOptions } from './answer/threaded-answerer.ts';
export { loadCorpus, CorpusError } from './corpus/load-corpus.ts';
export { MAX_QUESTION_LENGTH, cleanQuestion } from './answer/normalise-question.ts';
export { isFollowUpForm } from './answer/follow-up.ts';
export { DEFAULT_VECTORS_PATH, VECTORS_FORMAT } from './search/word-vectors.ts';
