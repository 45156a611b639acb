/**
 * Picks summary points by Maximal Marginal Relevance (Carbonell & Goldstein 1998): each pick is
 * the candidate most relevant to the summary's purpose and least like the points already picked.
 * A section penalty spreads the points over the article's parts, so one idea does not take two
 * points while another gets none.
 */

export interface MmrOptions {
  /** How many points to pick at most. */
  count: number;
  /** Weight of relevance against redundancy, 0..1: higher favours relevance. */
  lambda: number;
  /** Subtracted once for every point already picked from the candidate's section. */
  sectionPenalty: number;
}

export interface MmrCandidate {
  /** Index into the similarity matrix; also the article order. */
  index: number;
  /** Group for the diversity penalty (the section). */
  group: number;
  relevance: number;
}

/** Returns the picked indexes in article order. Deterministic: ties go to the earlier candidate. */
export function selectByMmr(candidates: readonly MmrCandidate[], similarity: number[][], options: MmrOptions): number[] {
  const picked: MmrCandidate[] = [];
  const left = [...candidates].sort((a, b) => a.index - b.index);
  while (picked.length < options.count && left.length > 0) {
    let best = 0;
    let bestScore = -Infinity;
    left.forEach((c, k) => {
      const redundancy = Math.max(0, ...picked.map((p) => similarity[c.index]![p.index]!));
      const sameGroup = picked.filter((p) => p.group === c.group).length;
      const score = options.lambda * c.relevance - (1 - options.lambda) * redundancy - options.sectionPenalty * sameGroup;
      if (score > bestScore) {
        bestScore = score;
        best = k;
      }
    });
    picked.push(left.splice(best, 1)[0]!);
  }
  return picked.map((p) => p.index).sort((a, b) => a - b);
}
