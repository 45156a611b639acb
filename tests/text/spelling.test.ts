import { describe, expect, it } from 'vitest';
import { correctQuestion, editDistance, edits1, Speller, type Lexicon } from '../../src/text/spelling.ts';

// A toy lexicon: rank by position (0 = most frequent); no context fit.
const common = ['the', 'what', 'about', 'between', 'was', 'how', 'long', 'over', 'seeing', 'offer', 'meeting', 'weather', 'whether', 'talks', 'issues', 'war', 'rest'];
const lexicon = (extra: Record<string, number> = {}): Lexicon => ({
  rank: (w) => extra[w] ?? (common.includes(w) ? common.indexOf(w) * 100 : undefined),
  fit: () => 0,
});

describe('edits', () => {
  it('one edit: deletions, transpositions, replacements, insertions', () => {
    const e = edits1('tlaks');
    for (const w of ['talks', 'laks', 'tlak', 'tlacks', 'blaks']) expect(e.has(w), w).toBe(true);
    expect(e.has('tlaks')).toBe(false);
  });

  it('distance counts a transposition as one edit and stops past the limit', () => {
    expect(editDistance('meida', 'media')).toBe(1);
    expect(editDistance('exluded', 'excluded')).toBe(1);
    expect(editDistance('ukriane', 'ukraine')).toBe(1);
    expect(editDistance('symbolc', 'symbolic')).toBe(1);
    expect(editDistance('abcdef', 'uvwxyz')).toBe(3);
  });
});

describe('Speller', () => {
  const speller = new Speller(lexicon(), ['meeting', 'talks', 'issues', 'putin', 'logjam', 'worrying']);

  it('corrects an unknown word to a real word one edit away, preferring the article\'s words', () => {
    expect(speller.correct('meeing', [])).toBe('meeting'); // "seeing" is as close, but not the article's
    expect(speller.correct('tlaks', [])).toBe('talks');
    expect(speller.correct('isues', [])).toBe('issues');
  });

  it('reads a mistyped stop word as the stop word', () => {
    expect(speller.correct('abuot', [])).toBe('about');
    expect(speller.correct('betwen', [])).toBe('between');
  });

  it('reaches two edits only among the article\'s words', () => {
    expect(speller.correct('lgojma', [])).toBe('logjam');
    expect(speller.correct('qwzxvb', [])).toBeUndefined();
  });

  it('leaves alone the article\'s words, common words and stop words', () => {
    expect(speller.correct('logjam', [])).toBeUndefined();
    expect(speller.correct('weather', [])).toBeUndefined();
    expect(speller.correct('whether', [])).toBeUndefined();
  });

  it('corrects a rare real word only towards a far more common one', () => {
    const s = new Speller(lexicon({ ofer: 59_000, zorbing: 40_000 }), []);
    expect(s.correct('ofer', [])).toBe('over');
    expect(s.correct('zorbing', [])).toBeUndefined();
  });

  it('turns a capitalised word (a possible name) only into one of the article\'s words', () => {
    expect(speller.correct('putn', [], true)).toBe('putin');
    expect(speller.correct('zelnsky', [], true)).toBeUndefined();
  });

  it('corrects a question in place, keeping capitals', () => {
    expect(correctQuestion(speller, 'How long was the meeing with Putn?')).toBe('How long was the meeting with Putin?');
    expect(correctQuestion(speller, 'What were the talks about?')).toBe('What were the talks about?');
  });
});
