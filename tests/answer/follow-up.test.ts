import { beforeAll, describe, expect, it } from 'vitest';
import { createAnswerer, loadCorpus, type Answer, type Answerer, type ConversationTurn } from '../../src/index.ts';
import { isFollowUpForm, resolveAboutStory, resolveFollowUp } from '../../src/answer/follow-up.ts';

const turn = (question: string, extra: Partial<ConversationTurn> = {}): ConversationTurn =>
  ({ question, answerKind: 'answered', citations: [], at: 0, ...extra });

describe('resolveFollowUp: general English, no article', () => {
  const names = new Set(['putin', 'trump', 'china', 'russia']);
  const isName = (w: string) => names.has(w);
  const read = (q: string, ...previous: ConversationTurn[]) => resolveFollowUp(q, previous, { isName })?.text;

  it('a bare question word asks the previous question again', () => {
    expect(read('why?', turn('What did Trump offer Putin?'))).toBe('why did Trump offer Putin?');
    expect(read('and when?', turn('Where did they meet?'))).toBe('when did they meet?');
    expect(read('how so?', turn('Is the deal good for Ukraine?'))).toBe('how Is the deal good for Ukraine?');
    expect(read('why not?', turn('Did they reach a deal?'))).toBe("why didn't they reach a deal?");
  });

  it('a new topic takes the place of the previous name, or of its "the X"', () => {
    expect(read('and Putin?', turn('What did Trump want?'))).toBe('What did Putin want?');
    expect(read('what about china?', turn('what does russia gain'))).toBe('what does china gain?');
    expect(read('how about the bridge?', turn('How much did the tram cost?'))).toBe('How much did the bridge cost?');
    expect(read('and buses?', turn('How much did the tram cost?'))).toBe('How much did the buses cost?');
  });

  it('a pronoun stands for the previous topic; after "who", for the person the answer names', () => {
    expect(read('why would it care?', turn('What does China gain?'))).toBe('why would China care?');
    expect(read('what did they agree?', turn('When did Trump meet Putin?'))).toBe('what did Trump and Putin agree?');
    expect(read('what was his aim?', turn('What did Trump want?'))).toBe("what was Trump's aim?");
    expect(read('when did she start?', turn('Who led the survey?', { answer: 'The survey is led by Dr. Ana Ruiz, a glaciologist.' })))
      .toBe('when did Dr. Ana Ruiz start?');
  });

  it('reads the previous question as it was read, so follow-ups chain', () => {
    expect(read('why?', turn('and Putin?', { readAs: 'What did Putin want?' }))).toBe('why did Putin want?');
  });

  it('a question that stands on its own ignores the conversation', () => {
    const previous = turn('What did Trump want?');
    expect(read('How long was the meeting?', previous)).toBeUndefined();
    expect(read('What did Putin say about NATO?', previous)).toBeUndefined();
    expect(read('is it true that the talks failed?', previous)).toBeUndefined();
    expect(read('why?')).toBeUndefined();
  });

  it('skips turns that were not questions (usage replies)', () => {
    expect(read('why?', turn('What did Trump want?'), turn('', { answerKind: 'usage' }))).toBe('why did Trump want?');
  });

  it('tells follow-up forms from chatter without a conversation', () => {
    for (const q of ['why?', 'and Putin?', 'what about the bridge?', 'how come', 'Russia too?']) expect(isFollowUpForm(q), q).toBe(true);
    for (const q of ['thanks!', 'lol ok', 'nice', 'I think so too, really', 'see you tomorrow']) expect(isFollowUpForm(q), q).toBe(false);
  });
});

/** Asks a conversation's questions in order, each with the turns before it; returns the answers. */
async function converse(answerer: Answerer, questions: string[]): Promise<Answer[]> {
  const turns: ConversationTurn[] = [];
  const answers: Answer[] = [];
  for (const question of questions) {
    const a = await answerer.ask(question, { conversation: turns });
    answers.push(a);
    turns.push({
      question, readAs: a.kind === 'usage' ? undefined : a.readAs, answerKind: a.kind, at: 0,
      answer: a.kind === 'answered' ? a.text : undefined, citations: a.kind === 'answered' ? a.citations.map((c) => c.id) : [],
    });
  }
  return answers;
}
const first = (a: Answer) => (a.kind === 'answered' ? a.citations[0]!.id : a.kind);
const readAs = (a: Answer) => (a.kind === 'usage' ? undefined : a.readAs);

