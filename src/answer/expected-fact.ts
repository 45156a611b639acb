/**
 * Question types whose answer has a visible shape: "how many X" wants a number of X, "how long" a
 * span of time or distance, "when" a point in time, "what time" a time by the clock, "how much" an
 * amount ("how much oil" a quantity of oil), "how often" a rate, "what should X do" the language of
 * necessity, "where" a place, "what did X call Y" a quotation. A sentence that lacks the shape
 * does not answer the question however well its words match, and an article with no such
 * sentence about the question does not answer it at all ("How many warheads does Russia have?").
 *
 * What a question asks about (which kind, whose words, what it takes for granted) is read in
 * `asked-about.ts`.
 *
 * Nothing here knows any article: only English number, unit and calendar words.
 */
import { foldText, isContent, tokenize } from '../text/terms.ts';
import { askedAttribute, headOf } from './asked-about.ts';

export type FactKind = 'count' | 'amount' | 'length' | 'time' | 'clock' | 'frequency' | 'number' | 'place' | 'quote' | 'advice' | 'person';

export interface ExpectedFact {
  kind: FactKind;
  /** Lowercased question words naming what is counted ("how many trams did they buy" -> trams). */
  focus: string[];
  /** Whether an answer must have the shape (every kind but advice, place and quote, which only prefer it). */
  required: boolean;
  /** For a span: the dimension the question asks about, when its wording tells ("how far": distance). */
  unit?: SpanUnit;
  /** For a time or span: "when will", "how long will" ask about what is to come, and a sentence about the future answers first. */
  tense?: 'future';
  /**
   * Accept the loose form of the shape too: a span or a time without a number ("a long-brewing
   * war", "not yet awarded"). Asked for only when no sentence about the question has the exact form.
   */
  loose?: boolean;
}

export type SpanUnit = 'time' | 'distance';

/** Similarity (0..1) of an article word to a focus word of the question. */
export type FocusSimilarity = (focusWord: string, articleWord: string) => number;

// A number word that counts something ("seven hours"), not one inside a compound ("three-way")
// or the pronoun "one".
const NUMBER_WORD =
  '(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|dozens?|half|twice|several|both)';
