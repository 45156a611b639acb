/**
 * The pure Discord renderer, on small hand-made neutral values: what the embed holds, that every
 * payload forbids mentions, and (property-based) that no text keeps it from Discord's limits.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_AUTOCOMPLETE_CHOICES, MAX_CHOICE_LENGTH, MAX_CONTENT_LENGTH, renderAnswer, renderChoices, renderHelp, renderNotice, renderPassage, renderSummary, trimToLimit,
} from '../../adapters/discord/render-message.ts';
import type { Answer, Citation, Passage, Summary } from '../../src/index.ts';
import { expectNoLiveMention, expectWithinDiscordLimits } from './discord-checks.ts';

const ARTICLE = { title: 'Alaska Summit', author: 'A. Writer' };
const SUPPRESS_EMBEDS = 4;

const citation = (n: number, text: string): Citation => ({ id: `doc/s${n}/p1`, label: `Section ${n}, paragraph 1`, heading: `Section ${n}`, text, score: 1 / n });

const answered: Answer = {
  kind: 'answered',
  question: 'How long did the talks last?',
  text: 'The talks lasted seven hours. Both left without a deal.',
  sentences: ['The talks lasted seven hours.', 'Both left without a deal.'],
  citations: [citation(1, 'Intro. The talks lasted seven hours. More.'), citation(2, 'Both left without a deal. Then more.')],
};

describe('renderAnswer', () => {
  it('puts the answer sentences in the embed, each marked with the citation it came from', () => {
    const [embed] = renderAnswer(answered, ARTICLE).embeds;
    expect(embed!.title).toBe('How long did the talks last?');
    expect(embed!.description).toBe('The talks lasted seven hours. [1] Both left without a deal. [2]');
  });

  it('shows how a mistyped question was read, and nothing when it was read as typed', () => {
    const read = renderAnswer({ ...answered, question: 'How long did the tlaks last?', readAs: 'How long did the talks last?' }, ARTICLE).embeds[0]!;
    expect(read.title).toBe('How long did the tlaks last?');
    expect(read.description).toMatch(/^\*Read as “How long did the talks last\?”\*\n\nThe talks lasted seven hours\./);
    expect(renderAnswer(answered, ARTICLE).embeds[0]!.description).not.toContain('Read as');
  });

  it('numbers the citation fields, naming each by its label and quoting the sentences it supplied', () => {
    const fields = renderAnswer(answered, ARTICLE).embeds[0]!.fields!;
    expect(fields).toEqual([
      { name: '1. Section 1, paragraph 1', value: '> The talks lasted seven hours.' },
      { name: '2. Section 2, paragraph 1', value: '> Both left without a deal.' },
    ]);
  });

  it('names the article in the footer', () => {
    expect(renderAnswer(answered, ARTICLE).embeds[0]!.footer!.text).toBe('From “Alaska Summit” by A. Writer');
  });

  it('offers a "Full passage n" button per citation and 👍/👎 buttons carrying the cited ids', () => {
    const [row] = renderAnswer(answered, ARTICLE).components;
    const buttons = row!.components as any[];
    expect(buttons.map((b) => b.label)).toEqual(['Full passage 1', 'Full passage 2', 'Helpful', 'Not helpful']);
    expect(buttons[0].custom_id).toBe('passage:doc/s1/p1');
    expect(buttons[2]).toMatchObject({ custom_id: 'vote:up:answered:doc/s1/p1,doc/s2/p1', emoji: { name: '👍' } });
    expect(buttons[3]).toMatchObject({ custom_id: 'vote:down:answered:doc/s1/p1,doc/s2/p1', emoji: { name: '👎' } });
  });

  it('shows at most three passage buttons however many citations there are', () => {
    const many: Answer = { ...answered, citations: [1, 2, 3, 4, 5].map((n) => citation(n, 'The talks lasted seven hours.')) };
    const buttons = renderAnswer(many, ARTICLE).components[0]!.components as any[];
    expect(buttons.filter((b) => b.custom_id.startsWith('passage:'))).toHaveLength(3);
  });

  it('renders a not-covered answer with its explanation and suggestions', () => {
    const reply = renderAnswer({ kind: 'not-covered', question: 'Boris?', text: 'The article does not mention Boris.', unknownNames: ['Boris'], suggestions: ['Who met?'] }, ARTICLE);
    expect(reply.embeds[0]!.description).toBe('The article does not mention Boris.');
    expect(reply.embeds[0]!.fields).toEqual([{ name: 'Try asking', value: '• Who met?' }]);
  });

  it('renders a usage answer as content only, with link embeds suppressed', () => {
    const reply = renderAnswer({ kind: 'usage', question: '', reason: 'empty', text: 'Ask me a question, see https://example.com' }, ARTICLE);
    expect(reply.embeds).toEqual([]);
    expect(reply.flags).toBe(SUPPRESS_EMBEDS);
    expect(reply.content).toBe('Ask me a question, see https://example.com');
  });

  it('shows mention syntax in a question as text that cannot ping', () => {
    const reply = renderAnswer({ ...answered, question: '@everyone <@123456789012345678> <@&42> **bold**' }, ARTICLE);
    expectNoLiveMention(reply);
    expect(reply.embeds[0]!.title).toContain('\\*\\*bold\\*\\*');
  });
});

describe('renderSummary, renderPassage, renderHelp, renderNotice', () => {
  const summary: Summary = {
    kind: 'summary',
    title: 'Alaska Summit',
    scope: { type: 'section', heading: 'The Road Ahead', number: 7 },
    points: [{ text: 'Talks will go on.', citation: citation(7, 'Talks will go on.') }, { text: 'Nobody conceded.', citation: citation(6, 'Nobody conceded.') }],
  };

  it('numbers the summary points and names the passage each comes from', () => {
    const [embed] = renderSummary(summary, ARTICLE).embeds;
    expect(embed!.title).toBe('Summary of The Road Ahead');
    expect(embed!.description).toBe('**1.** Talks will go on. — *Section 7, paragraph 1*\n**2.** Nobody conceded. — *Section 6, paragraph 1*');
  });

  it('renders a summary the core could not make as a notice', () => {
    expect(renderSummary({ kind: 'usage', text: 'Unknown section.' }, ARTICLE).content).toBe('Unknown section.');
  });

  it('shows a whole passage with its label and id', () => {
    const passage = { id: 'doc/s1/p1', label: 'Section 1, paragraph 1', text: 'All of it.' } as Passage;
    const [embed] = renderPassage(passage, ARTICLE).embeds;
    expect(embed).toMatchObject({ title: 'Section 1, paragraph 1', description: 'All of it.', footer: { text: 'From “Alaska Summit” by A. Writer · doc/s1/p1' } });
  });

  it('lists examples and sections in /help', () => {
    const [embed] = renderHelp({ title: 'Alaska Summit', examples: ['Who met?'], sections: [{ number: 0, heading: 'Introduction' }] }).embeds;
    expect(embed!.fields).toEqual([{ name: 'Try asking', value: '• Who met?' }, { name: 'Sections', value: '0. Introduction' }]);
  });

  it('caps autocomplete at 25 choices of at most 100 characters', () => {
    const choices = renderChoices(Array.from({ length: 40 }, (_, i) => ({ name: `${'x'.repeat(150)} ${i}`, value: `id-${i}` })));
    expect(choices).toHaveLength(MAX_AUTOCOMPLETE_CHOICES);
    for (const c of choices) expect(c.name.length).toBeLessThanOrEqual(MAX_CHOICE_LENGTH);
  });

  it('keeps a notice within 2,000 characters', () => {
    expect(renderNotice('word '.repeat(1_000)).content!.length).toBeLessThanOrEqual(MAX_CONTENT_LENGTH);
  });
});

describe('trimToLimit', () => {
  it('leaves text that fits untouched', () => {
    expect(trimToLimit('short', 10)).toBe('short');
  });

  it('cuts at a word boundary and ends with an ellipsis', () => {
    expect(trimToLimit('the quick brown fox jumps', 17)).toBe('the quick brown…');
  });

  it('cuts a single overlong word hard rather than returning nothing', () => {
    expect(trimToLimit('a'.repeat(50), 10)).toBe(`${'a'.repeat(9)}…`);
  });

  it('never splits an emoji in half', () => {
    const trimmed = trimToLimit('😀'.repeat(20), 10);
    expect(trimmed.length).toBeLessThanOrEqual(10);
    expect(trimmed).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe('the renderer on hostile text (property-based)', () => {
  const hostile = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    fc.constantFrom('@everyone', '@here', '<@123456789012345678>', '<@!1>', '<@&2>', '<#3>', '</ask:4>', '**', '```', '> ', '||spoiler||', '[x](https://evil.example)', '\u202Eevil', '\u200B', '🇺🇦👨‍👩‍👧'),
    fc.string({ maxLength: 20 }).map((s) => s.repeat(5_000)),
  );
  const text = fc.array(hostile, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(' '));
  const citationArb = fc.record({ id: fc.string({ maxLength: 120 }), label: text, heading: text, text, score: fc.double() });

  it('keeps every answer within Discord limits and free of live mentions', () => {
    fc.assert(
      fc.property(text, fc.array(text, { maxLength: 3 }), fc.array(citationArb, { maxLength: 5 }), text, (question, sentences, citations, title) => {
        const reply = renderAnswer({ kind: 'answered', question, text: sentences.join(' '), sentences, citations }, { title, author: title });
        expectWithinDiscordLimits(reply);
        expectNoLiveMention(reply);
      }),
      { numRuns: 1_000 },
    );
  });

  it('keeps every summary, notice and not-covered answer within limits and free of live mentions', () => {
    fc.assert(
      fc.property(text, fc.array(fc.record({ text, citation: citationArb }), { minLength: 1, maxLength: 10 }), (words, points) => {
        const summary = renderSummary({ kind: 'summary', title: words, scope: { type: 'topic', topic: words }, points }, { title: words });
        const notice = renderNotice(words);
        const notCovered = renderAnswer({ kind: 'not-covered', question: words, text: words, unknownNames: [], suggestions: [words, words] }, { title: words });
        for (const reply of [summary, notice, notCovered]) {
          expectWithinDiscordLimits(reply);
          expectNoLiveMention(reply);
        }
      }),
      { numRuns: 1_000 },
    );
  });
});
