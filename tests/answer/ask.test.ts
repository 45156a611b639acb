import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAnswerer, MAX_QUESTION_LENGTH, type Answer } from '../../src/index.ts';
import { concreteNounsOf } from '../../src/text/concrete-nouns.ts';

const answerer = createAnswerer({ corpusDir: 'corpus' });
const firstCitation = (a: Answer) => (a.kind === 'answered' ? a.citations[0]?.id : undefined);
/** An answer's text, or its kind when it is not an answer ("not-covered"). */
const textOf = (a: Answer) => (a.kind === 'answered' ? a.text : a.kind);
const answerText = (q: string) => textOf(answerer.ask(q));

describe('ranking set: the passage that answers comes first', () => {
  // Question -> the paragraph that answers it (in the manner of minisearch's ranking tests).
  const ranking: [string, string][] = [
    ['How long did the negotiations go on?', 'alaska-summit/s0/p1'],
    ['What conditions did Putin set before any pullback of troops?', 'alaska-summit/s2/p1'],
    ['Why is Alaska a symbolic site for the summit?', 'alaska-summit/s1/p1'],
    ['Why is Alaska a meaningful place for Russia and America to meet?', 'alaska-summit/s1/p1'],
    ['Why would yielding territory reward aggression?', 'alaska-summit/s2/p2'],
    ['What business arrangement did Trump propose?', 'alaska-summit/s3/p1'],
    ['How did Russian state television portray Putin?', 'alaska-summit/s4/p2'],
    ['Where does Beijing stand?', 'alaska-summit/s5/p2'],
    ['What small steps could build trust?', 'alaska-summit/s7/p1'],
    ['What would success look like for Trump?', 'alaska-summit/s7/p2'],
  ];
  it.each(ranking)('%s -> %s', (q, id) => {
    expect(firstCitation(answerer.ask(q))).toBe(id);
  });

  // Known misses: paraphrases no single-word similarity bridges ("win" for "success", "giving up
  // land" for "yielding territory"). They document the limit; when one starts passing, move it up.
  const knownMisses: [string, string][] = [
    ['Why was the location in Alaska meaningful?', 'alaska-summit/s1/p1'],
    ['What would count as a win for Trump?', 'alaska-summit/s7/p2'],
  ];
  it.fails.each(knownMisses)('known miss: %s -> %s', (q, id) => {
    expect(firstCitation(answerer.ask(q))).toBe(id);
  });
});

