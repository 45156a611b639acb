/**
 * Groups the questions the bot could not answer, so the report shows "what people keep asking
 * that the article does not cover" as a handful of groups rather than a long list of near-copies.
 *
 * A question becomes a set of terms: lowercased, punctuation gone, stop words and question framing
 * dropped, a few demonyms folded onto their country ("French" -> "France"), then Porter2-stemmed.
 * Groups are made greedily, most frequent question first: each question joins the first group
 * whose leader's terms are similar enough (Jaccard), or leads a new group. Greedy leader
 * clustering is order-dependent, but the order is fixed (frequency, then recency), so the same log
 * gives the same groups.
 */
import { eng as STOPWORD_ENG } from 'stopword';
import porter2 from 'wink-porter2-stemmer';

/** Words that carry no content in a question, on top of the `stopword` list. */
const EXTRA_STOP = [
  'does', 'did', 'do', 'was', 'why', 'when', 'which', 'whom', 'whose', 'is', 'are', 'am', 'be',
  'will', 'would', 'can', 'could', 'should', 'shall', 'may', 'might', 'must', 'not', 'no', 'yes', 'so', 'just',
  'tell', 'know', 'explain', 'describe', 'please', 'pls', 'plz', 'thanks', 'thank', 'ok', 'okay', 'hey', 'hi', 'hello',
  "can't", "won't", 'say', 'says', 'said', 'mean', 'means', 'article', 'piece', 'story', 'text', 'author', 'anything', 'something',
];
const STOP: ReadonlySet<string> = new Set([...STOPWORD_ENG, ...EXTRA_STOP]);

/**
 * Demonyms folded onto their place before stemming, so "the French president" and "the president
 * of France" share their terms. Extend through `GroupOptions.aliases`.
 */
export const DEFAULT_ALIASES: Readonly<Record<string, string>> = {
  american: 'america', americans: 'america', usa: 'america',
  russian: 'russia', russians: 'russia',
  ukrainian: 'ukraine', ukrainians: 'ukraine',
  french: 'france', british: 'britain', english: 'england', german: 'germany', germans: 'germany',
  chinese: 'china', european: 'europe', europeans: 'europe', japanese: 'japan', indian: 'india',
  polish: 'poland', turkish: 'turkey', israeli: 'israel', iranian: 'iran', canadian: 'canada',
};

export interface GroupOptions {
  /**
   * Two questions fall in one group when the Jaccard similarity of their term sets
   * (|A ∩ B| / |A ∪ B|) is at least this. 1 groups only questions with identical terms; 0.5
   * (the default) groups "who is the president of france" with "president of france?" and with
   * "who's the French president", but not with "who is the president of russia".
   */
  similarity: number;
  /** Extra word -> canonical word, applied before stemming; merged over `DEFAULT_ALIASES`. */
  aliases: Record<string, string>;
}

export const DEFAULT_GROUP_OPTIONS: GroupOptions = { similarity: 0.5, aliases: {} };

