/** Types for `wink-porter2-stemmer` (MIT), which ships none: the Porter2 (Snowball English) stemmer. */
declare module 'wink-porter2-stemmer' {
  /** The Porter2 stem of a lowercase English word ("negotiations" -> "negoti", "news" -> "news"). */
  export default function stem(word: string): string;
}