describe('answers', () => {
  it('quote whole sentences from the cited passage, verbatim', () => {
    const a = answerer.ask('How long was the meeting?');
    expect(a.kind).toBe('answered');
    if (a.kind !== 'answered') return;
    expect(a.text).toContain('seven hours');
    for (const s of a.sentences) expect(a.citations.some((c) => c.text.includes(s))).toBe(true);
    expect(a.citations.length).toBeGreaterThan(0);
    expect(a.citations.length).toBeLessThanOrEqual(3);
    expect(a.citations[0]!.label).toBe('Introduction, paragraph 1');
  });

  it('come from the passage cited first, for every question of the project\'s own set', async () => {
    const { readFileSync } = await import('node:fs');
    const questions = readFileSync('tests/eval/alaska-questions.jsonl', 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).q as string);
    let answered = 0;
    for (const q of questions) {
      const a = answerer.ask(q);
      // Authorship answers are phrased from the byline, not quoted.
      if (a.kind !== 'answered' || a.citations[0]!.id.endsWith('/byline')) continue;
      answered++;
      for (const s of a.sentences) expect(a.citations[0]!.text, q).toContain(s);
    }
    expect(answered).toBeGreaterThan(questions.length / 2);
  });

  it('see through chat noise, case and curly quotes', () => {
    const plain = answerer.ask('What did Trump offer?');
    const noisy = answerer.ask('ok so what did TRUMP actually offer lol');
    expect(firstCitation(noisy)).toBe(firstCitation(plain));
    expect(firstCitation(answerer.ask('What is Europe’s “endless war”?'))).toBe(firstCitation(answerer.ask("What is Europe's \"endless war\"?")));
  });

  it('give advice in the article\'s language of necessity when asked what someone should do', () => {
    for (const q of ['what should ukraine do now according to the article', 'What should Ukraine do next?', 'What must Kyiv do now?']) {
      expect(answerText(q), q).toContain('necessity for Ukraine to increase its own diplomatic visibility');
    }
  });

  it('answer a yes/no question with the sentence that denies it, when one speaks to it', () => {
    expect(answerText('so was the summit useless?')).toContain('by no means empty of meaning');
    // Without the denial's edge, "The talks in Alaska bring the world to a juncture" came first.
    expect(answerText('Did the talks achieve anything?')).toContain('no breakthrough did take place');
  });

  it('say where the summit was', () => {
    expect(answerer.ask('Where was the summit?').text).toContain('Alaska');
  });

  it('prefer the passage that has the question\'s phrase, in other words if need be', () => {
    // "energy agreement" (s3/p1) over "energy stability" and "deal-making" far apart (s7/p2).
    expect(firstCitation(answerer.ask('Tell me about the energy deal'))).toBe('alaska-summit/s3/p1');
  });

  it('open with the paragraph\'s short topic sentence when it names what is asked about', () => {
    const a = answerer.ask('What did China do?');
    expect(a.kind === 'answered' && a.sentences[0]).toBe('China also waited in the wings.');
    expect(a.kind === 'answered' && a.sentences.length).toBeGreaterThan(1);
  });

  it('tolerate a typo', () => {
    expect(firstCitation(answerer.ask('what did trump sugest about sanctons'))).toBe('alaska-summit/s3/p1');
  });

  it('read typos the way the rest of the question suggests, then answer as if spelt right', () => {
    // Each was declined or answered from the wrong paragraph before typo correction.
    expect(answerText('how long was the meeing')).toContain('seven hours');
    expect(firstCitation(answerer.ask('who was exluded from the tlaks'))).toBe('alaska-summit/s6/p2');
    expect(firstCitation(answerer.ask('what are the outstnding isues'))).toBe('alaska-summit/s7/p1');
    expect(answerer.ask('Who wrotte this?').text).toContain('Poonam Sharma');
    expect(firstCitation(answerer.ask('What does Trmp consider success?'))).toBe('alaska-summit/s7/p2');
  });

  it('say how a corrected question was read, and nothing when it was read as typed', () => {
    expect(answerer.ask('how long was the meeing')).toMatchObject({ kind: 'answered', readAs: 'how long was the meeting' });
    expect(answerer.ask('how long was the meeting')).not.toHaveProperty('readAs');
  });

  it('never turn an unknown name into a known one, nor a real word into another', () => {
    expect(answerer.ask('What did Zelnsky say about the talks?').text).toContain('does not mention Zelnsky');
    expect(answerer.ask("what's the weather going to be like tomorrow").kind).toBe('not-covered');
  });

  it('give a cited summary when asked for one in chat, of the article, a section or a topic', () => {
    const whole = answerer.ask('tl;dr');
    const summary = answerer.summarize({ points: 3 });
    expect(whole.kind === 'answered' && summary.kind === 'summary' && whole.sentences).toEqual(summary.kind === 'summary' ? summary.points.map((p) => p.text) : []);
    expect(firstCitation(answerer.ask('sum up the conclusion'))).toBe('alaska-summit/s8/p1');
    expect(answerText('summarise what it says about China')).toContain('China also waited in the wings');
    expect(answerer.ask('give me a summary of bananas').kind).toBe('not-covered');
  });

  it('say who someone is from where the article first names them', () => {
    const a = answerer.ask('Who is Putin?');
    expect(a.kind === 'answered' && a.text).toContain('Russian President Vladimir Putin');
    expect(firstCitation(a)).toBe('alaska-summit/s0/p1');
  });

  it('answer who wrote the article from its byline', () => {
    const a = answerer.ask('Who wrote this?');
    expect(a.kind).toBe('answered');
    expect(a.text).toContain('Poonam Sharma');
  });
});

