/**
 * Keeps a summary point short enough for a chat message: a text over `MAX_POINT_CHARS` is cut at
 * the last clause boundary (comma, semicolon, colon, dash) that leaves a readable part, else at
 * the last space, and ends with an ellipsis. Never mid-word; what is kept stays verbatim.
 */

/** A point longer than this many characters is cut. */
export const MAX_POINT_CHARS = 300;
/** A clause cut must keep at least this share of the limit, or it says too little. */
const MIN_KEEP_SHARE = 0.4;
export const ELLIPSIS = '…';

// A clause ends before one of these; the match starts at the punctuation.
const CLAUSE_BREAK = /[,;:](?=\s)|\s[\u2014\u2013]\s|\s--?\s|\u2014/g;

export function clipPoint(text: string, max = MAX_POINT_CHARS): string {
  if (text.length <= max) return text;
  const minKeep = Math.floor(max * MIN_KEEP_SHARE);
  let cut = -1;
  for (const m of text.matchAll(CLAUSE_BREAK)) {
    const at = m.index ?? 0;
    if (at > max) break;
    if (at >= minKeep) cut = at;
  }
  if (cut < 0) {
    // No clause boundary in reach: the last whole word that fits.
    const space = text.lastIndexOf(' ', max);
    cut = space > 0 ? space : max;
  }
  return `${text.slice(0, cut).replace(/[\s,;:\u2014\u2013-]+$/u, '')}${ELLIPSIS}`;
}
