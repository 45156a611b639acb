/**
 * What a question asks about, read from its wording alone: the kind of thing it asks which one of
 * ("which city"), the attribute and whose it is ("the population of Alaska"), what it takes for
 * granted ("the dinner"), whose words it asks for ("what did the governor say"), what it asks a
 * named person did ("what did Trump wear"), whom it asks to be introduced ("who is Putin?"),
 * whether it is a yes/no question or a request for a service ("how do I reset my router?").
 * Abstention checks that the article speaks of these; the answer reads some of them.
 *
 * Nothing here knows any article: only English question words.
 */
import { foldText, isContent, tokenize, withoutQuestionFraming } from '../text/terms.ts';

const AUX = new Set(['is', 'was', 'are', 'were', 'do', 'does', 'did', 'will', 'would', 'can', 'could', 'should', 'has', 'have', 'had', 'might', 'may', 'must']);
/** Words after "what" that ask for a kind of fact, not a kind of thing ("what year", "what kind of"). */
const NOT_A_KIND = new Set(['year', 'years', 'date', 'day', 'days', 'month', 'time', 'times', 'percentage', 'percent', 'number', 'kind', 'kinds', 'sort', 'type', 'types', 'way', 'ways', 'part', 'parts', 'one', 'ones', 'else', 'exactly']);

/**
 * The words naming the kind of thing a question asks for an instance of: "which city hosted the
 * talks" -> city, hosted; "what colour will the trams be" -> colour. Only "which X" and "what X"
 * followed by a verb ("what caused the delay" asks for no kind). Without a part-of-speech tagger
 * the noun cannot be told from a verb right after it, so up to three adjacent words are returned.
 */
export function askedKind(question: string): string[] {
  const tokens = tokenize(foldText(question).toLowerCase());
  const at = tokens.findIndex((t) => t.word === 'which' || t.word === 'what');
  if (at < 0) return [];
  const words: string[] = [];
  let i = at + 1;
  for (; i < tokens.length && isContent(tokens[i]!) && words.length < 3; i++) words.push(tokens[i]!.word);
  if (words.length === 0 || NOT_A_KIND.has(words[0]!)) return [];
  const next = tokens[i]?.word;
  if (tokens[at]!.word === 'what' && !(next && AUX.has(next))) return [];
  return words;
}

/** "What did the state governor say about the vote?" -> "the state governor". */
const SPEAKER = /\b(?:what|how) (?:did|does|do|will|would|has|have|had|is|are|was|were) (.+?) (?:say|said|saying|think|thought|thinking|believe|claim|argue|feel|respond|react|make of|tell|told|write|wrote)\b/;

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
 * The things a question takes for granted: the words of a noun phrase after "the", "this" or
 * "that" ("what was served at the dinner" -> dinner; "the closest gas station" -> closest, gas,
 * station). Whether they are things at all (and not "the issue") is for the caller, who has
 * the noun list.
 */
export function presupposed(question: string): string[] {
  const tokens = tokenize(foldText(question).toLowerCase());
  const out: string[] = [];
  tokens.forEach((t, i) => {
    // "at dinner", "over lunch": an occasion taken for granted without an article.
    if (OCCASION.has(t.word) && tokens[i + 1] && isContent(tokens[i + 1]!)) out.push(tokens[i + 1]!.word);
    if (!DEFINITE.has(t.word)) return;
    // The noun phrase after the article, up to three words ("the closest gas station").
    for (let j = i + 1; j < tokens.length && j <= i + 3 && isContent(tokens[j]!); j++) out.push(tokens[j]!.word);
  });
  return out;
}
const DEFINITE = new Set(['the', 'this', 'that', 'these', 'those']);
const OCCASION = new Set(['at', 'over', 'during']);

/**
 * What a question asks an attribute of: "What is the speed of light?" -> light, "what's the
 * meaning of the deal for Ukraine" -> deal. An article that never speaks of it cannot give its
 * attribute, however well the attribute's word matches.
 */
export function askedPossessor(question: string): string[] {
  const q = foldText(question).toLowerCase();
  const m = ATTRIBUTE_OF.exec(q);
  if (!m) return [];
  const out: string[] = [];
  for (const t of tokenize(q.slice(m.index + m[0].length))) {
    if (isContent(t)) out.push(t.word);
    else if (out.length) break;
  }
  return out.slice(0, 1);
}

/**
 * Who a question asks the words or views of: "what did the state governor say" -> governor. An
 * article that never speaks of such a person cannot report what they said.
 */
export function askedSpeaker(question: string): string[] {
  return headOf(SPEAKER.exec(foldText(question).toLowerCase())?.[1]);
}

/**
 * What a question asks someone named to have done: "What did Trump wear?" -> wear, "what did
 * trump and putin eat" -> eat. Only after names, where the verb is the next word (after a
 * common noun it cannot be told from the noun without a tagger).
 */
export function askedAction(question: string, isName: (word: string) => boolean): string[] {
  const tokens = tokenize(foldText(question));
  const at = tokens.findIndex((t, i) => t.word === 'what' && AUX.has(tokens[i + 1]?.word ?? ''));
  if (at < 0) return [];
  let i = at + 2;
  let names = 0;
  for (; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (isName(t.word) || (t.capitalised && isContent(t))) names++;
    else if (t.word !== 'and') break;
  }
  const verb = tokens[i];
  return names > 0 && verb && isContent(verb) ? [verb.word] : [];
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