describe('abstention', () => {
  it.each(['What is the capital of Peru?', 'How do I bake sourdough bread?', 'Recommend a good laptop for gaming'])(
    'declines an off-topic question: %s', (q) => {
      const a = answerer.ask(q);
      expect(a.kind).toBe('not-covered');
      if (a.kind === 'not-covered') expect(a.suggestions.length).toBeGreaterThan(0);
    },
  );

  it.each(['How do I start a small business?', 'Can you book me a table for two?'])(
    'declines a request for a service that names nothing of the article: %s', (q) => {
      expect(answerer.ask(q).kind).toBe('not-covered');
    },
  );

  it('declines an attribute of something the article never speaks of, and a book it never mentions', () => {
    expect(answerer.ask('What is the speed of light?').kind).toBe('not-covered');
    const a = answerer.ask('Who wrote Romeo and Juliet?');
    expect(a.kind).toBe('not-covered');
    expect(a.text).toContain('does not mention Romeo');
  });

  it('declines an off-topic question that shares a word with the article in another sense', () => {
    // "cover" is the article's word ("did nothing to cover Ukraine's political realities"); the
    // answer sentence matches nothing else, which a question that names no article name needs.
    expect(answerer.ask('Help me cover my rent this month').kind).toBe('not-covered');
  });

  it('names a person the article never mentions', () => {
    const a = answerer.ask('What did Emmanuel Macron think of the summit?');
    expect(a.kind).toBe('not-covered');
    expect(a.text).toContain('The article does not mention Emmanuel Macron.');
  });

  it('declines "which X" when the article has no word even loosely related to X', () => {
    expect(answerer.ask('In which city did Trump and Putin meet?').kind).toBe('not-covered');
    expect(answerer.ask('Which minister attended the summit?').kind).toBe('not-covered');
    // A kind the article does speak of is answered.
    expect(firstCitation(answerer.ask('Which incremental deals could build trust?'))).toBe('alaska-summit/s7/p1');
  });

  it('declines "which X" for a concrete X the answer does not name, but not an abstract X', () => {
    // The article speaks of Putin and Alaska, and of no airport: it cannot say which one.
    expect(answerer.ask('Which airport did Putin fly into in Alaska?').kind).toBe('not-covered');
    expect(answerer.ask('What gifts did the two presidents exchange?').kind).toBe('not-covered');
    // The kind is "car", not Trump (WordNet lists him as a person; names are instances, not kinds).
    expect(answerer.ask('Which car drove Trump to the summit?').kind).toBe('not-covered');
    // Conditions are abstract; the article states Putin's in other words.
    expect(firstCitation(answerer.ask('What conditions did Putin set before any pullback of troops?'))).toBe('alaska-summit/s2/p1');
    // The passage that names the kind outright answers, though another ranks higher.
    expect(firstCitation(answerer.ask('What corridors could be opened?'))).toBe('alaska-summit/s7/p1');
    // A kind whose instances are names: the vectors know Russia and Ukraine are nations.
    expect(answerer.ask('Which nations are divided over Ukraine?').kind).toBe('answered');
    // The check needs to know the kind is concrete: without the list, the same question is answered.
    const noList = createAnswerer({ corpusDir: 'corpus', concreteNouns: concreteNounsOf([]) });
    expect(noList.ask('What gifts did the two presidents exchange?').kind).toBe('answered');
  });

  it('declines what someone said when the article never speaks of anyone like them', () => {
    expect(answerer.ask('What did the senators think of the summit?').kind).toBe('not-covered');
    expect(firstCitation(answerer.ask('What did the critics say about the energy agreement?'))).toBe('alaska-summit/s3/p1');
  });

  it('declines an attribute that is a sum when the article gives none, not a price paid in other coin', () => {
    expect(answerer.ask("What is Putin's net worth?").kind).toBe('not-covered');
    expect(answerText('What is the cost of yielding territory?')).toContain('paying tribute to aggression');
  });

  it('declines a concrete attribute the article has no word for, not an abstract one', () => {
    expect(answerer.ask('What is the population of Alaska?').kind).toBe('not-covered');
    expect(answerer.ask('What is the capital of Ukraine?').kind).toBe('not-covered');
    expect(answerer.ask("What is China's role?").kind).toBe('answered');
  });

  it('declines a food or substance the question takes for granted and the article never speaks of, not an artifact used as a metaphor', () => {
    expect(answerer.ask('What did the leaders eat at the dinner?').kind).toBe('not-covered');
    expect(answerer.ask('What did they discuss over lunch?').kind).toBe('not-covered');
    expect(answerer.ask('Was Putin popular at home?').kind).toBe('answered');
    expect(answerText('Why was Kyiv left out of the room?')).toContain('exclusion from the table');
  });

  it('declines what a named person did when the article speaks of nothing like it', () => {
    expect(answerer.ask('What did Trump wear?').kind).toBe('not-covered');
    expect(answerer.ask('What did Trump suggest to Putin?').kind).toBe('answered');
  });

  it('declines a number the article does not give', () => {
    expect(answerer.ask('How many soldiers does Ukraine have?').kind).toBe('not-covered');
  });

  it('answers "how many X" only with a number that counts X', () => {
    expect(answerText('How many hours did the negotiators spend together?')).toContain('seven hours');
    // The article counts hours and mentions the talks' participants, but never counts delegates.
    expect(answerer.ask('How many delegates attended the talks?').kind).toBe('not-covered');
  });

  it('answers with a span or time without a number only when none with a number speaks to the question', () => {
    expect(answerText('How long has the war been going on?')).toContain('long-brewing Ukraine war');
    expect(answerText('How long did the meeting go on?')).toContain('seven hours');
    expect(answerText('When could the two leaders reach an accommodation?')).toContain('in the long term');
  });

  it('read light verbs and modifiers of degree in a question as framing ("could be taken", "the whole summit")', () => {
    expect(answerer.ask('Was the whole summit a waste?').kind).toBe('answered');
    expect(firstCitation(answerer.ask('What humanitarian steps could be taken?'))).toBe('alaska-summit/s7/p1');
    expect(answerText('How long did the talks take?')).toContain('seven hours');
  });

  it('answers "when" with a date and "how much ... cost" only with a sum', () => {
    expect(answerText('In what year did the United States buy Alaska?')).toContain('1867');
    expect(answerer.ask('How much did the US pay Russia for Alaska?').kind).toBe('not-covered');
  });

  it('answers "where" from a sentence that names the place, and "what time" only with a time by the clock', () => {
    expect(answerText('Where did the two presidents meet?')).toContain('in Alaska on Friday');
    // The article gives the day of the summit, never the hour.
    expect(answerer.ask('At what time did the talks begin?').kind).toBe('not-covered');
  });

  it('answers "how much" of a concrete thing only with a quantity of it', () => {
    expect(answerer.ask('How much grain does Ukraine export?').kind).toBe('not-covered');
  });


  it('does not mistake an inflected or mistyped name the article uses for an unknown one', () => {
    expect(answerer.ask('What do Ukrainians fear from the talks?').kind).toBe('answered');
    expect(firstCitation(answerer.ask('Was Ukriane at the negotiating table?'))).toBeDefined();
  });

  it('reads a mistyped stop word as the stop word, not as an unknown word', () => {
    expect(firstCitation(answerer.ask('do they have any common interests betwen them'))).toBe(firstCitation(answerer.ask('do they have any common interests between them')));
  });
});

