import { describe, expect, it } from 'vitest';
import {
  askedAttribute, asksForService, introducedName, isYesNoQuestion, negates,
} from '../../src/answer/asked-about.ts';


describe('askedAttribute', () => {
  it.each([
    ['What is the population of Alaska?', ['population']],
    ["Who is Putin's wife?", ['wife']],
    ['What was the outcome of the summit?', ['outcome']],
    ['What is the logjam?', []],
    ['What did Putin say about the population?', []],
  ])('%s -> %j', (q, attribute) => {
    expect(askedAttribute(q)).toEqual(attribute);
  });
});

describe('yes/no questions and denials', () => {
  it('reads a question that opens with an auxiliary, after chat filler, as yes/no', () => {
    expect(isYesNoQuestion('ok so was anything settled?')).toBe(true);
    expect(isYesNoQuestion('Did the council approve it?')).toBe(true);
    expect(isYesNoQuestion('What did the council approve?')).toBe(false);
  });

  it('finds denials and negations', () => {
    expect(negates('The grant has not yet been formally awarded.')).toBe(true);
    expect(negates('It was by no means empty of meaning.')).toBe(true);
    expect(negates('That an agreement wasn\u2019t struck can be disappointing.')).toBe(true);
    expect(negates('The council approved the line.')).toBe(false);
  });
});

describe('asksForService', () => {
  it.each(['How do I reset my router?', 'how to bake bread', 'Can you book me a table for two?', 'Write me a haiku about the sea', 'pls translate this', 'Can you help me write a cover letter?'])(
    'reads "%s" as a request for a service', (q) => {
      expect(asksForService(q)).toBe(true);
    },
  );

  it.each(['Can you tell me why Kyiv was excluded?', 'could you explain the logjam', 'help me understand the stalemate', 'ok so when can i ride it', 'will my property taxes go up?', 'How did Russian media cover the summit?', 'How should we read the summit?'])(
    'reads "%s" as a question', (q) => {
      expect(asksForService(q)).toBe(false);
    },
  );
});

describe('introducedName', () => {
  const isName = (w: string) => ['vladimir', 'putin', 'nato'].includes(w);
  it('reads "who is X" when X is one of the article\'s names', () => {
    expect(introducedName('Who is Vladimir Putin?', isName)).toBe('putin');
    expect(introducedName('ok so who was putin', isName)).toBe('putin');
    expect(introducedName('Who is Putin\'s main ally?', isName)).toBeUndefined();
    expect(introducedName('Who was excluded from the talks?', isName)).toBeUndefined();
  });
});