describe('follow-ups answered from the article, on three articles', () => {
  const answerers: Record<string, Answerer> = {
    alaska: createAnswerer({ corpusDir: 'corpus' }),
    rate: createAnswerer({ documents: loadCorpus('tests/eval/articles/rate-decision') }),
    glacier: createAnswerer({ documents: loadCorpus('tests/eval/articles/glacier-survey') }),
    tram: createAnswerer({ corpusDir: 'tests/fixtures/corpus-second' }),
  };
  beforeAll(() => Promise.all(Object.values(answerers).map((a) => a.ready)), 120_000);

  it('summit: a new topic and a pronoun after it', async () => {
    const [, putin] = await converse(answerers.alaska!, ['What did Trump want?', 'and Putin?']);
    expect(readAs(putin!)).toBe('What did Putin want?');
    expect(first(putin!)).toBe('alaska-summit/s4/p1');
    const [, china] = await converse(answerers.alaska!, ['What does Russia gain?', 'what about China?', 'why would it care?']).then((a) => [a[1], a[2]]);
    expect(readAs(china!)).toBe('why would China care?');
    expect(first(china!)).toBe('alaska-summit/s5/p2');
  });

  it('rate decision: "why not?" after a yes/no question', async () => {
    const [, why] = await converse(answerers.rate!, ['Did the bank cut rates?', 'why not?']);
    expect(readAs(why!)).toBe("why didn't the bank cut rates?");
    expect(first(why!)).toBe('rate-decision/s1/p2');
  });

  it('glacier survey: "she" after a "who" answer is the person it named', async () => {
    const [, when] = await converse(answerers.glacier!, ['Who led the survey?', 'when did she start?']);
    expect(readAs(when!)).toMatch(/Ostergaard/);
    expect(first(when!)).toBe('glacier-survey/s0/p2');
  });

  it('tram: a follow-up is abstained on like any question', async () => {
    const [, bridge] = await converse(answerers.tram!, ['How much did the tram cost?', 'and the bridge?']);
    expect(bridge!.kind).toBe('not-covered');
    expect(readAs(bridge!)).toBe('How much did the bridge cost?');
  });

  it('a self-contained question gets the answer it gets without a conversation', async () => {
    const alone = await answerers.alaska!.ask('How long was the meeting?');
    const [, inContext] = await converse(answerers.alaska!, ['What did Trump want?', 'How long was the meeting?']);
    expect(first(inContext!)).toBe(first(alone));
    expect(readAs(inContext!)).toBe(readAs(alone));
  });
});

describe('a bare "when did this happen?" is about the story', () => {
  it('stands "this" or "it" for the headline only when the question names nothing else', () => {
    expect(resolveAboutStory('when did this happen?', 'Thieves Take Three Paintings')?.text).toBe('when did Thieves Take Three Paintings happen?');
    expect(resolveAboutStory('where did it happen', 'A Flood')?.text).toBe('where did A Flood happen');
    expect(resolveAboutStory('when did the museum reopen?', 'X')).toBeUndefined();
    expect(resolveAboutStory('why?', 'X')).toBeUndefined();
  });

  it('is answered from the lead, with Read as, when there is no conversation', async () => {
    const answerer = createAnswerer({ documents: loadCorpus('tests/eval/articles/museum-heist') });
    await answerer.ready;
    const a = await answerer.ask('when did this happen?');
    expect(a.kind).toBe('answered');
    if (a.kind !== 'answered') return;
    expect(a.readAs).toContain(answerer.document.title);
    expect(a.citations[0]!.id).toBe('museum-heist/s0/p1');
  }, 60_000);
});
