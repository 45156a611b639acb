import { describe, expect, it } from 'vitest';
import { agreesInTense, expectedFact, largestSum, relaxed, statesFact, type ExpectedFact } from '../../src/answer/expected-fact.ts';

/** Literal similarity, ignoring a plural s: enough to test the shapes without word vectors. */
const literal = (a: string, b: string) => (a.replace(/s$/, '') === b.replace(/s$/, '') ? 1 : 0);
const fact = (q: string) => expectedFact(q) as ExpectedFact;

describe('expectedFact', () => {
  it.each([
    ['How many ferries does the island have?', 'count'],
    ['how long did the strike last', 'length'],
    ['How far is the airport from the centre?', 'length'],
    ['How much did the bridge cost?', 'amount'],
    ['how often do the buses run', 'frequency'],
    ['When was the museum opened?', 'time'],
    ['ok so when will it open', 'time'],
    ['What year did the mill close?', 'time'],
    ['What percentage of voters agreed?', 'number'],
    ['What should the club do next?', 'advice'],
    ['What time does the ferry leave?', 'clock'],
    ['At what time did the vote start?', 'clock'],
    ['Where was the treaty signed?', 'place'],
    ['so where will the new stadium go', 'place'],
    ['What did the mayor call the plan?', 'quote'],
  ])('%s -> %s', (q, kind) => {
    expect(expectedFact(q)?.kind).toBe(kind);
  });

  it('reads "how much" as money only when the question speaks of money', () => {
    expect(expectedFact('How much did the bridge cost?')?.kind).toBe('amount');
    expect(expectedFact('how much money will the state give')?.kind).toBe('amount');
    expect(expectedFact('How much did the talks achieve?')).toBeUndefined();
    expect(fact('What will the tickets cost?')).toMatchObject({ kind: 'amount', focus: ['tickets'] });
    expect(fact('How much will the whole thing cost?')).toMatchObject({ kind: 'amount', focus: [] });
    // "the cost of" is a noun; "What is X's net worth?" asks for a sum; "the price of concessions" may be paid in other coin.
    expect(expectedFact('What is the cost of yielding territory?')).toBeUndefined();
    expect(fact("What is Putin's net worth?").kind).toBe('amount');
    expect(expectedFact('What is the price of concessions?')).toBeUndefined();
  });

  it('reads "where ... from" as a source, not a place', () => {
    expect(expectedFact('Where is the money coming from?')).toBeUndefined();
    expect(expectedFact('Where do the talks go from here?')).toBeUndefined();
    expect(expectedFact('What time of year is the festival?')?.kind).toBe('time');
  });

  it('reads "when" as the question word only, not as a conjunction', () => {
    expect(expectedFact('What happens when the grant is refused?')).toBeUndefined();
    expect(expectedFact('Why did the mayor resign?')).toBeUndefined();
  });

  it('takes what is counted from the words after "how many"', () => {
    expect(fact('how many nuclear warheads does it have').focus).toEqual(['nuclear', 'warheads']);
    expect(fact('How many ferries run?').focus[0]).toBe('ferries');
    expect(fact('how many of them voted yes').focus).toEqual([]);
  });

  it('requires every shape but advice and place, which are only preferred', () => {
    expect(fact('How many ferries run?').required).toBe(true);
    expect(fact('What time did it open?').required).toBe(true);
    expect(fact('What should the club do?').required).toBe(false);
    expect(fact('Where did they meet?').required).toBe(false);
  });
});

