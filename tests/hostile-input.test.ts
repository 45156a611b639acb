/**
 * Hostile input, end to end through the pure path every chat message takes: arbitrary text into
 * the core (ask, summarizeText, passage), and the core's reply through both renderers. Whatever
 * comes in, nothing throws, every payload stays within the platform's limits, and nothing in it
 * can ping anyone.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as discord from '../adapters/discord/render-message.ts';
import * as slack from '../adapters/slack/render-blocks.ts';
import { createAnswerer } from '../src/index.ts';
import { expectNoLiveMention, expectWithinDiscordLimits } from './discord/discord-checks.ts';
import { expectSafe } from './slack/slack-checks.ts';

const answerer = createAnswerer({ corpusDir: 'corpus' });
const article = answerer.document;

/** Chat text with the fragments that break chat platforms, mixed into arbitrary Unicode. */
const hostile = fc.array(
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(
      '<!channel>', '<!here>', '<!everyone>', '<@U123ABC>', '<@!123456789012345678>', '<@&123456789012345678>', '<#C1|general>',
      '@everyone', '@here', '&amp;', '&', '<', '>', '*bold*', '_it_', '~strike~', '```code```', '`x`', '> quote', '[link](https://x.test)',
      '<https://evil.test|click>', '|', '{"type":"section"}', '\u202E', '\u200B', '\u2066', '\uFEFF', '👍🏽', '👨‍👩‍👧', 'مرحبا', 'שלום',
      'How long was the meeting?', 'What did Trump offer?', 'NATO', 'U.S.–Russia', '\n', '\t', '\u0000', '\u0007',
    ) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  ),
  { maxLength: 30 },
).map((parts) => parts.join(' '));

async function checkAnswerPath(text: string): Promise<void> {
  const answer = await answerer.ask(text);
  expect(['answered', 'not-covered', 'usage']).toContain(answer.kind);
  const s = slack.renderAnswer(answer, { share: { command: 'ask', text } });
  expectSafe(s);
  const d = discord.renderAnswer(answer, article);
  expectWithinDiscordLimits(d);
  expectNoLiveMention(d);
}

describe('GIVEN hostile chat text (property-based, through the core and both renderers)', () => {
  it('THEN every answer is a value, within Slack and Discord limits, and pings no one', async () => {
    await fc.assert(fc.asyncProperty(hostile, checkAnswerPath), { numRuns: 500 });
  }, 120_000);

  it('THEN every /summary and /passage reply is too', async () => {
    await fc.assert(
      fc.asyncProperty(hostile, async (text) => {
        const summary = await answerer.summarizeText(text);
        expectSafe(slack.renderSummary(summary, { share: { command: 'summary', text } }));
        const d = discord.renderSummary(summary, article);
        expectWithinDiscordLimits(d);
        expectNoLiveMention(d);
        const lookup = answerer.passage(text);
        expectSafe(slack.renderPassage(lookup));
        if (lookup.kind === 'passage') expectWithinDiscordLimits(discord.renderPassage(lookup.passage, article));
        else expectWithinDiscordLimits(discord.renderNotice(lookup.text));
      }),
      { numRuns: 200 },
    );
  }, 120_000);

  it('THEN no control character or lone surrogate is ever echoed back (the question, Read as)', async () => {
    const bad = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    await fc.assert(fc.asyncProperty(hostile, async (text) => {
      const answer = await answerer.ask(`${text} \uD83D how long was the meeing \u0007\uDC00?`);
      expect(answer.question).not.toMatch(bad);
      if (answer.kind !== 'usage' && answer.readAs) expect(answer.readAs).not.toMatch(bad);
    }), { numRuns: 200 });
  }, 120_000);

  it('THEN 100 KB of text gets a clear reply on both platforms', async () => {
    const huge = 'Why Alaska? <!channel> @everyone '.repeat(4_000);
    expect(huge.length).toBeGreaterThan(100_000);
    await checkAnswerPath(huge);
    const answer = await answerer.ask(huge);
    expect(answer.kind).toBe('usage');
    expect(answer.text).toMatch(/under 1,000 characters/);
  });
});
