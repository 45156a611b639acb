/**
 * Developer tool: prints the abstention signals for every question of the given sets, so the
 * operating point is chosen from their distributions (in-scope vs off-topic), not guessed.
 * Usage: npx tsx scripts/tune.ts [corpusDir=questions.jsonl ...]
 */
import { readFileSync } from 'node:fs';
import { createAnswerer, loadCorpus } from '../src/index.ts';
import { analyse, readQuestion, type AskContext } from '../src/answer/ask.ts';
import { cleanQuestion } from '../src/answer/normalise-question.ts';

const sets = process.argv.slice(2).length ? process.argv.slice(2) : ['corpus=../shared/eval/dev.jsonl', 'corpus=tests/eval/alaska-questions.jsonl', 'tests/fixtures/corpus-second=tests/fixtures/corpus-second/questions.jsonl'];
for (const spec of sets) {
  const [dir, file] = spec.split('=') as [string, string];
  let ctx: AskContext | undefined;
  const answerer = createAnswerer({ documents: loadCorpus(dir), onContext: (c: AskContext) => (ctx = c) });
  const items = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  console.log(`\n# ${file}`);
  for (const it of items) {
    const a = answerer.ask(it.q);
    const x = analyse(ctx!, readQuestion(ctx!, cleanQuestion(it.q)));
    const s = x?.signals;
    const gold: string[] = it.gold ?? [];
    const norm = (t: string) => t.replace(/[\u2018\u2019]/g, "'").toLowerCase();
    const hit = a.kind === 'answered' && gold.some((g) => norm(a.citations[0]?.text ?? '').includes(norm(g)));
    console.log([it.kind.padEnd(8), a.kind.padEnd(11), hit ? 'HIT ' : '    ', s ? `cov=${s.coverage.toFixed(2)} sent=${s.sentenceAlign.toFixed(2)} pass=${s.passageAlign.toFixed(2)}${s.missingFact ? ' NOFACT' : ''}${s.unknownAsked ? ' UNKNOWN' : ''}` : '-', it.q].join(' '));
  }
}
