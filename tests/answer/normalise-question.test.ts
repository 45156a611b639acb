import { describe, expect, it } from 'vitest';
import { metaIntent, summaryRequest } from '../../src/answer/normalise-question.ts';

describe('metaIntent', () => {
  it.each(['Who wrote this?', 'who wrote this article?', 'Who is the author?', "who's the author of this piece", 'ok so who wrote this lol', 'written by whom?'])(
    'reads "%s" as asking for the article\'s author', (q) => {
      expect(metaIntent(q)).toBe('author');
    },
  );

  it.each(['Who wrote Romeo and Juliet?', 'who wrote the constitution', 'Who is the author of the sanctions plan?'])(
    'does not read "%s" as asking for the article\'s author', (q) => {
      expect(metaIntent(q)).toBeUndefined();
    },
  );

  it('reads a question about the title', () => {
    expect(metaIntent('What is the title?')).toBe('title');
  });
});

describe('summaryRequest', () => {
  it.each([
    ['summarise the article', ''],
    ['Summarize this please', ''],
    ['tl;dr', ''],
    ["what's the gist?", ''],
    ['What is this article about?', ''],
    ['can you give me a quick summary of the road ahead section?', 'road ahead'],
    ['sum up the conclusion', 'the conclusion'],
    ['summarise what it says about China', 'china'],
  ])('reads "%s" as a request for a summary of %j', (q, what) => {
    expect(summaryRequest(q)).toBe(what);
  });

  it.each(['What is the summit about?', 'What does the summary say?', 'Did the summit end in a breakthrough?'])(
    'reads "%s" as a question', (q) => {
      expect(summaryRequest(q)).toBeUndefined();
    },
  );
});
