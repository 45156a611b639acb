/**
 * The one trimming helper both chat renderers use: platform limits are in characters (UTF-16
 * units), and a cut must never leave half an emoji, half a Slack HTML entity, or a dangling
 * escape backslash.
 */

const ELLIPSIS = '…';

/**
 * Trims `text` to at most `max` characters at a word boundary (a hard cut when one word is longer
 * than the room), ending in an ellipsis. Never leaves half a surrogate pair, half an HTML entity
 * (`&am`) or a trailing escape backslash at the cut.
 */
export function trimAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= ELLIPSIS.length) return ELLIPSIS.slice(0, max);
  const room = max - ELLIPSIS.length;
  let cut = text.slice(0, room);
  const lastSpace = cut.search(/\s\S*$/);
  if (lastSpace > room * 0.6) cut = cut.slice(0, lastSpace);
  cut = cut.replace(/&[a-z]*$/, '');
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.replace(/[\s,;:\\]+$/u, '')}${ELLIPSIS}`;
}