// Words (letters, digits, inner apostrophes), after folding curly apostrophes.
const WORD = /[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu;
// Contractions and possessives: "who's" -> "who", "president's" -> "president", "isn't" -> "is".
const CLITIC = /'(?:s|re|ve|d|ll|m|t)$|n't$/;

/** The content terms of a question, sorted and unique: the unit of similarity. */
export function questionTerms(question: string, aliases: Record<string, string> = {}): string[] {
  const folded = question.normalize('NFKC').toLowerCase().replace(/[\u2018\u2019\u02BC`´]/g, "'");
  const terms = new Set<string>();
  for (const [raw] of folded.matchAll(WORD)) {
    if (STOP.has(raw)) continue;
    let word = raw.replace(CLITIC, '').replace(/'/g, '');
    if (STOP.has(word)) continue;
    word = aliases[word] ?? DEFAULT_ALIASES[word] ?? word;
    // One letter carries nothing ("u s" from "U.S."), one digit may ("world war 2").
    if (word.length < 2 && !/\p{N}/u.test(word)) continue;
    terms.add(porter2(word));
  }
  return [...terms].sort();
}

/** |A ∩ B| / |A ∪ B|; two empty sets are not similar (nothing tells them apart or together). */
export function jaccard(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 && b.length === 0) return 0;
  const setB = new Set(b);
  let common = 0;
  for (const t of new Set(a)) if (setB.has(t)) common++;
  return common / (new Set(a).size + setB.size - common);
}

/** What the grouping needs of a question record. */
export interface GroupableQuestion {
  at: number;
  question: string;
  reason?: string;
}

/** A group of similar questions, most frequent first. */
export interface QuestionGroup {
  /** How many times a question of this group was asked. */
  count: number;
  /** The group's most often asked wording. */
  representative: string;
  /** Other wordings with how often each was asked, most frequent first. */
  variants: { text: string; count: number }[];
  /** The not-covered reasons the bot gave, most frequent first. */
  reasons: { reason: string; count: number }[];
  /** The leader's terms, for debugging the grouping. */
  terms: string[];
  /** When a question of this group was last asked (ms). */
  lastAt: number;
}

interface Distinct {
  key: string;
  terms: string[];
  count: number;
  lastAt: number;
  texts: Map<string, number>;
  reasons: Map<string, number>;
}

const byCount = <K>(m: Map<K, number>) => [...m].sort((a, b) => b[1] - a[1]);
const bump = <K>(m: Map<K, number>, k: K, n = 1) => m.set(k, (m.get(k) ?? 0) + n);

/** Groups questions by similarity; see the module header. */
export function groupQuestions(questions: readonly GroupableQuestion[], options: Partial<GroupOptions> = {}): QuestionGroup[] {
  const { similarity, aliases } = { ...DEFAULT_GROUP_OPTIONS, ...options };
  // Same terms, same question: "Who is Putin?" and "who is putin" count once with count 2.
  const distinct = new Map<string, Distinct>();
  for (const q of questions) {
    const text = q.question.trim().replace(/\s+/g, ' ');
    if (!text) continue;
    const terms = questionTerms(text, aliases);
    const key = terms.length ? terms.join(' ') : `#${text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()}`;
    let d = distinct.get(key);
    if (!d) distinct.set(key, (d = { key, terms, count: 0, lastAt: q.at, texts: new Map(), reasons: new Map() }));
    d.count++;
    d.lastAt = Math.max(d.lastAt, q.at);
    bump(d.texts, text);
    if (q.reason) bump(d.reasons, q.reason);
  }
  const order = [...distinct.values()].sort((a, b) => b.count - a.count || b.lastAt - a.lastAt || a.key.localeCompare(b.key));
  const groups: { leader: Distinct; members: Distinct[] }[] = [];
  for (const d of order) {
    let best: (typeof groups)[number] | undefined;
    let bestScore = -1;
    for (const g of groups) {
      const score = jaccard(g.leader.terms, d.terms);
      if (score >= similarity && score > bestScore) [best, bestScore] = [g, score];
    }
    if (best) best.members.push(d);
    else groups.push({ leader: d, members: [d] });
  }
  return groups
    .map(({ leader, members }) => {
      const texts = new Map<string, number>();
      const reasons = new Map<string, number>();
      for (const m of members) {
        for (const [t, n] of m.texts) bump(texts, t, n);
        for (const [r, n] of m.reasons) bump(reasons, r, n);
      }
      const [first, ...rest] = byCount(texts);
      return {
        count: members.reduce((n, m) => n + m.count, 0),
        representative: first?.[0] ?? '',
        variants: rest.map(([text, count]) => ({ text, count })),
        reasons: byCount(reasons).map(([reason, count]) => ({ reason, count })),
        terms: leader.terms,
        lastAt: Math.max(...members.map((m) => m.lastAt)),
      };
    })
    .sort((a, b) => b.count - a.count || b.lastAt - a.lastAt);
}