const NUMBER = new RegExp(`[$€£¥]?\\d[\\d,.]*|\\b${NUMBER_WORD}\\b(?![-\\u2010-\\u2015])`, 'gi');
const LABEL_BEFORE = /(?:\bno\.|#|\bnumber)\s*$/i;
/** A bare calendar year: a date, not a quantity. */
const YEAR = /^(?:1[0-9]{3}|20[0-9]{2}|21[0-9]{2})$/;

const MONEY = /[$€£¥]\s?\d|\b\d[\d,.]*\s?(?:(?:million|billion|trillion|thousand|[mbk]n?)\s)?(?:dollars|euros|pounds|roubles|rubles|yuan|yen)\b|\b(?:million|billion|trillion)\b/i;
const PERCENT = /\bpercent\b|%/i;
const TIME_UNIT = '(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|years?|decades?|centur(?:y|ies))';
const DISTANCE_UNIT = '(?:kilomet(?:re|er)s?|km|miles?|met(?:re|er)s?|feet|foot|yards?|blocks?)';
const UNIT = `(?:${TIME_UNIT}|${DISTANCE_UNIT})`;
/** Spans without a number: "a long-brewing war", "for years", "in the short term". */
const VAGUE_SPAN = '\\blong-(?:brewing|running|standing|lasting|term)\\b|\\b(?:short|long|medium|near)[\\s-]term\\b|\\b(?:for|over) (?:years|decades|months|weeks|days|hours)\\b|\\bendless\\b';
const spanOf = (unit: string) => new RegExp(`(?:\\d[\\d,.]*|\\b${NUMBER_WORD}|\\b(?:an?|one|few|several|many))[\\s-]+(?:\\w+[\\s-]+)?${unit}\\b`, 'i');
const LENGTH = spanOf(UNIT);
/** A span in units of the dimension asked for: "how long will streets be shut" wants time, "how far" distance. */
const SPAN_IN: Record<SpanUnit, RegExp> = { time: spanOf(TIME_UNIT), distance: spanOf(DISTANCE_UNIT) };
const LOOSE_LENGTH = new RegExp(VAGUE_SPAN, 'i');
const MONTH = '(?:january|february|march|april|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)';
const TIME = new RegExp(
  [
    '\\b(?:1[0-9]{3}|20[0-9]{2}|21[0-9]{2})\\b(?![,.]?\\d)', // a year
    `\\b${MONTH}\\b`,
    '\\bmay \\d', // "May" only with a day: otherwise it is the verb
    '\\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|yesterday|today|tomorrow|tonight)\\b',
    '\\b(?:next|last|this|coming|previous|following|early|late|in|by|until|since)\\s+(?:the\\s+)?(?:spring|summer|autumn|fall|winter|week|month|year|decade|century|new year)\\b',
    `\\b(?:\\d+|an?|${NUMBER_WORD})[\\s-]+(?:days?|weeks?|months?|years?|decades?)\\s+(?:ago|later|earlier|before|after)\\b`,
    '\\bprior to\\b',
    '\\b\\d+(?:st|nd|rd|th)\\s+(?:minute|hour|day|week|month|year|century)\\b', // "in the 58th minute"
  ].join('|'),
  'i',
);
/** Times without a date: "not yet awarded", "in the long term", "soon". */
const LOOSE_TIME = /\bnot yet\b|\b(?:short|long|medium|near)[\s-]term\b|\b(?:soon|recently|currently|eventually|shortly|afterwards)\b|\bin the (?:future|coming)\b/i;
/** A time by the clock: "at 9:30", "10 a.m.", "noon" ("in the evening" is a part of the day, not a time). */
const CLOCK = /\b\d{1,2}(?::\d{2})?\s?(?:a\.?m\b|p\.?m\b)|\b\d{1,2}[:.]\d{2}\s?(?:h|hrs)?\b(?![.,]?\d)|\b(?:noon|midday|midnight|o'clock)\b/i;
/**
 * A place: a name after a preposition of place ("in Alaska", "at Northgate"), or "at the X"
 * ("at the central library"). Case matters: the name is capitalised. Days and months are times.
 */
const PLACE = new RegExp(
  `\\b(?:in|at|near|outside|inside|across|around)\\s+(?:the\\s+)?(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)\\b)\\p{Lu}\\p{L}|\\b(?:at|near|outside|inside)\\s+the\\s+\\p{L}`,
  'u',
);
const FREQUENCY = /\bevery\b|\bper (?:day|week|month|year|hour)\b|\b(?:daily|weekly|monthly|annually|yearly|hourly|nightly)\b|\btimes an? \b|\bonce\b|\btwice\b|\ban? (?:day|week|month|year)\b/i;
const ADVICE = /\b(?:should|must|ought|needs?|needed|necessity|necessary|essential|imperative|has to|have to|required?|requires)\b/i;

const MONEY_QUESTION = /\b(?:cost|costs|costing|pay|paid|pays|paying|spend|spent|price|prices|priced|worth|money|budget|funds?|funding|charge|charged|fare|fares|fee|fees|dollars|euros|pounds|afford|sell|sold|buy|bought)\b/;

/**
 * "where" asks for a place, but not "where ... from" (a source: "where is the money coming
 * from?") nor "where ... from here" (a way forward).
 */
const WHERE_QUESTION = /\bwhere (?:is|was|are|were|do|does|did|will|would|can|could|has|have|had)\b(?!.*\bfrom(?: here| there| now)?\W*$)/;
/** "what time" asks for a time of day, not a date. */
const CLOCK_QUESTION = /\b(?:what|which) (?:time|hour)\b(?! of (?:year|the year|month|day))/;

/** "when will it open", "when can I ride it", "when is it going to": a question about what is to come. */
const FUTURE_QUESTION = /\b(?:when|how long) (?:will|would|can|could|shall|might|is it going to|are they going to)\b|\bwhen(?:'s| is) (?:it|the \w+) (?:going|due|expected|scheduled|planned)\b/;
/** A sentence about what is to come: "would begin in late 2030", "is expected to", "next spring". */
const FUTURE = /\b(?:will|would|shall|going to|expects?|expected|estimates?|estimated|projects?|projected|forecasts?|scheduled|planned|plans|due to|next|upcoming|coming)\b|'ll\b/i;

/** Whether a sentence agrees with the tense a time question asks in (true when it asks in none). */
export function agreesInTense(fact: ExpectedFact, sentence: string): boolean {
  return fact.tense !== 'future' || FUTURE.test(foldText(sentence));
}

/** The next looser reading of a fact, or undefined: a span in any unit, then the loose forms ("long-brewing"). */
export function relaxed(fact: ExpectedFact): ExpectedFact | undefined {
  if (fact.unit) return { ...fact, unit: undefined };
  return fact.loose ? undefined : { ...fact, loose: true };
}

/** "What did the mayor say?", "how did they react": someone's words, which news writing quotes. */
const SAID_QUESTION = /\b(?:what|how) (?:did|does|do|has|have|had|will|would) .+? (?:say|said|think|react|respond|argue|tell|told|claim|warn)\b/;
/** Chat spellings of contractions: "whats", "whens" read as "what is", "when is". */
export function expandContractions(q: string): string {
  return q.replace(/\b(what|when|where|who|how|why)(?:'?s)\b/g, '$1 is');
}
const CALLED_QUESTION = /\bwhat (?:did|does|do|has|have|had|would|will) .+? (?:call|calls|called|dub|dubbed|label|labelled|labeled|term|termed|nickname|nicknamed)\b/;
/** A quotation: text between quotation marks (curly or straight, after folding). */
const QUOTE = /"[^"]{3,}"/;
/** A person or group named: two capitalised words in a row after the sentence's first word ("board member Rafael Ostrowski"), or a word for people. */
const PERSON = /.\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)+\b|\b(?:residents|people|members|officials|critics|supporters|opponents|experts|economists|analysts|voters|parents|workers|farmers|scientists|researchers|groups|leaders)\b/;

/** "when" asks for a time only as the question word: "when did", "when is", not "what happens when they". */
const WHEN_QUESTION = /\bwhen (?:is|was|are|were|do|does|did|will|would|can|could|should|has|have|had|might|may|must)\b|^when\b|\bby when\b|\b(?:what|which) (?:year|date|day|month|time)\b/;

/**
 * What kind of fact the question asks for, or undefined when any sentence may answer it
 * ("how much influence" asks for a degree, which words may answer).
 */
export function expectedFact(question: string): ExpectedFact | undefined {
  const q = expandContractions(foldText(question).toLowerCase());
  const required = (kind: FactKind, focus: string[] = []): ExpectedFact => ({ kind, focus, required: true });
  if (/\bhow many\b/.test(q)) return required('count', focusAfter(q, 'how many'));
  if (/\bhow far\b/.test(q)) return { ...required('length'), unit: 'distance' };
  // "How long will streets be shut?", "how much time": a duration. "How long is the line?" may
  // ask either ("how long was the meeting?").
  if (/\bhow long (?:will|would|did|does|do|can|could|has|have|had|might|must|should)\b|\bhow much (?:time|longer)\b/.test(q)) {
    return { ...required('length'), unit: 'time', ...(FUTURE_QUESTION.test(q) ? { tense: 'future' as const } : {}) };
  }
  if (/\bhow long\b/.test(q)) return required('length');
  // "How much" asks for money only with a word of money; "how much did the summit achieve" asks for a degree.
  const howMuch = /\bhow much\b/.test(q);
  const costed = COSTED.exec(q) ?? WHAT_COSTS.exec(q);
  if ((howMuch && MONEY_QUESTION.test(q)) || costed) return required('amount', headOf(costed?.[1]));
  // "What is Putin's net worth?", "What is NATO's budget?": an attribute that is a sum.
  if (askedAttribute(q).some((w) => MONEY_ATTRIBUTE.has(w))) return required('amount');
  if (/\bhow (?:often|frequently)\b/.test(q)) return required('frequency');
  if (CLOCK_QUESTION.test(q)) return required('clock');
  if (WHEN_QUESTION.test(q)) return FUTURE_QUESTION.test(q) ? { ...required('time'), tense: 'future' } : required('time');
  if (/\bhow (?:old|big|large|small|tall|high|deep|wide|heavy|fast|quickly)\b|\bwhat (?:percentage|percent|share|proportion|number|fraction)\b/.test(q)) return required('number');
  if (/\b(?:should|ought to|must|needs? to|has to|have to)\b/.test(q)) return { kind: 'advice', focus: [], required: false };
  if (WHERE_QUESTION.test(q)) return { kind: 'place', focus: [], required: false };
  // "What did Trump call the war?": the name given, which news writing quotes ("Europe's endless war").
  if (CALLED_QUESTION.test(q) || SAID_QUESTION.test(q)) return { kind: 'quote', focus: [], required: false };
  // "Who voted against it?": a person or a group, which news writing names.
  if (/^(?:\W*(?:ok|so|and|but)\W+)*who\b(?!'s| is| was| are| were)/.test(q)) return { kind: 'person', focus: [], required: false };
  return undefined;
}

/** "how much will a tram ticket cost" -> "a tram ticket". */
const COSTED = /\bhow much (?:will|would|does|did|do|is|was|are|were|could|might|should|has|have)\s+(.+?)\s+(?:cost|costs|be worth)\b/;
/** Attributes that are sums of money ("price" and "cost" are also paid in other coin: "a domestic price"). */
const MONEY_ATTRIBUTE = new Set(['worth', 'salary', 'salaries', 'wage', 'wages', 'income', 'wealth', 'fortune', 'revenue', 'revenues', 'earnings', 'profit', 'profits', 'gdp', 'budget']);
/** "what will the tickets cost" -> "the tickets" ("what did it cost" names nothing). */
const WHAT_COSTS = /\bwhat (?:will|would|does|did|do|could|might) (.+?)\s+(?:cost|costs|be worth)\b/;
/** Up to two content words right after the phrase: "how many nuclear warheads" -> nuclear, warheads. */
function focusAfter(question: string, phrase: string): string[] {
  const rest = question.slice(question.indexOf(phrase) + phrase.length);
  const out: string[] = [];
  for (const t of tokenize(rest)) {
    if (!isContent(t) || out.length === 2) break;
    out.push(t.word);
  }
  return out;
}

/** How many words after a number may name what it counts ("14 low-floor vehicles"). */
const COUNTED_WITHIN = 4;
/** Least similarity of the counted word to the question's focus. */
export const FOCUS_MIN = 0.5;

/** Whether a sentence has the shape of the fact asked for. */
export function statesFact(fact: ExpectedFact, sentence: string, similar?: FocusSimilarity): boolean {
  const text = foldText(sentence);
  switch (fact.kind) {
    case 'count':
      // Loosely, any count: the article may count the asked thing by another name ("boardings" for riders).
      return counts(text, fact.loose ? [] : fact.focus, similar);
    case 'amount':
      // A sum about the thing asked about, when the question names one ("a tram ticket").
      return MONEY.test(text) && (fact.focus.length === 0 || !similar || mentions(text, fact.focus, similar));
    case 'length':
      return (fact.unit ? SPAN_IN[fact.unit] : LENGTH).test(text) || (fact.loose === true && LOOSE_LENGTH.test(text));
    case 'time':
      return TIME.test(text) || (fact.loose === true && LOOSE_TIME.test(text));
    case 'clock':
      return CLOCK.test(text);
    case 'place':
      return PLACE.test(text);
    case 'quote':
      return QUOTE.test(text);
    case 'frequency':
      return FREQUENCY.test(text);
    case 'number':
      return quantities(text).length > 0 || MONEY.test(text) || PERCENT.test(text);
    case 'advice':
      return ADVICE.test(text);
    case 'person':
      return PERSON.test(text);
  }
}

/** The scale words after a sum: "$412 million", "$3m", "€1.5bn". */
const SCALE_WORD = '(?:million|billion|trillion|thousand|bn|m|k)';

/** The largest sum of money a text gives ("a $412 million tram line" -> 412e6), or 0. */
export function largestSum(text: string): number {
  let most = 0;
  for (const m of foldText(text).matchAll(SUM)) {
    const value = Number(m[1]!.replace(/,/g, '')) * (SCALE[(m[2] ?? '').toLowerCase()] ?? 1);
    if (Number.isFinite(value)) most = Math.max(most, value);
  }
  return most;
}
const SUM = new RegExp(`[$€£¥]\\s?(\\d[\\d,]*(?:\\.\\d+)?)(?:\\s?(${SCALE_WORD})\\b)?`, 'gi');
const SCALE: Record<string, number> = { thousand: 1e3, k: 1e3, million: 1e6, m: 1e6, billion: 1e9, bn: 1e9, trillion: 1e12 };

/** Whether a text has a word close to one of the focus words. */
function mentions(text: string, focus: string[], similar: FocusSimilarity): boolean {
  return tokenize(text).some((t) => focus.some((f) => similar(f, t.word) >= FOCUS_MIN));
}

/** Numbers in a text that are quantities, not calendar years: where each ends. */
function quantities(text: string): number[] {
  const ends: number[] = [];
  for (const m of text.matchAll(NUMBER)) {
    // A calendar year is a date, and "No. 4" or "#4" a label, not a quantity.
    if (!YEAR.test(m[0]) && !LABEL_BEFORE.test(text.slice(Math.max(0, m.index - 8), m.index))) ends.push(m.index + m[0].length);
  }
  return ends;
}

/** A sum of money counts money, not the thing it buys ("a $412 million tram line"). */
const SUM_OF_MONEY = new RegExp(
  `[$€£¥]\\s?\\d[\\d,.]*(?:\\s?${SCALE_WORD}\\b)?|\\b\\d[\\d,.]*\\s?(?:(?:million|billion|trillion|thousand)\\s)?(?:dollars|euros|pounds|roubles|rubles|yuan|yen)\\b`,
  'gi',
);

/** A number followed, within a few words, by the thing counted (or anything, with no focus). */
function counts(sentence: string, focus: string[], similar?: FocusSimilarity): boolean {
  const text = sentence.replace(SUM_OF_MONEY, ' ');
  const ends = quantities(text);
  if (focus.length === 0 || !similar) return ends.length > 0;
  return ends.some((end) => countedWords(text.slice(end)).some((w) => focus.some((f) => similar(f, w) >= FOCUS_MIN)));
}

/** The words a number counts: the noun phrase after it, up to a stop word or a comma ("14 low-floor vehicles, each"). */
function countedWords(after: string): string[] {
  const phrase = after.split(/[,;:.()!?]/, 1)[0] ?? '';
  const out: string[] = [];
  for (const t of tokenize(phrase)) {
    if (!isContent(t) || out.length === COUNTED_WITHIN) break;
    out.push(t.word);
  }
  return out;
}
