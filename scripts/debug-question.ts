/**
 * Developer tool: why the bot answers what it answers. For each question: how it was read, its
 * terms and their matches, the best candidates with their features and scores, and P(covered).
 *   npx tsx scripts/debug-question.ts "question" ["question" ...]   (CORPUS_DIR picks the article)
 */
import { createAnswerer } from '../src/index.ts';
import { analyse, readQuestion, type AskContext } from '../src/answer/ask.ts';
import { cleanQuestion } from '../src/answer/normalise-question.ts';
import { questionTexts, QUESTION_FEATURES, SENTENCE_FEATURES } from '../src/rank/features.ts';
import { readQuestionText } from '../src/answer/question-reading.ts';
import { loadUseEncoder } from '../src/search/sentence-encoder.ts';

let ctx: AskContext | undefined;
const encoder = await loadUseEncoder();
const a = createAnswerer({ corpusDir: process.env.CORPUS_DIR ?? 'corpus', encoder, onContext: (c) => (ctx = c) });
await a.ready;
const show = (names: readonly { name: string }[], x: readonly number[]) => names.map((f, i) => (x[i] ? `${f.name}=${x[i]!.toFixed(2)}` : '')).filter(Boolean).join(' ');
for (const q of process.argv.slice(2)) {
  const asked = readQuestion(ctx!, cleanQuestion(q));
  const v = await encoder.embed(questionTexts(readQuestionText(asked)));
  const x = analyse(ctx!, asked, { question: v[0]!, ...(v[1] ? { focus: v[1] } : {}) });
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
