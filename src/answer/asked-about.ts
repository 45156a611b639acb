/**
 * What a question asks about, read from its wording alone: the attribute it asks of something
 * ("the population of Alaska"), whom it asks to be introduced ("who is Putin?"), whether it is a
 * yes/no question or a request for a service ("how do I reset my router?"), and whether a
 * sentence denies. `question-reading.ts` gathers these into one `QuestionReading`.
 *
 * Nothing here knows any article: only English question words.
 */
import { foldText, isContent, tokenize, withoutQuestionFraming } from '../text/terms.ts';

/** The head of a noun phrase: its last content word before any "of" ("a tram ticket" -> ticket; "the governor of Alaska" -> governor; "the whole thing" -> none), as a list of 0 or 1. */
export function headOf(phrase: string | undefined): string[] {
  // "the governor of Alaska": the head comes before "of".
  const words = withoutQuestionFraming(tokenize((phrase ?? '').split(/\bof\b/, 1)[0]!)).filter(isContent);
  return words.length ? [words[words.length - 1]!.word] : [];
}

/** "What is the population of Alaska?" -> population; "Who is Putin's wife?" -> wife. */
const ATTRIBUTE_OF = /\b(?:what|who|which)(?:'s| is| was| are| were)(?: the)? ([a-z][a-z-]*(?: [a-z][a-z-]*)?) of\b/;
const POSSESSED = /\b(?:what|who|which)(?:'s| is| was| are| were) [a-z][a-z.-]*'s ([a-z][a-z-]*(?: [a-z][a-z-]*)?)\b/;

/**
 * The attribute a question asks of someone or something: "what is the population of Alaska" ->
 * population, "who is Putin's wife" -> wife. An article that speaks of no such thing cannot give it.
 */
export function askedAttribute(question: string): string[] {
  const q = foldText(question).toLowerCase();
  return headOf((ATTRIBUTE_OF.exec(q) ?? POSSESSED.exec(q))?.[1]);
}

/**
 * A request for a service rather than a question about a text: how-to for the asker ("How do I
 * reset my router?"), a task ("Can you book me a table?", "Write me a haiku", "help me write a
 * cover letter"). Asking the bot to tell, explain or summarise is still a question.
 */
export function asksForService(question: string): boolean {
  const q = foldText(question).toLowerCase().trim();
  return HOW_TO.test(q) || TASK.test(q) || IMPERATIVE.test(q) || /\bhelp me\b(?! (?:understand|make sense|see|get (?:the|what|why|how)))/.test(q);
}
// Only the asker's own how-to: "how should we read the summit?" and "how do you explain X?" ask about the text.
const HOW_TO = /\bhow (?:do|can|could|should|would|might|must) i\b|^(?:\W*(?:ok|so|hey|um)\W+)*how to\b/;
const TASK = /\b(?:can|could|would|will) you (?:please |pls )?(?!tell\b|explain\b|describe\b|summari[sz]e\b|say\b|show\b|clarify\b|remind\b|recap\b|list\b|outline\b|give me (?:a |an |the )?(?:summary|recap|rundown|gist|overview|quote)\b|help me (?:understand|make sense))[a-z]/;
const IMPERATIVE = /^(?:\W*(?:ok|so|hey|um|please|pls|plz)\W+)*(?:write|book|make|create|recommend|translate|find|set|order|play|send|draw|compose|buy|call|schedule|generate|calculate|convert|draft|sing)\b/;

/**
 * The name a "who is X" question asks about ("Who is Vladimir Putin?" -> putin, the last word of
 * the name), when every word of X is one of the article's names; undefined otherwise.
 */
export function introducedName(question: string, isName: (word: string) => boolean): string | undefined {
  const m = /^(?:\W*(?:ok|so|and|but)\W+)*who(?:'s| is| was| are| were) (.+?)\W*$/i.exec(foldText(question).trim());
  if (!m) return undefined;
  const words = tokenize(m[1]!).filter(isContent).map((t) => t.word);
  return words.length > 0 && words.every(isName) ? words[words.length - 1] : undefined;
}

/** A question answered by yes or no: it opens with an auxiliary ("was the summit pointless?", "ok so did they agree"). */
export function isYesNoQuestion(question: string): boolean {
  return YES_NO.test(foldText(question).trim());
}
const YES_NO = /^(?:(?:ok|okay|so|um|well|hey|and|but|lol|wait)[\s,]+)*(?:is|are|was|were|do|does|did|has|have|had|will|would|can|could|should|isn't|aren't|wasn't|didn't|doesn't)\b/i;

/** Whether a sentence denies or negates: "not yet been formally awarded", "without a deal", "by no means". */
export function negates(sentence: string): boolean {
  return NEGATION.test(foldText(sentence));
}
const NEGATION = /\b(?:not|no|never|without|nothing|none|neither|nor|cannot|refused|rejected|declined|failed|lack)\b|n't\b/i;
