/**
 * Term processing shared by indexing, querying, sentence ranking and summaries: one place decides
 * what a "term" is, so the index and the questions always agree.
 *
 * - Unicode is folded (NFKC, curly quotes, dashes), so “Europe’s” and "Europe's" are one term.
 * - Initialisms keep their identity: "U.S." and "US" become the acronym term `us`, which is not
 *   the stop word "us" (we tell them apart by the original's capitals).
 * - English stop words (the `stopword` package, plus the function words and chat filler that
 *   carry no content in a question) are dropped; the rest is stemmed with Porter2 (`wink-porter2-stemmer`).
 */
import { eng as STOPWORD_ENG } from 'stopword';
import porter2 from 'wink-porter2-stemmer';

/** Words that carry no content in a question or passage, on top of the `stopword` list. */
const EXTRA_STOP = [
  // function words the package list lacks
  'does', 'doing', 'done', 'did', 'was', 'whom', 'whose', 'why', 'which', 'yes', 'no', 'not', 'nor', 'so', 'just',
  'its', 'it\'s', 'is', 'isn\'t', 'wasn\'t', 'weren\'t', 'don\'t', 'doesn\'t', 'didn\'t', 'won\'t', 'can\'t',
  'will', 'shall', 'may', 'us', 'ours', 'yours', 'hers', 'theirs', 'themselves', 'itself', 'myself', 'yourself',
  'upon', 'onto', 'within', 'without', 'against', 'among', 'across', 'toward', 'towards', 'via', 'per',
  'inside', 'amongst', 'amid', 'amidst', 'despite', 'throughout', 'whilst', 'whereas', 'besides',
  'again', 'ever', 'even', 'yet', 'though', 'although', 'whether', 'either', 'neither', 'own', 'few',
  'every', 'everything', 'anything', 'something', 'nothing', 'someone', 'anyone', 'one', 'ones', 'thing', 'things',
  'let', 'lets', 'let\'s', 'i\'m', 'i\'d', 'you\'re', 'there\'s', 'what\'s', 'who\'s', 'how\'s', 'that\'s', 'whats',
  // chat spellings of the same contractions
  'whens', 'wheres', 'whos', 'hows', 'thats', 'theres', 'whys', 'when\'s', 'where\'s', 'why\'s',
  // question framing and chat filler: no content in a question
  'tell', 'know', 'explain', 'describe', 'please', 'pls', 'plz', 'thanks', 'thank', 'ok', 'okay', 'so', 'um', 'uh',
  'lol', 'lmao', 'haha', 'hey', 'hi', 'hello', 'yo', 'actually', 'really', 'basically', 'literally', 'kinda',
  'sorta', 'wanna', 'gonna', 'gotta', 'guess', 'anyway', 'btw', 'idk', 'hmm', 'wat', 'wut', 'u', 'ur', 'ya',
  // common misspellings of function words (transpositions mostly), which are not words themselves
  'teh', 'hte', 'adn', 'taht', 'thta', 'waht', 'hwat', 'whta', 'wiht', 'tihs', 'thsi', 'yuo', 'jsut', 'becuase',
  'beacuse', 'cuz', 'coz', 'abotu', 'aobut', 'wich', 'whcih', 'thier', 'theyre', 'dont', 'doesnt', 'didnt', 'wont',
  'cant', 'isnt', 'wasnt', 'arent', 'im', 'ive', 'youre',
  'when', 'where', 'how', 'what', 'who', 'whats', 'wheres', 'hows',
  'say', 'says', 'said', 'saying', 'mean', 'means', 'regarding', 'respect', 'article', 'author', 'piece', 'text',
];

/** Every stop word, lowercased, with straight apostrophes. */
export const STOP_WORDS: ReadonlySet<string> = new Set([...STOPWORD_ENG, ...EXTRA_STOP]);

/** Folds the Unicode variants people and articles use into one form. Keeps case. */
export function foldText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u02BC\u2032´]/g, "'")
    .replace(/[\u201C\u201D\u201E\u2033«»]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-');
}

