import { describe, expect, it } from 'vitest';
import { CorpusError, loadCorpus } from '../../src/index.ts';
import { parseDocument } from '../../src/corpus/load-corpus.ts';
import { splitSentences } from '../../src/corpus/split-sentences.ts';

const [doc] = loadCorpus('corpus');

describe('the article as passages', () => {
  it('has the lead and eight headed sections, fifteen paragraphs', () => {
    expect(doc!.sections.map((s) => s.number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(doc!.sections[0]!.heading).toBe('Introduction');
    expect(doc!.sections[2]!.heading).toBe('The Ukraine War: Hard Bargains, No Compromise');
    expect(doc!.sections.flatMap((s) => s.passages)).toHaveLength(15);
  });

  it('keeps title and byline as metadata, not passages', () => {
    expect(doc!.title).toBe('Trump–Putin Alaska Summit: Talks Fail to Yield Breakthrough');
    expect(doc!.author).toBe('Poonam Sharma');
    const all = doc!.sections.flatMap((s) => s.passages).map((p) => p.text).join('\n');
    expect(all).not.toContain('Poonam Sharma');
    expect(all).not.toContain('Comments are closed');
  });

  it('gives stable, readable ids and labels', () => {
    const p = doc!.sections[2]!.passages[1]!;
    expect(p.id).toBe('alaska-summit/s2/p2');
    expect(p.label).toBe('The Ukraine War: Hard Bargains, No Compromise, paragraph 2');
    expect(p.sentences[0]!.id).toBe('alaska-summit/s2/p2/t1');
    const again = loadCorpus('corpus')[0]!;
    expect(again.sections.flatMap((s) => s.passages.map((x) => x.id))).toEqual(doc!.sections.flatMap((s) => s.passages.map((x) => x.id)));
  });

  it('keeps every passage verbatim from the source article (a copy in tests/fixtures/article)', async () => {
    const { readFileSync } = await import('node:fs');
    const source = readFileSync('tests/fixtures/article/alaska-summit.txt', 'utf8');
    for (const p of doc!.sections.flatMap((s) => s.passages)) expect(source).toContain(p.text);
  });

  it('splits the lead into four sentences with "U.S." kept inside the first', () => {
    const lead = doc!.sections[0]!.passages[0]!;
    expect(lead.sentences).toHaveLength(4);
    expect(lead.sentences[0]!.text).toMatch(/^The highly anticipated weekend summit between U\.S\. President Donald Trump/);
  });

  it('counts 50 sentences in the article, each ending in terminal punctuation', () => {
    const sentences = doc!.sections.flatMap((s) => s.passages.flatMap((p) => p.sentences));
    expect(sentences.length).toBe(50);
    for (const s of sentences) expect(s.text).toMatch(/[.!?”"]$/);
  });
});

describe('splitSentences', () => {
  it('keeps U.S. and U.S.–Russia inside their sentence', () => {
    expect(splitSentences('Critics say this was about remodeling U.S.–Russia relations on business terms. Next.')).toEqual([
      'Critics say this was about remodeling U.S.–Russia relations on business terms.',
      'Next.',
    ]);
    expect(splitSentences('A summit between U.S. President Donald Trump and Putin. It ended.')).toHaveLength(2);
  });

  it('keeps titles and initials inside, but ends a sentence at an initialism before a new clause', () => {
    expect(splitSentences('Dr. Smith met Mr. Jones and J. R. Tolkien. Then they left.')).toHaveLength(2);
    expect(splitSentences('The deal favours the U.S. It also helps Russia.')).toEqual(['The deal favours the U.S.', 'It also helps Russia.']);
  });
});

describe('a malformed corpus file', () => {
  it('fails with the file name and the problem', () => {
    expect(() => parseDocument('x', 'no front matter', 'corpus/x.md')).toThrow(/corpus\/x\.md: missing front matter/);
    expect(() => parseDocument('x', '---\nauthor: A\n---\nText.', 'corpus/x.md')).toThrow(CorpusError);
    expect(() => parseDocument('x', '---\ntitle: [unclosed\n---\nText.', 'corpus/x.md')).toThrow(/not valid YAML/);
    expect(() => parseDocument('x', '---\ntitle: T\n---\n## Empty\n\n## Next\n\nText.', 'corpus/x.md')).toThrow(/section "Empty" has no paragraphs/);
  });

  it('reads every .md in a folder as its own document', () => {
    expect(() => loadCorpus('tests/does-not-exist')).toThrow(/cannot read the corpus folder/);
  });
});
