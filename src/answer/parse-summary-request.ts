/**
 * Reads what a person asked a summary of: a section named loosely ("road ahead", "ukraine war",
 * "section 2") and the free text after a `/summary` command (`[N] [section or topic]`).
 */
import type { Section, SummaryOptions } from '../types.ts';
import { contentTerms, foldText } from '../text/terms.ts';

/** A query word this long or longer also matches a heading word it begins ("intro"). */
const MIN_PREFIX = 4;

// "2", "s2", "§2", "#2", "section 2", "sec. 2", "part 2"
const SECTION_NUMBER = /^(?:(?:section|sec\.?|part|s|§|#)\s*)?(\d+)$/i;

function normalise(text: string): string {
  return foldText(text).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** How the words of `text` meet a heading's: shared terms, and the sizes of both sides. */
function overlap(text: string, heading: string): { shared: number; query: number; heading: number } {
  const q = [...new Set(contentTerms(text))];
  const h = [...new Set(contentTerms(heading))];
  const shared = q.filter((t) => h.some((w) => w === t || (t.length >= MIN_PREFIX && w.startsWith(t)))).length;
  return { shared, query: q.length, heading: h.length };
}

/**
 * The section that `text` names, or undefined.
 *
 * - `strict` (free text, where anything else is a topic): every word must be in the heading, and a
 *   single word must be the whole heading ("conclusion"); "putin" stays a topic.
 * - otherwise (an explicit section option): the heading sharing the largest share of the words,
 *   when it shares at least half of them.
 */
export function findSection(sections: readonly Section[], text: string, strict = false): Section | undefined {
  const wanted = text.trim();
  if (!wanted) return undefined;
  const number = SECTION_NUMBER.exec(wanted);
  if (number) return sections.find((s) => s.number === Number(number[1]));
  const plain = normalise(wanted);
  const exact = sections.find((s) => normalise(s.heading) === plain);
  if (exact) return exact;
  let best: Section | undefined;
  let bestScore = 0;
  for (const s of sections) {
    const o = overlap(wanted, s.heading);
    if (o.query === 0 || o.shared === 0) continue;
    if (strict ? o.shared < o.query || (o.query < 2 && o.heading > 1) : o.shared / o.query < 0.5) continue;
    // Most of the request matched first; then the heading that it describes most fully.
    const score = o.shared / o.query + o.shared / o.heading / 10;
    if (score > bestScore) {
      bestScore = score;
      best = s;
    }
  }
  return best;
}

/** The sections as a reader sees them: "0. Introduction", "1. A Strategic Setting …". */
export function sectionList(sections: readonly Section[]): string {
  return sections.map((s) => `${s.number}. ${s.heading}`).join('\n');
}

// A leading number, whole or not, signed or not: anything that looks like a count is read as one.
const LEADING_COUNT = /^([+-]?\d+(?:[.,]\d+)?)(?:\s+points?\b)?\s*/i;
// Joining words people put before the subject: "3 on China", "5 about the road ahead".
const LEADING_JOINER = /^(?:on|about|of|for|from|in)\s+/i;

/**
 * `[N] [section or topic]` as summary options. A leading number is the point count (kept as
 * written, so 0 or 11 reach the range check); the rest is a section when it names one, else a topic.
 */
export function parseSummaryArgs(args: string, sections: readonly Section[]): SummaryOptions {
  let rest = String(args ?? '').replace(/\s+/g, ' ').trim();
  const options: SummaryOptions = {};
  const count = LEADING_COUNT.exec(rest);
  if (count) {
    options.points = Number(count[1]!.replace(',', '.'));
    rest = rest.slice(count[0].length);
  }
  rest = rest.replace(LEADING_JOINER, '').trim();
  if (!rest) return options;
  if (findSection(sections, rest, true)) options.section = rest;
  else options.topic = rest;
  return options;
}
