import { describe, expect, it } from 'vitest';
import { readQuestionText } from '../../src/answer/question-reading.ts';

describe('readQuestionText', () => {
  it.each([
    ['Who voted against the plan?', 'who'],
    ['when did the embankment fail', 'when'],
    ['whens the vote', 'when'],
    ['Where was the game played?', 'where'],
    ['how many people were evacuated', 'how-many'],
    ['How much will it cost?', 'how-much'],
    ['how long did the talks last', 'how-long'],
    ['Why did the bank hold rates?', 'why'],
    ['did they reach a deal?', 'yes-no'],
    ['Is the grant guaranteed?', 'yes-no'],
    ['what does coefficient of performance mean?', 'definition'],
    ['tl;dr', 'summary'],
    ['who wrote this?', 'author'],
    ['thanks!', 'greeting'],
    ['lol ok', 'greeting'],
    ['How does a heat pump work?', 'how'],
    ['What did Trump offer Putin?', 'what'],
  ])('reads “%s” as a %s question', (q, type) => {
    expect(readQuestionText(q).type).toBe(type);
  });

  it('reads focus words, names, the asked attribute and negation', () => {
    const r = readQuestionText('What is the population of Alaska?');
    expect(r.attribute).toEqual(['population']);
    expect(r.names.map((n) => n.name)).toEqual(['Alaska']);
    expect(r.focus).toEqual(expect.arrayContaining(['population', 'alaska']));
    expect(readQuestionText("why didn't they agree?").negated).toBe(true);
    expect(readQuestionText('why did they agree?').negated).toBe(false);
  });

  it('reads the shape of fact asked for', () => {
    expect(readQuestionText('how many trams did they buy').fact).toMatchObject({ kind: 'count', focus: ['trams'] });
    expect(readQuestionText('how big is the site').fact?.kind).toBe('number');
    expect(readQuestionText('what did the mayor say after the vote').fact?.kind).toBe('quote');
    expect(readQuestionText('who spoke in support of it').fact?.kind).toBe('person');
    expect(readQuestionText('Who is Putin?').introduces).toBe('putin');
  });

  it('tells a request for a service from a question about the text', () => {
    expect(readQuestionText('How do I reset my router?').serviceRequest).toBe(true);
    expect(readQuestionText('Can you explain the deal?').serviceRequest).toBe(false);
  });
});
