/**
 * The Block Kit renderer, on small inline answers (as vercel/chat tests `cardToBlockKit`), and
 * property-based: whatever text the article or a user supplies, the output stays within Slack's
 * limits and never contains a live mention.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACTION, decodeFeedback, decodeShare, encodeFeedback, encodeShare,
} from '../../adapters/slack/action-values.ts';
import {
  escapeSlack, renderAnswer, renderHelp, renderNotice, renderPassage, renderSummary, SUMMARY_BLOCK_ID, trimAtWord,
} from '../../adapters/slack/render-blocks.ts';
import { BUTTON_VALUE_LIMIT } from '../../adapters/slack/slack-limits.ts';
import { expectSafe } from './slack-checks.ts';
import { slackTextToPlain } from '../../adapters/slack/slack-text.ts';
import type { Answer, Citation, Passage, Summary } from '../../src/index.ts';

const citation = (n: number, text = `Paragraph ${n} says something & more.`): Citation => ({
  id: `doc/s${n}/p1`, label: `Section ${n}, paragraph 1`, heading: `Section ${n}`, text, score: 1 / n,
});

const answered = (question: string, text: string, cites: Citation[] = [citation(1), citation(2)]): Answer => ({
  kind: 'answered', question, text, sentences: [text], citations: cites,
});

const passage = (text: string): Passage => ({
  id: 'doc/s1/p1', docId: 'doc', sectionNumber: 1, paragraphNumber: 1, heading: 'One', label: 'One, paragraph 1', text, sentences: [], order: 0,
});

describe('escapeSlack and trimAtWord', () => {
  it('escapes &, < and > so mention syntax becomes inert text', () => {
    expect(escapeSlack('<!channel> & <@U1>')).toBe('&lt;!channel&gt; &amp; &lt;@U1&gt;');
  });

  it('trims at a word boundary with an ellipsis, within the limit', () => {
    expect(trimAtWord('one two three four', 12)).toBe('one two…');
    expect(trimAtWord('short', 12)).toBe('short');
  });

  it('never cuts an entity or a surrogate pair in half', () => {
    expect(trimAtWord(`${'x'.repeat(8)}&amp;yyyy`, 12)).toBe('xxxxxxxx…');
    const cut = trimAtWord('😀'.repeat(10), 6);
    expect(cut).toBe('😀😀…');
  });
});

describe('renderAnswer', () => {
  it('GIVEN a question read with a typo corrected THEN the question line says how it was read', () => {
    const m = renderAnswer({ ...answered('How lnog?', 'Seven hours.'), readAs: 'How long?' } as Answer);
    expect(JSON.stringify(m.blocks[0])).toContain('*Q:* How lnog? _(read as “How long?”)_');
    expect(JSON.stringify(renderAnswer(answered('How long?', 'Seven hours.')).blocks[0])).not.toContain('read as');
  });

  it('GIVEN an answered question THEN shows the question, the answer, numbered citations with Full passage buttons, and feedback', () => {
    const m = renderAnswer(answered('How long?', 'Seven hours.'));
    expect(m.text).toBe('Seven hours.\nSources: [1] Section 1, paragraph 1; [2] Section 2, paragraph 1');
    expect(m.blocks.map((b) => b.type)).toEqual(['context', 'section', 'section', 'section', 'actions']);
    const all = JSON.stringify(m.blocks);
    expect(all).toContain('*[1] Section 1, paragraph 1*');
    expect(all).toContain('> Paragraph 1 says something &amp; more.');
    expect(all).toContain(`"action_id":"${ACTION.passage}:2","value":"doc/s2/p1"`);
    expect(all).toContain(ACTION.feedbackUp);
    expect(all).not.toContain(ACTION.share);
  });

  it('GIVEN a share option THEN adds Share in channel carrying the question', () => {
    const m = renderAnswer(answered('How long?', 'Seven hours.'), { share: { command: 'ask', text: 'How long?' } });
    const share = (m.blocks.at(-1) as any).elements.find((e: any) => e.action_id === ACTION.share);
    expect(decodeShare(share.value)).toEqual({ command: 'ask', text: 'How long?' });
  });

  it('GIVEN a not-covered answer THEN says so and suggests questions', () => {
    const m = renderAnswer({ kind: 'not-covered', question: 'Boris?', text: 'The article does not cover that.', unknownNames: ['Boris'], suggestions: ['How long did the talks last?'] });
    expect(m.text).toBe('The article does not cover that.');
    expect(JSON.stringify(m.blocks)).toContain('• How long did the talks last?');
  });

  it('GIVEN a usage answer THEN renders a plain notice without buttons', () => {
    const m = renderAnswer({ kind: 'usage', question: '', reason: 'empty', text: 'Ask me a question about the article.' });
    expect(m.blocks).toHaveLength(1);
    expect(JSON.stringify(m.blocks)).not.toContain('button');
  });

  it('GIVEN sharedBy a real user id THEN credits them, but never a made-up one', () => {
    expect(JSON.stringify(renderAnswer(answered('q', 'a'), { sharedBy: 'U0ASKER' }).blocks)).toContain('Shared by <@U0ASKER>');
    expect(JSON.stringify(renderAnswer(answered('q', 'a'), { sharedBy: '!channel' }).blocks)).not.toContain('Shared by');
  });

  it('marks every text object verbatim, so Slack does not auto-link names or mentions', () => {
    const m = renderAnswer(answered('@here', 'a'));
    for (const b of m.blocks as any[]) if (b.text?.type === 'mrkdwn') expect(b.text.verbatim).toBe(true);
  });
});

describe('renderSummary, renderPassage, renderHelp', () => {
  const summary: Summary = {
    kind: 'summary', title: 'Alaska <Summit>', scope: { type: 'section', heading: 'The Road Ahead', number: 7 },
    points: [{ text: 'Point one.', citation: citation(7) }, { text: 'Point two.', citation: citation(8) }],
  };

  it('GIVEN a summary THEN shows a marked header, its scope and one section per point with a Full passage button', () => {
    const m = renderSummary(summary, { command: '/summary 2 road ahead' });
    expect(m.blocks[0]).toMatchObject({ type: 'header', block_id: SUMMARY_BLOCK_ID, text: { text: 'Alaska &lt;Summit&gt;' } });
    expect(JSON.stringify(m.blocks[1])).toContain('Section 7: The Road Ahead · 2 points');
    expect(m.blocks.filter((b) => b.type === 'section')).toHaveLength(2);
    expect(m.text).toContain('Alaska &lt;Summit&gt;');
    const up = (m.blocks.at(-1) as any).elements[0];
    expect(decodeFeedback(up.value)).toEqual({ question: '/summary 2 road ahead', answerKind: 'summary', citations: ['doc/s7/p1', 'doc/s8/p1'] });
  });

  it('GIVEN a summary usage reply THEN renders the notice', () => {
    expect(renderSummary({ kind: 'usage', text: 'No section 42.' }).text).toBe('No section 42.');
  });

  it('GIVEN a long passage THEN splits it over sections within the limit', () => {
    const m = renderPassage({ kind: 'passage', passage: passage('word '.repeat(2_000)) });
    expectSafe(m);
    expect(m.blocks.filter((b) => b.type === 'section').length).toBeGreaterThan(3);
  });

  it('GIVEN help THEN lists the commands, examples and sections', () => {
    const m = renderHelp({ title: 'T', author: 'A', examples: ['Q1?'], sections: [{ number: 1, heading: 'H' }] });
    const all = JSON.stringify(m.blocks);
    for (const s of ['/ask', '/summary', '/pin-summary', '/passage', '/help', '• Q1?', '1. H']) expect(all).toContain(s);
  });
});

describe('button values', () => {
  it('cut a huge question so the value fits in 2,000 characters, and still decode', () => {
    const question = '<!channel> 😀 '.repeat(1_000);
    const raw = encodeFeedback({ question, answerKind: 'answered', citations: ['a/s1/p1'] });
    expect(raw.length).toBeLessThanOrEqual(BUTTON_VALUE_LIMIT);
    expect(raw).not.toMatch(/[<>&]/);
    const back = decodeFeedback(raw)!;
    expect(question.startsWith(back.question)).toBe(true);
    expect(encodeShare({ command: 'ask', text: question }).length).toBeLessThanOrEqual(BUTTON_VALUE_LIMIT);
  });

  it('decode nothing from values the bot did not write', () => {
    expect(decodeFeedback('not json')).toBeUndefined();
    expect(decodeShare('{"s":"rm -rf"}')).toBeUndefined();
  });
});

describe('slackTextToPlain', () => {
  it('drops the bot mention and turns other tokens into what the user saw', () => {
    expect(slackTextToPlain('<@UBOT> what did <@U1|ana> say in <#C1|general> about <!here> &amp; <https://x.test|this>?', 'UBOT'))
      .toBe('what did @ana say in #general about @here & this?');
  });
});

/** Text with the hostile fragments the issue names mixed into arbitrary Unicode. */
const hostile = fc.array(
  fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.constantFrom('<!channel>', '<!here>', '<!everyone>', '<@U123>', '<#C1>', '@everyone', '&', '<', '>', '&lt;', '*bold*', '```', '\u202E', '\u200B', '👍🏽', 'مرحبا', '\n> '),
    fc.constant('x'.repeat(5_000)),
  ),
  { maxLength: 40 },
).map((parts) => parts.join(''));

