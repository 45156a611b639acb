/**
 * Loads the corpus: every `.md` file in a folder is one document, with a YAML front matter
 * (title required; author, source optional) and `##` headings for its sections. A malformed file
 * fails at startup with a CorpusError naming the file and the problem.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Document, Passage, Section } from '../types.ts';
import { splitSentences } from './split-sentences.ts';

export class CorpusError extends Error {
  readonly code = 'corpus';
  constructor(readonly file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'CorpusError';
  }
}

/** The heading given to text before the first `##` heading. */
export const LEAD_HEADING = 'Introduction';

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

/** Parses one Markdown document. `id` becomes the first segment of every passage id. */
export function parseDocument(id: string, markdown: string, file = `${id}.md`): Document {
  const fm = FRONT_MATTER.exec(markdown);
  if (!fm) throw new CorpusError(file, 'missing front matter: start the file with a "---" block holding at least "title:"');
  let meta: unknown;
  try {
    meta = parseYaml(fm[1] ?? '');
  } catch (err) {
    throw new CorpusError(file, `front matter is not valid YAML (${(err as Error).message.split('\n')[0]})`);
  }
  if (typeof meta !== 'object' || meta === null) throw new CorpusError(file, 'front matter must be a YAML mapping with "title:"');
  const { title, author, source, examples } = meta as Record<string, unknown>;
  if (examples !== undefined && !(Array.isArray(examples) && examples.every((e) => typeof e === 'string'))) {
    throw new CorpusError(file, '"examples:" must be a list of questions');
  }
  if (typeof title !== 'string' || !title.trim()) throw new CorpusError(file, 'front matter has no "title:"');
  if (author !== undefined && typeof author !== 'string') throw new CorpusError(file, '"author:" must be text');
  if (source !== undefined && typeof source !== 'string') throw new CorpusError(file, '"source:" must be text');

  const body = markdown.slice(fm[0].length).replace(/\r\n/g, '\n');
  const blocks = body.split(/\n\s*\n/).map((b) => b.trim()).filter(Boolean);
  const sections: Section[] = [];
  let current: Section | undefined;
  let order = 0;
  const open = (heading: string) => {
    const number = sections.length === 0 && heading === LEAD_HEADING ? 0 : sections.length + (sections[0]?.number === 0 ? 0 : 1);
    current = { id: `${id}/s${number}`, docId: id, number, heading, passages: [] };
    sections.push(current);
    return current;
  };
  for (const block of blocks) {
    const heading = /^#{1,6}\s+(.+)$/.exec(block);
    if (heading && !block.includes('\n')) {
      open(heading[1]!.trim());
      continue;
    }
    if (/^#{1,6}\s/.test(block)) throw new CorpusError(file, `a heading must stand alone on its line, followed by a blank line: "${block.slice(0, 60)}"`);
    const section = current ?? open(LEAD_HEADING);
    const text = block.replace(/\s*\n\s*/g, ' ');
    const paragraphNumber = section.passages.length + 1;
    const pid = `${section.id}/p${paragraphNumber}`;
    const passage: Passage = {
      id: pid,
      docId: id,
      sectionNumber: section.number,
      paragraphNumber,
      heading: section.heading,
      label: `${section.heading}, paragraph ${paragraphNumber}`,
      text,
      sentences: splitSentences(text).map((s, index) => ({ id: `${pid}/t${index + 1}`, passageId: pid, text: s, index })),
      order: order++,
    };
    section.passages.push(passage);
  }
  const empty = sections.find((s) => s.passages.length === 0);
  if (empty) throw new CorpusError(file, `section "${empty.heading}" has no paragraphs`);
  if (sections.length === 0) throw new CorpusError(file, 'the document has no text after its front matter');
  return { id, title: title.trim(), author: author?.trim(), source: source?.trim(), examples: examples as string[] | undefined, sections };
}

/** Reads every `.md` file in `dir`, in name order. Throws CorpusError on the first bad file. */
export function loadCorpus(dir: string): Document[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.md')).sort();
  } catch (err) {
    throw new CorpusError(dir, `cannot read the corpus folder (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  if (names.length === 0) throw new CorpusError(dir, 'no .md files: put at least one article there');
  return names.map((name) => {
    const file = join(dir, name);
    return parseDocument(basename(name, '.md'), readFileSync(file, 'utf8'), file);
  });
}
