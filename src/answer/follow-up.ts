/**
 * Follow-up questions: a question that leans on the conversation ("why?", "and Putin?", "what
 * about China?", "why would it care?") is rewritten, against the previous question as the core
 * read it, into a question that stands on its own ("why did Trump offer Putin …", "what did Putin
 * want", "why would China care"). The rewritten question then goes through the same reading,
 * scoring and abstention as any other; the answer's `readAs` shows it.
 *
 * Three general English forms, nothing keyed to an article:
 * - a bare question word (an ellipsis): "why?", "how so?", "when?", "why not?";
 * - a new topic for the same question: "and X?", "what about X?", "how about X?", "X too?";
 * - a third-person pronoun (he, she, it, they, his, their …) standing for the previous topic.
 * A question that is none of these stands on its own and ignores the conversation.
 */
import type { ConversationTurn } from '../types.ts';
import { foldText, isContent, tokenize, withoutQuestionFraming } from '../text/terms.ts';

/** How a follow-up was read, for tests and logs. */
export type FollowUpForm = 'ellipsis' | 'new-topic' | 'pronoun';

export interface FollowUp {
  /** The question rewritten to stand on its own. */
  text: string;
  form: FollowUpForm;
}

/** Options for `resolveFollowUp`. */
export interface FollowUpOptions {
  /**
   * Whether a lowercased word is a name (the article's names: "putin", "nato"). Capitalised words
   * after the first are names anyway; this catches names typed in lowercase.
   */
  isName?: (word: string) => boolean;
}

const AUX = 'do|does|did|is|are|was|were|will|would|can|could|has|have|had|should|shall|may|might|must';
const AUX_RE = new RegExp(`\\b(?:${AUX})\\b`, 'i');
const LEAD = String.raw`^(?:(?:and|but|so|ok|okay|then|hmm+|um+)[\s,]+)*`;

/** "why?", "how so?", "why is that?", "what for?", "and when?": the question word asks again. */
const ELLIPSIS = new RegExp(
  `${LEAD}(why not|why|how so|how come|how|when|where|who|what for|since when|how much|how many|how long|how often)` +
  String.raw`(?:\s+(?:is|was)\s+(?:that|this|it)|\s+(?:exactly|then|though|so))?[\s?!.]*$`, 'i');
const ELLIPSIS_WORD: Record<string, string> = { 'how so': 'how', 'how come': 'why', 'what for': 'why', 'since when': 'when' };

/** "what about X?", "how about X?", "and X?", "X too?": the same question about X. */
const NEW_TOPIC = [
  new RegExp(`${LEAD}(?:what|how)\\s+about\\s+(.+?)[\\s?!.]*$`, 'i'),
  new RegExp(`${LEAD}(?:what\\s+of|as\\s+for)\\s+(.+?)[\\s?!.]*$`, 'i'),
  /^(?:and|but|also)[\s,]+(?:for\s+|with\s+|of\s+)?(.+?)[\s?!.]*$/i,
  /^(.+?)\s+(?:too|as well)[\s?!.]*$/i,
];
/** A new topic is a few words naming something, not a question of its own. */
const MAX_TOPIC_WORDS = 5;
const QUESTIONISH = new RegExp(`^(?:what|which|who|whom|whose|when|where|why|how|${AUX})\\b`, 'i');

/** Third-person pronouns that stand for the previous question's topic. */
const PRONOUN = /\b(he|she|him|her|his|hers|they|them|their|theirs|it|its)\b/gi;
/** "it" that names nothing: "is it true", "is it likely", "it is clear that". */
const DUMMY_IT = /\bit\s+(?:(?:is|was|will be)\s+)?(?:true|possible|likely|clear|going|worth|important|necessary|okay|ok)\b/i;
const POSSESSIVE = new Set(['his', 'her', 'hers', 'their', 'theirs', 'its']);
/** A question longer than this is taken to say what it means. */
const MAX_FOLLOW_UP_WORDS = 12;

const words = (s: string) => s.trim().split(/\s+/).filter(Boolean);
const unpunctuated = (s: string) => s.trim().replace(/[\s?!.]+$/, '');

/** The previous question as the core read it, and its answer: what a follow-up leans on. */
function previousTurn(conversation: readonly ConversationTurn[]): { question: string; answer?: string } | undefined {
  for (let i = conversation.length - 1; i >= 0; i--) {
    const turn = conversation[i]!;
    if (turn.answerKind === 'usage') continue;
    return { question: unpunctuated(foldText(turn.readAs ?? turn.question)), answer: turn.answerKind === 'answered' ? turn.answer : undefined };
  }
  return undefined;
}