describe('GIVEN any text at all (property-based)', () => {
  it('every answer stays within Slack limits and contains no live mention', () => {
    fc.assert(fc.property(hostile, hostile, fc.array(hostile, { maxLength: 3 }), fc.boolean(), (q, text, cites, share) => {
      const m = renderAnswer(answered(q, text, cites.map((c, i) => ({ ...citation(i + 1, c), label: c.slice(0, 500) }))), share ? { share: { command: 'ask', text: q } } : {});
      expectSafe(m);
    }), { numRuns: 300 });
  });

  it('every summary, passage and notice stays within Slack limits and contains no live mention', () => {
    fc.assert(fc.property(hostile, fc.array(hostile, { maxLength: 10 }), (t, points) => {
      expectSafe(renderSummary({ kind: 'summary', title: t, scope: { type: 'topic', topic: t }, points: points.map((p, i) => ({ text: p, citation: citation(i + 1, p) })) }, { share: { command: 'summary', text: t } }));
      expectSafe(renderPassage({ kind: 'passage', passage: { ...passage(t), label: t } }));
      expectSafe(renderNotice(t));
    }), { numRuns: 200 });
  });

  it('a 100 KB question renders within limits', () => {
    expectSafe(renderAnswer(answered('<!channel>'.repeat(10_000), 'a'.repeat(100_000))));
  });
});
