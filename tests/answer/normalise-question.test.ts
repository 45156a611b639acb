import { describe, expect, it } from 'vitest';
import { metaIntent } from '../../src/answer/normalise-question.ts';

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