/** Name spans of a question: capitalised words after the first, or words `isName` knows. */
function namesOf(question: string, isName: (w: string) => boolean): { start: number; end: number; text: string }[] {
  const spans: { start: number; end: number; text: string }[] = [];
  const re = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu;
  let m: RegExpExecArray | null;
  let first = true;
  while ((m = re.exec(question))) {
    const w = m[0].replace(/['’]s$/i, '');
    const name = (!first && /^\p{Lu}/u.test(w)) || isName(w.toLowerCase());
    first = false;
    if (!name) continue;
    const last = spans[spans.length - 1];
    if (last && /^\s+$/.test(question.slice(last.end, m.index))) {
      last.end = m.index + w.length;
      last.text = question.slice(last.start, last.end);
    } else spans.push({ start: m.index, end: m.index + w.length, text: w });
  }
  return spans;
}

/** The previous question without its question word: "what did Trump offer Putin" -> "did Trump offer Putin". */
function bodyOf(previous: string): string {
  const wh = /^(?:what|which|who|whom|whose|when|where|why|how)\b/i;
  if (!wh.test(previous)) return previous;
  const aux = AUX_RE.exec(previous);
  return aux ? previous.slice(aux.index) : previous.replace(wh, '').trim();
}

/** "did they reach a deal" -> "didn't they reach a deal", for "why not?". */
function negated(body: string): string {
  return body.replace(new RegExp(`^(${AUX})\\b`, 'i'), (aux) => {
    const a = aux.toLowerCase();
    return a === 'will' ? "won't" : a === 'can' ? "can't" : `${a}n't`;
  });
}

/**
 * The previous question's topic: after "who …?" the person its answer names first (that is whom
 * "she" means next); else the question's names, or failing those its first "the X" phrase.
 */
function antecedents(previous: string, answer: string | undefined, isName: (w: string) => boolean): string[] {
  if (/^who\b/i.test(previous) && answer) {
    const asked = new Set(namesOf(previous, isName).map((n) => n.text.toLowerCase()));
    const answered = namesOf(answer, isName).find((n) => !asked.has(n.text.toLowerCase()));
    if (answered) return [answered.text];
  }
  const names = namesOf(previous, isName).map((n) => n.text);
  if (names.length) return names;
  const np = /\b(?:the|this|that)\s+([\p{L}-]+)/iu.exec(previous);
  return np ? [`the ${np[1]}`] : [];
}

/**
 * Whether a question leans on a conversation to be understood (an ellipsis, a new topic for the
 * previous question, a pronoun), whatever the conversation holds: chat manners read this to tell
 * a follow-up from chatter.
 */
export function isFollowUpForm(question: string): boolean {
  const q = foldText(question).trim();
  if (ELLIPSIS.test(q)) return true;
  if (newTopicOf(q)) return true;
  return false;
}

function newTopicOf(q: string): string | undefined {
  for (const re of NEW_TOPIC) {
    const m = re.exec(q);
    if (!m) continue;
    const topic = m[1]!.trim();
    if (!topic || words(topic).length > MAX_TOPIC_WORDS || QUESTIONISH.test(topic)) continue;
    return topic;
  }
  return undefined;
}

/**
 * Rewrites a follow-up against the conversation, or returns undefined when the question stands
 * on its own (or there is nothing to lean on).
 */
export function resolveFollowUp(question: string, conversation: readonly ConversationTurn[] | undefined, options: FollowUpOptions = {}): FollowUp | undefined {
  if (!conversation?.length) return undefined;
  const turn = previousTurn(conversation);
  if (!turn) return undefined;
  const previous = turn.question;
  const isName = options.isName ?? (() => false);
  const q = foldText(question).trim();
  if (words(q).length > MAX_FOLLOW_UP_WORDS) return undefined;

  const ellipsis = ELLIPSIS.exec(q);
  if (ellipsis) {
    const word = ellipsis[1]!.toLowerCase();
    const body = bodyOf(previous);
    const text = word === 'why not' ? `why ${negated(body)}` : `${ELLIPSIS_WORD[word] ?? word} ${body}`;
    return { text: `${text}?`, form: 'ellipsis' };
  }

  const topic = newTopicOf(q);
  if (topic) {
    const names = namesOf(previous, isName);
    if (names[0]) return { text: `${previous.slice(0, names[0].start)}${topic}${previous.slice(names[0].end)}?`, form: 'new-topic' };
    const np = /\bthe\s+[\p{L}-]+/iu.exec(previous);
    if (np) {
      const replacement = /^(?:the|a|an|this|that|these|those|my|our|your)\b/i.test(topic) ? topic : `the ${topic}`;
      return { text: `${previous.slice(0, np.index)}${replacement}${previous.slice(np.index + np[0].length)}?`, form: 'new-topic' };
    }
    return { text: `${previous} about ${topic}?`, form: 'new-topic' };
  }

  // A pronoun stands for the previous topic only when the question names no topic of its own.
  if (namesOf(q, isName).length) return undefined;
  const topics = antecedents(previous, turn.answer, isName);
  if (!topics.length) return undefined;
  let changed = false;
  const text = q.replace(PRONOUN, (p: string, _w: string, offset: number) => {
    const lower = p.toLowerCase();
    if ((lower === 'it' || lower === 'its') && DUMMY_IT.test(q.slice(offset))) return p;
    const plural = lower.startsWith('the');
    const who = plural && topics.length > 1 ? `${topics.slice(0, -1).join(', ')} and ${topics[topics.length - 1]}` : topics[0]!;
    changed = true;
    return POSSESSIVE.has(lower) ? `${who}'s` : who;
  });
  return changed ? { text, form: 'pronoun' } : undefined;
}

/**
 * A question that names nothing but "this" or "it" ("when did this happen?", "where did it
 * happen?"), asked with no conversation to lean on, is about the story itself: the pronoun stands
 * for the article's headline, whose event the lead reports.
 */
export function resolveAboutStory(question: string, headline: string): FollowUp | undefined {
  const q = foldText(question).trim();
  if (words(q).length > MAX_FOLLOW_UP_WORDS || withoutQuestionFraming(tokenize(q)).some(isContent)) return undefined;
  if (!/\b(?:this|it|that)\b/i.test(q)) return undefined;
  return { text: q.replace(/\b(?:this|it|that)\b/i, headline), form: 'pronoun' };
}
