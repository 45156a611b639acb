/** Prints the retrieval signals for questions (a developer's tool): terms, matches, coverage, top passages. */
import { createAnswerer, loadCorpus } from '../src/index.ts';
import { buildIndex } from '../src/search/search-index.ts';
import { createRetriever } from '../src/search/retrieve.ts';
import { SemanticSpace } from '../src/search/semantic.ts';
import { loadWordVectors } from '../src/search/word-vectors.ts';
import { tokenize } from '../src/text/terms.ts';

const docs = loadCorpus(process.env.CORPUS_DIR ?? 'corpus');
const passages = docs.flatMap((d) => d.sections.flatMap((s) => s.passages));
const v = loadWordVectors()!;
const words = new Set(passages.flatMap((p) => tokenize(`${p.heading} ${p.text}`).map((t) => t.word)));
const sem = new SemanticSpace(v, words);
sem.fitCommonComponent(passages.flatMap((p) => p.sentences.map((s) => s.text)));
const emb = new Map(passages.map((p) => [p.id, sem.embed(`${p.heading}. ${p.text}`)]));
const r = createRetriever(buildIndex(passages), passages, sem, emb);
const a = createAnswerer({ documents: docs });
for (const q of process.argv.slice(2)) {
  const x = r.retrieve(q);
  console.log(`\n## ${q}  coverage=${x.coverage.toFixed(2)}`);
  for (const t of x.terms) console.log(`  ${t.token.word}/${t.term} w=${t.weight.toFixed(2)} s=${t.strength.toFixed(2)} matched=${[...t.matched].map(([k, w]) => `${k}:${w.toFixed(2)}`).join(',')}`);
  for (const p of x.ranked.slice(0, 4)) console.log(`  ${p.passage.id} score=${p.score.toFixed(3)} lex=${p.lexical.toFixed(2)} dense=${p.dense.toFixed(2)} :: ${p.passage.text.slice(0, 60)}`);
  const ans = a.ask(q);
  console.log(`  => ${ans.kind}: ${ans.text.slice(0, 160)}`);
}
