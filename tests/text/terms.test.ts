import { describe, expect, it } from 'vitest';
import { clipText, contentTerms, isContent, tokenize, withoutQuestionFraming } from '../../src/text/terms.ts';

const questionWords = (q: string) => withoutQuestionFraming(tokenize(q)).filter(isContent).map((t) => t.word);

describe('question framing', () => {
  it('drops question words, chat filler, light verbs and "happen", keeping what is asked about', () => {
    expect(questionWords('ok so what happened at the summit lol')).toEqual(['summit']);
    expect(questionWords('What steps could be taken?')).toEqual(['steps']);
    expect(questionWords('What is happening inside NATO?')).toEqual(['nato']);
    expect(questionWords('Is it going to snow?')).toEqual(['snow']);
    expect(questionWords('How long has the war been going on?')).toEqual(['war', 'going']);
  });

  it('keeps a quantity word only where it is not a "how" frame', () => {
    expect(questionWords('How long did the talks last?')).toEqual(['talks', 'last']);
    expect(questionWords('Was it a long war?')).toEqual(['long', 'war']);
  });
});

describe('content terms', () => {
  it('keep acronyms and stems, and drop prepositions of place and concession', () => {
    expect(contentTerms('NATO splits inside Europe despite US pressure')).toEqual(contentTerms('NATO splits Europe US pressure'));
    expect(tokenize('the U.S. and NATO').filter(isContent).map((t) => t.word)).toEqual(['us', 'nato']);
    // Porter2, not the 1980 Porter algorithm: "news" is not "new", "skies" is "sky".
    expect(contentTerms('news skies negotiations negotiate')).toEqual(['news', 'sky', 'negoti', 'negoti']);
  });
});

describe('clipText', () => {
  it('never cuts a surrogate pair in two', () => {
    expect(clipText('ab🙂cd', 3)).toBe('ab');
    expect(clipText('ab🙂cd', 4)).toBe('ab🙂');
    expect(clipText('short', 80)).toBe('short');
  });
});
