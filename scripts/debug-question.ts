/**
 * Developer tool: why the bot answers what it answers. For each question: how it was read, its
 * terms and their matches, the best candidates with their features and scores, and P(covered).
 *   npx tsx scripts/debug-question.ts "question" ["question" ...]   (CORPUS_DIR picks the article)
 */
import { createAnswerer } from '../src/index.ts';
import { analyse, askedQuestion, type AskContext } from '../src/answer/ask.ts';
import { embedQuestion, QUESTION_FEATURES, SENTENCE_FEATURES } from '../src/rank/features.ts';
import { loadUseEncoder } from '../src/search/sentence-encoder.ts';

let ctx: AskContext | undefined;
const encoder = await loadUseEncoder();
const a = createAnswerer({ corpusDir: process.env.CORPUS_DIR ?? 'corpus', encoder, onContext: (c) => (ctx = c) });
await a.ready;
const show = (names: readonly { name: string }[], x: readonly number[]) => names.map((f, i) => (x[i] ? `${f.name}=${x[i]!.toFixed(2)}` : '')).filter(Boolean).join(' ');
for (const q of process.argv.slice(2)) {
  const read = askedQuestion(ctx!, q);
  const asked = 'kind' in read ? q : read.reading.text;
  const x = 'kind' in read ? undefined : analyse(ctx!, read.reading, await embedQuestion(encoder, read.reading));
  console.log(`\n## ${q}${asked !== q ? `  (read as “${asked}”)` : ''}`);
  if (x) {
    const { reading } = x;
    console.log(`  type=${reading.type} fact=${reading.fact?.kind ?? '-'} focus=${reading.focus.join(',')} names=${reading.names.map((n) => n.name).join(',')} unknown=${x.unknownNames.join(',')}`);
    for (const t of x.facts.retrieval.terms) {
      const top = [...t.align].sort((p, q2) => q2[1] - p[1]).slice(0, 4).map(([k, w]) => `${k}:${w.toFixed(2)}`).join(',');
      console.log(`  term ${t.token.word} w=${t.weight.toFixed(2)} evidence=${t.strength.toFixed(2)} matches=${top}`);
    }
    for (const c of x.ranked.slice(0, 5)) console.log(`  ${c.score.toFixed(2)} ${c.sentence.id} ${show(SENTENCE_FEATURES, c.x)}\n        ${c.sentence.text.slice(0, 100)}`);
    console.log(`  P(covered)=${x.covered.toFixed(3)}  ${show(QUESTION_FEATURES, x.q)}`);
  }
  const ans = await a.ask(q);
  console.log(`  => ${ans.kind}: ${ans.text.slice(0, 160)}`);
}
