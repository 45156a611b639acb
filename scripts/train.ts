/**
 * npm run train: fits the scorer on the training articles (tests/eval/articles/split.json) and
 * writes src/rank/scorer-weights.json. Reproducible: the fit is deterministic (full-batch, zero
 * start), so the same articles, questions and code give the same weights.
 *
 *   npm run train               fit with every feature and write the weights
 *   npm run train -- --dry-run  fit and print the figures, write nothing
 *   npm run train -- --dry-run --no-encoder   the same without USE-lite
 */
import { writeFileSync } from 'node:fs';
import { articleSpec, FIGURE_HEADER, figureLine, figures, fitScorer, holds, judge, LINEAR_OPTIONS, outcomeOf, RANKER_KIND, split, type Judged } from './learning.ts';

const dryRun = process.argv.includes('--dry-run');
if (process.argv.includes('--boosted')) RANKER_KIND.kind = 'boosted';
// --no-encoder: fit without USE-lite (its features are then 0), to see what it earns.
const encoder = !process.argv.includes('--no-encoder');
const { train } = split();
const judged: Judged[] = [];
for (const name of train) judged.push(...(await judge(articleSpec(name), { encoder })));
if (process.argv.includes('--sweep-answer')) {
  // How often a second sentence joins the answer, against how often the answer holds a gold phrase.
  const { model } = fitScorer(judged, train);
  for (const share of [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.01]) {
    const outs = judged.map((j) => outcomeOf(j, model.ranker, model.abstainer, share));
    const f = figures(outs, model.operatingPoint);
    const sentences = outs.filter((o) => o.answerText).map((o) => o.answerText.split(/(?<=[.!?”"])\s+(?=[A-Z“"])/).length);
    console.log(`second-sentence share ${share}: answer-hit ${(100 * f.answerHit).toFixed(1)} (in-sample), sentences per answer ${(sentences.reduce((a, b) => a + b, 0) / sentences.length).toFixed(2)}`);
  }
  process.exit(0);
}
if (process.argv.includes('--sweep')) {
  for (const l2 of [0.0001, 0.001, 0.01, 0.03, 0.1, 0.3]) {
    LINEAR_OPTIONS.l2 = l2;
    const { loo, model } = fitScorer(judged, train);
    const f = figures(loo, model.operatingPoint);
    console.log(`l2 ${l2}: leave-one-article-out hit@1 ${(100 * f.hit1).toFixed(1)} hit@3 ${(100 * f.hit3).toFixed(1)} answer-hit ${(100 * f.answerHit).toFixed(1)}`);
  }
  process.exit(0);
}
const { model, loo } = fitScorer(judged, train);
console.log(`leave-one-article-out, operating point ${model.operatingPoint}:`);
console.log(FIGURE_HEADER);
for (const a of train) console.log(figureLine(a, figures(loo.filter((o) => o.article === a), model.operatingPoint)));
console.log(figureLine('all (pooled)', figures(loo, model.operatingPoint)));
const meanHit1 = train.reduce((s, a) => s + figures(loo.filter((o) => o.article === a), model.operatingPoint).hit1, 0) / train.length;
console.log(`mean of articles: hit@1 ${(100 * meanHit1).toFixed(1)}`);
if (process.argv.includes('--misses')) {
  for (const o of loo) {
    if (o.question.kind !== 'in' || holds(o.cited[0] ?? '', o.question.gold)) continue;
    console.log(`MISS ${o.article} ${o.question.id} p=${o.p.toFixed(2)} :: ${o.question.q}\n   gold: ${o.question.gold?.join(' | ')}\n   got:  ${(o.cited[0] ?? '').slice(0, 110)}`);
  }
}
console.log('ranker:', 'weights' in model.ranker ? JSON.stringify(model.ranker.weights) : `${model.ranker.trees.length} trees`);
console.log('abstainer:', JSON.stringify(model.abstainer.weights), 'bias', model.abstainer.bias);
if (!dryRun) {
  writeFileSync('src/rank/scorer-weights.json', `${JSON.stringify(model, null, 2)}\n`);
  console.log('wrote src/rank/scorer-weights.json');
}
