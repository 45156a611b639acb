/**
 * Input hygiene and question understanding: what is left of a chat message once platform
 * mention syntax, control characters and chat noise are removed, and what kind of fact it asks for.
 */
import { foldText, isContent, tokenize, type Token } from '../text/terms.ts';

/** Longer questions get a usage reply: nobody asks one question in more than this. */
export const MAX_QUESTION_LENGTH = 1_000;

// Zero-width and bidi controls, and C0/C1 controls other than tab/newline.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\u00AD]|[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
// Slack <@U123>, <!channel>, <#C123|name>, <https://x|label>; Discord <@123>, <@!123>, <@&123>, <#123>.
const PLATFORM_MARKUP = /<(?:[@#!][^>\s]{0,80}|https?:[^>\s]{0,500})>/g;
const AT_WORDS = /@(?:everyone|here|channel)\b/gi;
// Half a surrogate pair (a cut emoji, or hostile input): no character at all, never echoed.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Cleans raw chat text into the question itself. Never throws. */
export function cleanQuestion(raw: string): string {
  return foldText(String(raw).replace(INVISIBLE, '').replace(LONE_SURROGATE, ''))
    .replace(INVISIBLE, '')
    .replace(PLATFORM_MARKUP, ' ')
    .replace(AT_WORDS, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Authorship and title questions are answered from the document's metadata. */
export type MetaIntent = 'author' | 'title' | undefined;

/**
 * "Who wrote this?", "who is the author", "who wrote the article lol": about the article's author.
 * Not "who wrote Romeo and Juliet" or "the author of the sanctions plan": after the phrase, only
 * words that refer to the article (or carry no content) may follow.
 */
const AUTHOR = /\b(?:who(?:'s| is| was)? (?:the )?(?:author|writer)|who (?:wrote|penned|authored)|(?:author|writer) of)\b(.*)/;
const ARTICLE_WORDS = new Set(['story', 'report', 'analysis', 'column', 'op-ed', 'news', 'write-up']);
function asksAuthor(q: string): boolean {
  if (/\b(?:written by|byline)\b/.test(q)) return true;
  const rest = AUTHOR.exec(q)?.[1];
  return rest !== undefined && !tokenize(rest).some((t) => isContent(t) && !ARTICLE_WORDS.has(t.word));
}

export function metaIntent(question: string): MetaIntent {
  const q = question.toLowerCase();
  if (asksAuthor(q)) return 'author';
  // "what's the headline?", not "what about the headline numbers?" (a section may be called that).
  if (/\bwhat(?:'s| is) (?:the|its) (?:title|headline)\W*$|\b(?:title|headline) of (?:the|this) (?:article|piece|story)\b/.test(q)) return 'title';
  return undefined;
}

/**
 * A request in chat for a summary ("summarise the article", "tl;dr", "what's the gist of the
 * road ahead section?", "what is this article about?"): what to summarise, as `/summary` reads
 * it ("" for the whole article, a section or a topic), or undefined for any other message.
 */
export function summaryRequest(question: string): string | undefined {
  const q = foldText(question).toLowerCase().replace(/[?.!]+$/, '').trim();
  if (/^what(?:'s| is) (?:this|the|that)(?: (?:article|piece|story|text))? about$/.test(q)) return '';
  // A news story asked what happened, bare: its outcome, which a whole-article summary leads with.
  if (/^(?:(?:ok|okay|so|hey|and)\s+)*(?:what(?:'s|s| has| is)? (?:happened|happening|going on|the (?:news|story|latest|upshot|outcome|bottom line))|what happened here)$/.test(q)) return '';
  const m = SUMMARY_REQUEST.exec(q);
  if (!m) return undefined;
  const rest = m[1]!
    .replace(/\b(?:please|pls|plz|for me|quickly)\b/g, ' ')
    .replace(/^\s*(?:of|on|about|for)\b/, '')
    .replace(/\bwhat (?:it|the article|this article|the piece) (?:says|said) (?:about|on)\b/, ' ')
    .replace(/\b(?:the |this |that )?(?:whole |entire |full )?(?:article|piece|story|text|report|thing|everything)\b/g, ' ')
    .replace(/^\s*the\s+(.+?)\s+(?:section|part|bit)\b/, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  return /^(?:it|this|that|all)?$/.test(rest) ? '' : rest;
}
const SUMMARY_REQUEST = new RegExp(
  '^(?:(?:ok|okay|so|hey|please|pls|plz|can you|could you|would you|will you|just)\\s+)*'
  + "(?:summari[sz]e|sum up|recap|tl;?dr|give (?:me |us )?(?:a |the )?(?:quick |short |brief )?(?:summary|gist|rundown|recap|overview|tl;?dr)"
  + "|what(?:'s| is| are) (?:the |this )?(?:gist|summary|tl;?dr|main points?|key points?|big picture)"
  + '|(?:a |the )?(?:quick |short |brief )?(?:summary|gist|recap|overview|tl;?dr))\\b(.*)$',
);

/**
 * Names in a question: runs of capitalised words (not at the start of the question, where every
 * word is capitalised) and acronyms, that are not stop words. "What did Boris Johnson say" ->
 * ["Boris Johnson"].
 */
export function namesIn(question: string): { name: string; tokens: Token[] }[] {
  const tokens = tokenize(question);
  const names: { name: string; tokens: Token[] }[] = [];
  let run: Token[] = [];
  const flush = () => {
    if (run.length) names.push({ name: run.map((t) => t.surface.replace(/'s$/, '')).join(' '), tokens: run });
    run = [];
  };
  tokens.forEach((t, i) => {
    const initial = i === 0 || /[.!?:]\s*$/.test(foldText(question).slice(0, t.offset));
    const nameLike = (t.acronym || (t.capitalised && !initial)) && isContent(t) && !/^\p{N}/u.test(t.word);
    const prev = tokens[i - 1];
    const adjacent = prev && run.length && /^[\s-]*$/.test(foldText(question).slice(prev.offset + prev.surface.length, t.offset));
    if (nameLike && (run.length === 0 || adjacent)) run.push(t);
    else {
      flush();
      if (nameLike) run.push(t);
    }
  });
  flush();
  return names;
}