/** A word of the text, as written (folded) and as a search term. */
export interface Token {
  /** The word as written, after folding, e.g. "Russia's", "U.S.". */
  surface: string;
  /** Lowercased word without possessive, e.g. "russia", "us" (for U.S.). */
  word: string;
  /** True for an initialism or all-capitals acronym ("U.S.", "NATO"). */
  acronym: boolean;
  /** True when the surface starts with a capital letter. */
  capitalised: boolean;
  /** Character offset of the surface in the folded text. */
  offset: number;
}

// Initialisms like U.S. or U.S.A., or words (letters, digits, inner apostrophes).
const WORD = /(?:\p{Lu}\.){2,}|[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu;

/** Splits text into word tokens; hyphenated compounds ("U.S.-Russia") give one token per part. */
export function tokenize(text: string): Token[] {
  const folded = foldText(text);
  const out: Token[] = [];
  for (const m of folded.matchAll(WORD)) {
    const surface = m[0];
    const initialism = surface.includes('.');
    const letters = initialism ? surface.replace(/\./g, '') : surface;
    const acronym = initialism || (letters.length >= 2 && letters.length <= 6 && /^\p{Lu}+$/u.test(letters));
    let word = letters.toLowerCase();
    word = word.replace(/'s$/, '').replace(/s'$/, 's');
    out.push({ surface, word, acronym, capitalised: /^\p{Lu}/u.test(surface), offset: m.index ?? 0 });
  }
  return out;
}

const stemCache = new Map<string, string>();

/** Porter2 stem of a lowercased word, cached (the vocabulary is small and stems repeat). */
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = /^\p{N}+$/u.test(word) ? word : porter2(word);
    if (stemCache.size < 50_000) stemCache.set(word, s);
  }
  return s;
}

/** The first `max` UTF-16 units of a text, never ending in half a surrogate pair (an emoji cut in two). */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/** Whether two words are one edit apart: a letter added, dropped, changed, or two swapped. */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  return long.slice(i + 1) === short.slice(i);
}

/** Whether a token carries content (not a stop word; acronyms always do). */
export function isContent(token: Token): boolean {
  if (token.acronym) return true;
  if (STOP_WORDS.has(token.word)) return false;
  return token.word.length > 1 || /\p{N}/u.test(token.word);
}

/** The search term for a token: its stem, or the acronym itself. */
export function termOf(token: Token): string {
  return token.acronym ? token.word : stem(token.word);
}

/**
 * Removes the words that only frame a question: "how LONG", "how MANY", "how MUCH" ask for a
 * quantity and name nothing, and so do light verbs ("could be TAKEN") and modifiers of degree
 * ("the WHOLE summit").
 */
export function withoutQuestionFraming(tokens: Token[]): Token[] {
  return tokens.filter((t, i) =>
    !FRAMING_WORDS.has(t.word)
    && !(i > 0 && tokens[i - 1]!.word === 'how' && QUANTITY_FRAMES.has(t.word))
    // "going to" is the future ("is it going to snow"), not a going ("the war has been going on").
    && !(t.word === 'going' && tokens[i + 1]?.word === 'to'));
}
/**
 * Words that frame a question without naming anything in it: inflections of light verbs whose
 * base forms are stop words ("what steps could be TAKEN", "how long did it TAKE"), and modifiers
 * of degree or scope ("the BIG obstacles", "the WHOLE summit", "the MAIN issue"). Article text
 * keeps them (the summariser's sentence weights read them).
 */
const FRAMING_WORDS = new Set([
  'takes', 'taken', 'took', 'taking', 'makes', 'made', 'making', 'gets', 'getting', 'gotten', 'comes', 'came', 'coming',
  'happen', 'happens', 'happened', 'happening',
  'big', 'bigger', 'biggest', 'whole', 'main', 'major', 'key', 'huge', 'entire', 'overall', 'real', 'general',
]);
const QUANTITY_FRAMES = new Set(['long', 'many', 'much', 'often', 'far', 'old', 'big', 'soon', 'large']);

/** Content terms of a text, in order, with repeats (for indexing). */
export function contentTerms(text: string): string[] {
  return tokenize(text).filter(isContent).map(termOf);
}
