/**
 * `npm run eval -- [questions.jsonl] [--corpus DIR] [--verbose]` scores a question set in the
 * format of `../shared/eval/dev.jsonl` (hit@1, hit@3, answer-hit, answered, abstention), then
 * prints the abstention trade-off curve: how many real questions are answered and how many
 * off-topic ones declined as the coverage threshold moves, with the chosen operating point marked.
 * Default set: the project's own, `tests/eval/alaska-questions.jsonl`.
 */
import { readFileSync } from 'node:fs';
import { ABSTAIN, createAnswerer, loadCorpus, type AbstainPolicy, type Answer, type Answerer } from '../../src/index.ts';

interface Item { id: string; kind: 'in' | 'oos' | 'oos-hard'; q: string; gold?: string[]; where?: string }

const args = process.argv.slice(2);
const opt = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--corpus') ?? 'tests/eval/alaska-questions.jsonl';
const corpusDir = opt('--corpus') ?? 'corpus';
const verbose = args.includes('--verbose');

const norm = (s: string) => s.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/[\u2013\u2014]/g, '-').replace(/\s+/g, ' ').toLowerCase();
const items: Item[] = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Item);

interface Score { hit1: number; hit3: number; answerHit: number; answered: number; abstain: number; abstainHard: number; misses: string[] }

function score(answerer: Answerer): Score {
  const t = { in: 0, hit1: 0, hit3: 0, answerHit: 0, answered: 0, oos: 0, oosOk: 0, hard: 0, hardOk: 0 };
  const misses: string[] = [];
  for (const it of items) {
    const a: Answer = answerer.ask(it.q);
    const cites = a.kind === 'answered' ? a.citations : [];
    if (it.kind === 'in') {
      const gold = (it.gold ?? []).map(norm);
      const has = (text: string) => gold.some((g) => norm(text).includes(g));
      const extra = it.where === 'answer' && has(a.text);
      const h1 = (cites[0] !== undefined && has(cites[0].text)) || extra;
      const h3 = cites.slice(0, 3).some((c) => has(c.text)) || extra;
      t.in++; t.hit1 += +h1; t.hit3 += +h3; t.answered += +(a.kind === 'answered'); t.answerHit += +has(a.text);
      if (!h1 || a.kind !== 'answered') misses.push(`${it.id} ${h3 ? 'top3' : 'MISS'} ${a.kind} :: ${it.q}\n    got: ${(cites[0]?.text ?? a.text).slice(0, 100)}`);
    } else {
      const ok = a.kind !== 'answered';
      if (it.kind === 'oos') { t.oos++; t.oosOk += +ok; } else { t.hard++; t.hardOk += +ok; }
      if (!ok) misses.push(`${it.id} ANSWERED ${it.kind} :: ${it.q}\n    got: ${a.text.slice(0, 100)}`);
    }
  }
  // A set without questions of a kind has no figure for it (NaN prints as "n/a").
  const r = (a: number, b: number) => (b ? a / b : Number.NaN);
  return {
    hit1: r(t.hit1, t.in), hit3: r(t.hit3, t.in), answerHit: r(t.answerHit, t.in), answered: r(t.answered, t.in),
    abstain: r(t.oosOk, t.oos), abstainHard: r(t.hardOk, t.hard), misses,
  };
}

const pct = (x: number) => (Number.isNaN(x) ? 'n/a' : `${(100 * x).toFixed(1)}%`).padStart(6);
const documents = loadCorpus(corpusDir);
const main = score(createAnswerer({ documents }));
if (verbose) for (const m of main.misses) console.log(m);
console.log(`${file}: ${items.length} questions`);
console.log(`hit@1 ${pct(main.hit1)}  hit@3 ${pct(main.hit3)}  answer-hit ${pct(main.answerHit)}  answered ${pct(main.answered)}  abstain ${pct(main.abstain)}  abstain-hard ${pct(main.abstainHard)}`);

// Four curves: the coverage a question must reach and the share of it the answer sentence must
// match, each with a lower bar for a question that names something the article names (it is
// about the article, so it may paraphrase more).
const curves: { key: keyof AbstainPolicy; title: string }[] = [
  { key: 'minCoverage', title: 'coverage threshold: share of the question the article matches' },
  { key: 'minCoverageNamed', title: 'the same, for questions that name one of the article\'s names' },
  { key: 'minSentenceAlign', title: 'sentence threshold: share of the question the answer sentence matches' },
  { key: 'minSentenceAlignNamed', title: 'the same, for questions that name one of the article\'s names' },
];
for (const { key, title } of curves) {
  console.log(`\nAbstention trade-off (${title})`);
  console.log('threshold  answered  abstain  abstain-hard');
  for (const value of [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7]) {
    const s = score(createAnswerer({ documents, abstain: { [key]: value } }));
    const mark = Math.abs(value - ABSTAIN[key]) < 1e-9 ? '  <- chosen' : '';
    console.log(`${value.toFixed(2).padStart(9)}  ${pct(s.answered)}   ${pct(s.abstain)}   ${pct(s.abstainHard)}${mark}`);
  }
}
