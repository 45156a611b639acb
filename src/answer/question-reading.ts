/**
 * Reads a question once, into one `QuestionReading`: what type of question it is, what it is
 * about (focus words, names), what it asks of that (an attribute, a shape of fact) and whether it
 * is negated. Everything downstream (the features, abstention's reason, the summary and
 * author replies) reads this value instead of reparsing the text.
 *
 * General English only: question words, auxiliaries and the answer shapes of `expected-fact.ts`.
 * Nothing here knows any article; the `names` it reads are split into known and unknown by the
 * caller, which knows the article's words.
 */
import { foldText, isContent, tokenize, withoutQuestionFraming } from '../text/terms.ts';
import { askedAttribute, asksForService, introducedName, isYesNoQuestion } from './asked-about.ts';
import { expandContractions, expectedFact, type ExpectedFact } from './expected-fact.ts';
import { metaIntent, namesIn, summaryRequest } from './normalise-question.ts';

export type QuestionType =
  | 'who' | 'what' | 'which' | 'when' | 'where' | 'how-many' | 'how-much' | 'how-long' | 'how' | 'why'
  | 'yes-no' | 'definition' | 'summary' | 'author' | 'title' | 'greeting' | 'other';

export interface QuestionReading {
  /** The question as read (typos corrected, markup removed). */
  text: string;
  type: QuestionType;
  /** Content words the question is about, lowercased, framing removed ("what did trump offer putin" -> trump, offer, putin). */
  focus: string[];
  /** Names as written in the question ("Boris Johnson"), with their lowercased words. */
  names: { name: string; words: string[] }[];
  /** The attribute asked of something: "the population of Alaska" -> population. */
  attribute: string[];
  /** The shape of fact the answer should have (a count, a date, a place...), when the wording asks for one. */
  fact?: ExpectedFact;
  /** "Who is X?" with X written as a name: the last word of X, lowercased (the caller checks it is the article's). */
  introduces?: string;
  /** The question itself negates ("why didn't they agree?"). */
  negated: boolean;
  /** A how-to or a task for the asker ("How do I reset my router?", "write me a poem"), not a question about a text. */
  serviceRequest: boolean;
  /** For a summary request: what to summarise ("" for the whole article). */
  summaryOf?: string;
}

const GREETING = /^(?:\W*(?:hi|hello|hey|yo|hiya|howdy|thanks?|thank you|thx|ty|cheers|ok(?:ay)?|cool|nice|great|lol|lmao|haha+|good (?:morning|afternoon|evening)|bye|goodbye|see ya|np|no worries|got it|sounds good|awesome|perfect|wow)\b)+\W*(?:bot|you|all|everyone|guys|so much|a lot)?\W*$/i;
const DEFINITION = /^(?:\W*(?:ok|so|and|but|hey)\W+)*(?:what(?:'s| is| are| does| do)\b.*\b(?:mean|means|meaning|stand for|stands for)\b|what(?:'s| is| are) (?:an? )?[a-z-]+(?: [a-z-]+)?\W*$|define\b|meaning of\b|definition of\b)/i;
const NEGATED = /\b(?:not|no|never|without)\b|n't\b/i;

function typeOf(q: string, fact: ExpectedFact | undefined): QuestionType {
  if (isYesNoQuestion(q)) return 'yes-no';
  if (DEFINITION.test(q)) return 'definition';
  if (fact?.kind === 'count' || /\bhow many\b/.test(q)) return 'how-many';
  if (fact?.kind === 'amount' || /\bhow much\b/.test(q)) return 'how-much';
  if (fact?.kind === 'length' || /\bhow long\b/.test(q)) return 'how-long';
  if (fact?.kind === 'time' || fact?.kind === 'clock') return 'when';
  if (fact?.kind === 'place' || /\bwhere\b/.test(q)) return 'where';
  if (/\bwhy\b|\bhow come\b/.test(q)) return 'why';
  if (/\bwho(?:m|se)?\b/.test(q)) return 'who';
  if (/\bwhich\b/.test(q)) return 'which';
  if (/\bhow\b/.test(q)) return 'how';
  if (/\bwhat\b/.test(q)) return 'what';
  return 'other';
}

/** Reads a cleaned, corrected question. Never throws. */
export function readQuestionText(question: string): QuestionReading {
  const text = question.trim();
  const q = expandContractions(foldText(text).toLowerCase());
  const base = { text, negated: NEGATED.test(q), names: [], attribute: [], focus: [], serviceRequest: false };
  const meta = metaIntent(text);
  if (meta) return { ...base, type: meta };
  const summaryOf = summaryRequest(text);
  if (summaryOf !== undefined) return { ...base, type: 'summary', summaryOf };
  if (GREETING.test(q)) return { ...base, type: 'greeting' };
  const fact = expectedFact(text);
  const names = namesIn(text).map((n) => ({ name: n.name, words: n.tokens.map((t) => t.word) }));
  const nameWords = new Set(names.flatMap((n) => n.words));
  const introduces = introducedName(text, (w) => nameWords.has(w));
  return {
    ...base,
    type: typeOf(q, fact),
    focus: [...new Set(withoutQuestionFraming(tokenize(text)).filter(isContent).map((t) => t.word))],
    names,
    attribute: askedAttribute(text),
    ...(fact ? { fact } : {}),
    ...(introduces ? { introduces } : {}),
    serviceRequest: asksForService(text),
  };
}
