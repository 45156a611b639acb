/** Developer tool: prints the retrieval signals for questions: terms, matches, top passages, answer. */
import { createAnswerer } from '../src/index.ts';
import { analyse, readQuestion, type AskContext } from '../src/answer/ask.ts';
import { cleanQuestion } from '../src/answer/normalise-question.ts';

let ctx: AskContext | undefined;
const a = createAnswerer({ corpusDir: process.env.CORPUS_DIR ?? 'corpus', onContext: (c) => (ctx = c) });
for (const q of process.argv.slice(2)) {
  const x = analyse(ctx!, readQuestion(ctx!, cleanQuestion(q)));
  console.log(`\n## ${q}  ${x ? JSON.stringify(x.signals) : '(no content terms)'}`);
  if (x) {
    for (const t of x.retrieval.terms) {
      const top = [...t.align].sort((p, q2) => q2[1] - p[1]).slice(0, 4).map(([k, w]) => `${k}:${w.toFixed(2)}`).join(',');
      console.log(`  ${t.token.word}/${t.term} w=${t.weight.toFixed(2)} s=${t.strength.toFixed(2)} align=${top}`);
    }
    for (const p of x.retrieval.ranked.slice(0, 4)) console.log(`  ${p.passage.id} score=${p.score.toFixed(3)} lex=${p.lexical.toFixed(2)} align=${p.alignment.toFixed(2)} dense=${p.dense.toFixed(2)} :: ${p.passage.text.slice(0, 50)}`);
  }
  const ans = a.ask(q);
  console.log(`  => ${ans.kind}: ${ans.text.slice(0, 160)}`);
}
