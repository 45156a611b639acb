/**
 * Developer tool: how well answers survive typos. Each answerable question of a set is asked again
 * with one content word mistyped (a deleted, doubled, swapped or replaced letter, chosen by a
 * seeded generator so runs compare), with and without typo correction.
 *
 * Usage: npx tsx scripts/eval-typos.ts [questions.jsonl] [--corpus DIR] [--variants N] [--list]
 */
import { existsSync, readFileSync } from 'node:fs';
import { createAnswerer, loadCorpus, type Answer } from '../src/index.ts';
import { isContent, tokenize } from '../src/text/terms.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const file = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? '../shared/eval/dev.jsonl';
if (!existsSync(file)) {
  console.error(`${file} is missing: the shared dev set sits beside the project (../shared); pass a question set, e.g. tests/eval/alaska-fresh.jsonl`);
  process.exit(2);
}
const documents = loadCorpus(option('--corpus', 'corpus'));
const variants = Number(option('--variants', '3'));

interface Item { kind: string; q: string; gold?: string[] }
const items = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Item).filter((i) => i.kind === 'in' && i.gold);

// mulberry32: a small seeded generator, so every run mistypes the same way.
let seed = 20261128;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;

function mistype(word: string): string {
  const i = 1 + Math.floor(random() * (word.length - 2)); // keep the first and last letters
  switch (pick(['delete', 'double', 'swap', 'replace'] as const)) {
    case 'delete': return word.slice(0, i) + word.slice(i + 1);
    case 'double': return word.slice(0, i) + word[i] + word.slice(i);
    case 'swap': return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    case 'replace': return word.slice(0, i) + pick([...'aeiourstnl']) + word.slice(i + 1);
  }
}

const norm = (t: string) => t.replace(/[\u2018\u2019]/g, "'").replace(/[\u2013\u2014]/g, '-').toLowerCase();
const asked: { q: string; gold: string[] }[] = [];
for (const it of items) {
  const words = tokenize(it.q).filter((t) => isContent(t) && t.word.length >= 4 && /^[a-z]+$/i.test(t.surface));
  for (let v = 0; v < variants && words.length; v++) {
    const t = pick(words);
    asked.push({ q: it.q.slice(0, t.offset) + mistype(t.surface) + it.q.slice(t.offset + t.surface.length), gold: it.gold! });
  }
}
const hit = (a: Answer, gold: string[]) => a.kind === 'answered' && gold.some((g) => norm(a.citations[0]?.text ?? '').includes(norm(g)) || norm(a.text).includes(norm(g)));
if (args.includes('--list')) for (const x of asked) console.log(x.q);
for (const spelling of [false, true]) {
  const answerer = createAnswerer({ documents, spelling });
  let clean = 0;
  for (const it of items) if (hit(await answerer.ask(it.q), it.gold!)) clean++;
  let typed = 0;
  let answered = 0;
  for (const x of asked) {
    const a = await answerer.ask(x.q);
    if (hit(a, x.gold)) typed++;
    if (a.kind === 'answered') answered++;
  }
  const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)}%`;
  console.log(`typo correction ${spelling ? 'on ' : 'off'}: hit@1 ${pct(clean, items.length)} as written, ${pct(typed, asked.length)} with one mistyped word (${asked.length} variants), answered ${pct(answered, asked.length)}`);
}