describe('statesFact', () => {
  const states = (q: string, s: string) => statesFact(fact(q), s, literal);

  it('counts only the thing asked about, right after the number', () => {
    const q = 'How many ferries does the island have?';
    expect(states(q, 'The island is served by 12 ferries, each with a crew of five.')).toBe(true);
    expect(states(q, 'The island has 12 harbours, and ferries call at most of them.')).toBe(false);
    expect(states(q, 'Ferries have served the island since 1920.')).toBe(false);
  });

  it('finds a time of day for "what time", not a date', () => {
    const q = 'What time does the ferry leave?';
    expect(states(q, 'The first ferry leaves at 6:45 every morning.')).toBe(true);
    expect(states(q, 'Boarding closes at 10 p.m.')).toBe(true);
    expect(states(q, 'The ferry left on Friday, 3 May.')).toBe(false);
  });

  it('finds a named place or "at the X" for "where"', () => {
    const q = 'Where was the treaty signed?';
    expect(states(q, 'The treaty was signed in Geneva after long talks.')).toBe(true);
    expect(states(q, 'It was signed at the old town hall.')).toBe(true);
    expect(states(q, 'It was signed in March, after long talks.')).toBe(false);
    expect(states(q, 'In addition, the treaty was signed quickly.')).toBe(false);
  });

  it('does not take a sum of money, a year or a label for a count', () => {
    const q = 'How many ferries were ordered?';
    expect(states(q, 'The council approved a $40 million ferry contract.')).toBe(false);
    expect(states(q, 'The 1998 ferries were retired.')).toBe(false);
    expect(states(q, 'Passengers switch at the No. 4 ferry terminal.')).toBe(false);
  });

  it('finds spans of time or distance for "how long", a duration first when a verb asks for one', () => {
    const q = 'How long did the strike last?';
    expect(states(q, 'After eleven weeks of walkouts, the union settled.')).toBe(true);
    expect(states(q, 'The 4.5-kilometre tunnel opened.')).toBe(false);
    expect(statesFact(relaxed(fact(q))!, 'The 4.5-kilometre tunnel opened.', literal)).toBe(true);
    expect(states(q, 'The strike ended in 2019.')).toBe(false);
    expect(states('How long is the tunnel?', 'The 4.5-kilometre tunnel opened.')).toBe(true);
    expect(states('How far is the airport?', 'It is a 20-minute ride away.')).toBe(false);
  });

  it('reads "when will" and "how long will" as questions about what is to come', () => {
    const q = fact('When will the bridge open?');
    expect(agreesInTense(q, 'The bridge is expected to open next spring.')).toBe(true);
    expect(agreesInTense(q, 'The old bridge opened in 1901.')).toBe(false);
    expect(agreesInTense(fact('When did the bridge open?'), 'The old bridge opened in 1901.')).toBe(true);
    expect(fact('How long will the road be closed?').tense).toBe('future');
  });

  it('accepts a span or a time without a number only in the loose form', () => {
    const long = fact('How long has the feud gone on?');
    expect(statesFact(long, 'It is a long-running feud.')).toBe(false);
    expect(statesFact({ ...long, loose: true }, 'It is a long-running feud.')).toBe(true);
    const when = fact('When will the grant be paid?');
    expect(statesFact(when, 'The grant has not yet been paid.')).toBe(false);
    expect(statesFact({ ...when, loose: true }, 'The grant has not yet been paid.')).toBe(true);
    expect(statesFact({ ...when, loose: true }, 'The grant was paid.')).toBe(false);
  });

  it('finds points in time for "when", not durations', () => {
    const q = 'When will the museum open?';
    expect(states(q, 'It is due to open next spring.')).toBe(true);
    expect(states(q, 'Doors open in March, the director said.')).toBe(true);
    expect(states(q, 'The wing was built in 1887.')).toBe(true);
    expect(states(q, 'A tour takes about 40 minutes.')).toBe(false);
    expect(states(q, 'You may visit the gardens too.')).toBe(false);
  });

  it('finds a sum of the thing whose cost is asked, when the question names one', () => {
    const q = 'How much will a season ticket cost?';
    expect(fact(q).focus).toEqual(['ticket']);
    expect(states(q, 'A season ticket will cost $90.')).toBe(true);
    expect(states(q, 'The new stadium will cost $90 million.')).toBe(false);
    expect(states('how much is this thing gonna cost', 'The new stadium will cost $90 million.')).toBe(true);
  });

  it('takes a share for a number, not for a cost', () => {
    expect(states('What percentage of voters agreed?', 'Some 62 percent agreed.')).toBe(true);
    expect(states('How much did the bridge cost?', 'Traffic rose by 20 percent.')).toBe(false);
  });

  it('finds money for "how much", a rate for "how often", necessity for "should"', () => {
    expect(states('How much did the bridge cost?', 'The bridge cost €18 million.')).toBe(true);
    expect(states('How much did the bridge cost?', 'The bridge opened in 1990.')).toBe(false);
    expect(states('how often do the buses run', 'Buses run every ten minutes.')).toBe(true);
    expect(states('What should the club do?', 'The club needs to find a new ground.')).toBe(true);
    expect(states('What should the club do?', 'The club found a new ground.')).toBe(false);
  });
});

describe('largestSum', () => {
  it('reads sums with their scale and takes the largest', () => {
    expect(largestSum('Half of it, about $205 million, comes from a $412 million grant; $3m is spare.')).toBe(412e6);
    expect(largestSum('It cost €1.5 billion.')).toBe(1.5e9);
    expect(largestSum('Seven hours of talks.')).toBe(0);
  });
});
