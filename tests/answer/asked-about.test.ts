import { describe, expect, it } from 'vitest';
import {
  askedAction, askedAttribute, askedKind, askedPossessor, askedSpeaker, asksForService, introducedName, isYesNoQuestion, negates, presupposed,
} from '../../src/answer/asked-about.ts';

describe('askedKind', () => {
  it.each([
    ['Which city hosted the talks?', ['city', 'hosted']],
    ['Which state governor spoke?', ['state', 'governor', 'spoke']],
    ['what colour will the trams be painted', ['colour']],
    ['What incremental deals are possible?', ['incremental', 'deals']],
  ])('%s -> %j', (q, kind) => {
    expect(askedKind(q)).toEqual(kind);
  });

  it('finds no kind where "what" asks for an event, a cause or a kind of fact', () => {
    for (const q of ['What caused the delay?', 'What happened at the summit?', 'What year did it open?', 'What kind of deal was it?', 'What is the logjam?']) {
      expect(askedKind(q), q).toEqual([]);
    }
  });
});

describe('askedSpeaker', () => {
  it.each([
    ['What did the state governor say about the vote?', ['governor']],
    ['What do Trump\'s critics make of his approach?', ['critics']],
    ['how did local shop owners react', ['owners']],
    ['What did the governor of Alaska say?', ['governor']],
    ['What did the author say?', []],
    ['What happened next?', []],
  ])('%s -> %j', (q, speaker) => {
    expect(askedSpeaker(q)).toEqual(speaker);
  });
});

describe('askedAction', () => {
  const isName = (w: string) => ['trump', 'putin'].includes(w);
  it.each([
    ['What did Trump wear?', ['wear']],
    ['what did trump and putin eat at dinner', ['eat']],
    ['What did Angela Merkel announce?', ['announce']],
    ['What did the council decide?', []],
    ['Why did Trump leave early?', []],
  ])('%s -> %j', (q, action) => {
    expect(askedAction(q, isName)).toEqual(action);
  });
});

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

describe('presupposed', () => {
  it('reads the nouns a question takes for granted, after "the", "this" or "that"', () => {
    expect(presupposed('What was served at the dinner?')).toEqual(['dinner']);
    // Without a tagger the phrase runs on into a verb ("survive"); only nouns of thing kinds are judged.
    expect(presupposed('Did this deal survive the winter?')).toEqual(['deal', 'survive', 'winter']);
    expect(presupposed('Where is the closest gas station?')).toEqual(['closest', 'gas', 'station']);
    expect(presupposed('what did they eat at dinner')).toEqual(['dinner']);
    expect(presupposed('What did they eat?')).toEqual([]);
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

describe('askedPossessor', () => {
  it('reads what an attribute is asked of', () => {
    expect(askedPossessor('What is the speed of light?')).toEqual(['light']);
    expect(askedPossessor("what's the meaning of the deal for Ukraine")).toEqual(['deal']);
    expect(askedPossessor('What did Putin want?')).toEqual([]);
  });
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