describe('question types, on another article (tests/fixtures/corpus-second)', () => {
  const tram = createAnswerer({ corpusDir: 'tests/fixtures/corpus-second' });
  const text = (q: string) => textOf(tram.ask(q));

  it('answers "how many X" with the number that counts X, not a sum of money or another count', () => {
    expect(text('How many vehicles has the council ordered?')).toContain('14 low-floor vehicles');
    expect(text('How many stops will the line have?')).toContain('17 stops');
    // People are mentioned ("People won't come...") but never counted.
    expect(text('How many residents does Port Kessling have?')).toBe('not-covered');
  });

  it('answers "when" with a point in time, "how long" with a span, "how often" with a rate', () => {
    expect(text('When does construction begin?')).toContain('next spring');
    expect(text('When will passenger service begin?')).toContain('late 2030');
    expect(text('How long is the new line?')).toContain('11.5-kilometre');
    expect(text('How often will the trams run in the evening?')).toContain('every 12 minutes');
    expect(text('Where will the exhibition be held?')).toContain('at the central library');
    // Asked about what is to come, a sentence about the future answers ("would begin", "will be").
    expect(text('When can people ride the tram?')).toContain('late 2030');
    expect(text('How long will each block be closed?')).toContain('eight weeks');
    expect(text('What time do the trams start running?')).toBe('not-covered');
    // "station" is the article's ("station names"), but it never speaks of gas.
    expect(text('Where is the closest gas station?')).toBe('not-covered');
    // "What did X call Y" is answered with the name given, in quotation marks.
    expect(text('What did the chamber of commerce call the fund?')).toContain('“a start”');
  });

  it('answers a question that asks for nothing but a sum with the whole sum, the largest the article gives', () => {
    const a = tram.ask('how much will it all cost?');
    expect(a.kind === 'answered' && a.citations.map((c) => c.id)).toContain('port-kessling-tram/s0/p1');
    expect(text('How much will the whole thing cost?')).toContain('$412 million');
  });

  it('answers "how much" with a sum, and declines the price of something the article never mentions', () => {
    expect(text('How much has the state pledged?')).toContain('$90 million');
    expect(text('How much does a monthly pass cost?')).toBe('not-covered');
    expect(text('What will the tickets cost?')).toBe('not-covered');
  });
});

describe('usage replies', () => {
  it('answers empty and noise-only input with help', () => {
    for (const q of ['', '   ', '???', 'lol', '<@U123>', '@everyone']) {
      const a = answerer.ask(q);
      expect(a.kind).toBe('usage');
      expect(a.text.length).toBeGreaterThan(20);
    }
  });

  it('asks for a shorter question above the length limit', () => {
    const a = answerer.ask('why '.repeat(MAX_QUESTION_LENGTH));
    expect(a.kind).toBe('usage');
    if (a.kind === 'usage') expect(a.reason).toBe('too-long');
  });
});

describe('any input', () => {
  it('returns an answer value and never throws, for arbitrary, binary and huge text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.string({ unit: 'grapheme', maxLength: 200 }),
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')),
          fc.constantFrom('<!channel>', '@everyone', '<@U1>', '```', '\u202e', '\u200b', '**', '> quote').chain((s) => fc.string({ maxLength: 40 }).map((t) => `${s} ${t} ${s}`)),
        ),
        (q) => {
          const a = answerer.ask(q);
          expect(['answered', 'not-covered', 'usage']).toContain(a.kind);
          expect(typeof a.text).toBe('string');
        },
      ),
      { numRuns: 1500 },
    );
    const huge = answerer.ask('x'.repeat(100_000));
    expect(huge.kind).toBe('usage');
  });
});
