/**
 * npm run eval: how well the scorer answers, for whoever maintains it.
 *
 *   npm run eval                      per training article, with the shipped weights (fitted on
 *                                     them: in-sample) and leave-one-article-out (refitted
 *                                     without the article: what a new article gets), pooled, and
 *                                     the abstention curve the operating point was read off
 *   npm run eval -- --holdout         also the holdout articles (log the run in tests/eval/LOG.md)
 *   npm run eval -- FILE [--corpus DIR] [--verbose]
 *                                     one question set through ask(), as ../shared/eval/score.mjs
 *                                     scores it (hit@1, hit@3, answer-hit, answered, abstention)
 *
 * Figures: hit@1 / hit@3 (a gold phrase in the first / first three citations), answer-hit (in
 * the answer text), answered (in-scope questions answered), abstain / hard (off-topic and
 * on-topic-but-unanswered questions declined).
 */
import { createAnswerer, loadCorpus, type Answer } from '../src/index.ts';
import { SCORER } from '../src/rank/model.ts';
import {
  articleSpec, curve, FIGURE_HEADER, figureLine, figures, fitScorer, holds, judge, outcomeOf, pct, readQuestions, split,
  type Judged, type Outcome,
} from './learning.ts';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const value = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const file = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--corpus'));

if (file) {
  const answerer = createAnswerer({ documents: loadCorpus(value('--corpus') ?? 'corpus') });
  const outcomes: Outcome[] = [];
  for (const question of readQuestions(file)) {
    const a: Answer = await answerer.ask(question.q);
    const cited = a.kind === 'answered' ? a.citations.map((c) => c.text) : [];
    const answerText = a.kind === 'answered' ? a.text : '';
    // The scorer counts the answer text toward a hit when a question says "where": "answer".
    const withAnswer = question.where === 'answer' && holds(answerText, question.gold) ? [answerText, ...cited] : cited;
    outcomes.push({ article: file, question, cited: withAnswer, answerText, p: a.kind === 'answered' ? 1 : 0 });
    if (flag('--verbose') && (question.kind === 'in' ? !(a.kind === 'answered' && holds(withAnswer[0] ?? '', question.gold)) : a.kind === 'answered')) {
      console.log(`${question.id} ${question.kind} ${a.kind} :: ${question.q}\n    got: ${(withAnswer[0] ?? a.text).slice(0, 120)}`);
    }
  }
  console.log(FIGURE_HEADER);
  console.log(figureLine(file.split('/').slice(-2).join('/'), figures(outcomes, 0.5)));
} else {
  const { train, holdout } = split();
  const judged: Judged[] = [];
  for (const name of train) judged.push(...(await judge(articleSpec(name), { encoder: true })));
  const shipped = (j: Judged) => outcomeOf(j, SCORER.ranker, SCORER.abstainer);
  const op = SCORER.operatingPoint;
  console.log(`shipped weights (trained ${SCORER.trainedAt} on ${SCORER.trainedOn.length} articles), operating point ${op}`);
  console.log(`\nin-sample (the articles the weights were fitted on):\n${FIGURE_HEADER}`);
  for (const a of train) console.log(figureLine(a, figures(judged.filter((j) => j.article === a).map(shipped), op)));
  const { model, loo } = fitScorer(judged, train);
  console.log(`\nleave-one-article-out (each article scored by weights fitted without it; operating point ${model.operatingPoint}):\n${FIGURE_HEADER}`);
  for (const a of train) console.log(figureLine(a, figures(loo.filter((o) => o.article === a), model.operatingPoint)));
  console.log(figureLine('pooled', figures(loo, model.operatingPoint)));
  const mean = (k: 'hit1' | 'hit3') => train.reduce((s, a) => s + figures(loo.filter((o) => o.article === a), model.operatingPoint)[k], 0) / train.length;
  console.log(`${'mean of articles'.padEnd(20)} ${pct(mean('hit1'))} ${pct(mean('hit3'))}`);
  console.log('\nabstention curve (leave-one-article-out, pooled): P(covered) threshold');
  console.log(' threshold answered abstain  hard');
  for (const p of curve(loo)) {
    console.log(`${p.t.toFixed(2).padStart(10)} ${pct(p.f.answered)}   ${pct(p.f.abstain)} ${pct(p.f.abstainHard)}${Math.abs(p.t - model.operatingPoint) < 1e-9 ? '  <- chosen' : ''}`);
  }
  if (flag('--holdout')) {
    console.log(`\nholdout articles, shipped weights:\n${FIGURE_HEADER}`);
    const all: Outcome[] = [];
    for (const name of holdout) {
      const outcomes = (await judge(articleSpec(name), { encoder: true })).map(shipped);
      all.push(...outcomes);
      console.log(figureLine(name, figures(outcomes, op)));
    }
    console.log(figureLine('pooled', figures(all, op)));
  }
}
