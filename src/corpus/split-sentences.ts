/**
 * Sentence splitting: Intl.Segmenter (ICU's sentence rules), then a repair pass for the breaks
 * ICU makes after abbreviations ("U.S. President", "Dr. Smith", "J. R. Tolkien").
 */
import { STOP_WORDS } from '../text/terms.ts';

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Abbreviations that are never the end of a sentence when a word follows. */
const TITLE_ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'mt', 'gen', 'col', 'lt', 'sgt', 'capt', 'cmdr', 'adm', 'gov',
  'sen', 'rep', 'pres', 'rev', 'hon', 'vs', 'etc', 'e.g', 'i.e', 'no', 'vol', 'fig', 'approx', 'inc', 'ltd', 'co',
  'corp', 'dept', 'univ', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);

function joinsNext(previous: string, next: string): boolean {
  const prev = previous.trimEnd();
  const last = /(\S+)$/.exec(prev)?.[1] ?? '';
  if (!last.endsWith('.')) return false;
  const bare = last.replace(/^[("'\u201C\u2018[]+/, '').slice(0, -1).toLowerCase();
  if (TITLE_ABBREVIATIONS.has(bare)) return true;
  // A single initial ("J.") is a name, not an end.
  if (/^\p{L}$/u.test(bare)) return true;
  // An initialism ("U.S.", "U.K."): a sentence ends there only when the next word starts a new
  // clause, which in English usually means a function word ("It was the U.S. Then ...").
  if (/^(?:\p{L}\.)+\p{L}$/u.test(bare)) {
    const nextWord = (/^\s*["'\u201C\u2018(]?([\p{L}']+)/u.exec(next)?.[1] ?? '').toLowerCase();
    return nextWord !== '' && !STOP_WORDS.has(nextWord);
  }
  return false;
}

/** Splits a paragraph into sentences, verbatim (trimmed), never losing a character but whitespace. */
export function splitSentences(paragraph: string): string[] {
  const parts = Array.from(segmenter.segment(paragraph), (s) => s.segment);
  const merged: string[] = [];
  for (const part of parts) {
    const prev = merged[merged.length - 1];
    if (prev !== undefined && joinsNext(prev, part)) merged[merged.length - 1] = prev + part;
    else merged.push(part);
  }
  return merged.map((s) => s.trim()).filter((s) => s.length > 0);
}
