/**
 * `npm run bench`: figures, not assertions. Prints, for the article: start-up (process start to
 * ready, with and without word vectors), index build, the median and p99 time per `ask()` over a
 * few hundred varied questions against a bare minisearch `search()` on the same questions (and the
 * ratio), whole-article summary time, and heap used. Medians and ratios, because machines here are
 * shared and noisy. Load runs against the adapters are in bench/load-*.ts when present.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import MiniSearch from 'minisearch';
import { createAnswerer, loadCorpus } from '../src/index.ts';

const documents = loadCorpus('corpus');
const passages = documents.flatMap((d) => d.sections.flatMap((s) => s.passages));

function questions(): string[] {
  const files = ['tests/eval/alaska-questions.jsonl', '../shared/eval/dev.jsonl'].filter(existsSync);
  const base = files.flatMap((f) => readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).q as string));
  // Variations so the cache of word vectors and stems sees new words: lower case, a dropped word,
  // a swapped letter, chat filler.
  const out: string[] = [];
  base.forEach((q, i) => {
    const words = q.split(' ');
    out.push(q, q.toLowerCase(), `ok so ${q} lol`, words.filter((_, j) => j !== i % words.length).join(' '));
    const w = words[(i * 7) % words.length]!;
    if (w.length > 4) out.push(q.replace(w, w.slice(0, 2) + w[3] + w[2] + w.slice(4)));
  });
  return out;
}

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { median: at(0.5), p99: at(0.99), n: s.length };
}

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const r = fn();
  return [r, performance.now() - t];
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await fn();
  return [r, performance.now() - t];
}

async function timings(items: readonly string[], fn: (q: string) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (const q of items) out.push((await timeAsync(() => fn(q)))[1]);
  return out;
}

const ms = (x: number) => `${x.toFixed(3)} ms`;
const qs = questions();

// Start-up: a fresh process that builds the answerer (the sentence encoder loaded, the article's
// embeddings from their cache) and answers one question.
function startup(label: string, options: string): number {
  const code = `const t=performance.now();const m=await import('./src/index.ts');const a=m.createAnswerer({corpusDir:'corpus'${options}});await a.ask('How long was the meeting?');console.log(JSON.stringify({ready:performance.now()-t,heap:process.memoryUsage().heapUsed,rss:process.memoryUsage().rss}))`;
  const runs: number[] = [];
  let last = { ready: 0, heap: 0, rss: 0 };
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8' });
    runs.push(performance.now() - t);
    last = JSON.parse(r.stdout.trim().split('\n').pop()!);
  }
  console.log(`start-up ${label.padEnd(28)}: process start to ready ${ms(stats(runs).median)} (median of 3; in-process build ${ms(last.ready)}), heap ${(last.heap / 2 ** 20).toFixed(1)} MiB, rss ${(last.rss / 2 ** 20).toFixed(1)} MiB`);
  return stats(runs).median;
}

console.log(`summit-bot bench: ${passages.length} passages, ${qs.length} questions, node ${process.version}\n`);
startup('(every signal on)', '');
startup('without USE-lite', ',encoder:false');
startup('without USE-lite or vectors', ',encoder:false,vectors:false');

const [answerer, buildMs] = time(() => createAnswerer({ documents }));
await answerer.ready;
const bare = new MiniSearch({ fields: ['text', 'heading'], idField: 'id' });
const [, bareBuild] = time(() => bare.addAll(passages.map((p) => ({ id: p.id, text: p.text, heading: p.heading }))));
console.log(`\nindex + vectors build (in process): ${ms(buildMs)}; bare minisearch index: ${ms(bareBuild)}`);

await timings(qs.slice(0, 50), (q) => answerer.ask(q)); // warm up the JIT
const askTimes = await timings(qs, (q) => answerer.ask(q));
const searchTimes = qs.map((q) => time(() => bare.search(q))[1]);
const a = stats(askTimes);
const b = stats(searchTimes);
console.log(`ask(), every signal on: median ${ms(a.median)}  p99 ${ms(a.p99)}  (n=${a.n})`);
console.log(`minisearch search(): median ${ms(b.median)}  p99 ${ms(b.p99)}`);
console.log(`ratio ask/search:   median ${(a.median / b.median).toFixed(1)}x  p99 ${(a.p99 / b.p99).toFixed(1)}x`);

const noEncoder = createAnswerer({ documents, encoder: false });
const e = stats(await timings(qs, (q) => noEncoder.ask(q)));
console.log(`ask() without USE-lite: median ${ms(e.median)}  p99 ${ms(e.p99)}`);
const keywordOnly = createAnswerer({ documents, vectors: false, encoder: false });
const k = stats(await timings(qs, (q) => keywordOnly.ask(q)));
console.log(`ask() without USE-lite or vectors: median ${ms(k.median)}  p99 ${ms(k.p99)}`);

const sum = stats(await timings(Array.from({ length: 30 }, () => ''), () => answerer.summarize({ points: 5 })));
const sumTopic = stats(await timings(['China', 'sanctions', 'NATO'].flatMap((t) => Array.from({ length: 10 }, () => t)), (topic) => answerer.summarize({ topic })));
console.log(`summarize(5 points, whole article): median ${ms(sum.median)}  p99 ${ms(sum.p99)}; by topic: median ${ms(sumTopic.median)}`);

globalThis.gc?.();
console.log(`heap used now: ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(1)} MiB`);

// Load runs written alongside (Slack receiver, Discord gateway), each a script that prints its figures.
for (const f of readdirSync('bench').filter((n) => /^load-.*\.ts$/.test(n)).sort()) {
  console.log(`\n== ${f}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', `bench/${f}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 300_000 });
  process.stdout.write(r.stdout);
}
