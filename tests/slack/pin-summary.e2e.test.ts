/**
 * /pin-summary end to end: the summary is posted publicly and pinned, the bot's previous pinned
 * summary is unpinned (other pins are left alone), and when pinning fails the summary still
 * posts and the user is told why and what to do.
 */
import { describe, expect, it } from 'vitest';
import { SUMMARY_BLOCK_ID } from '../../adapters/slack/render-blocks.ts';
import { botPosts, type Harness, responsesTo, useHarness } from './slack-harness.ts';

let h: Harness;
useHarness({ mode: 'http' }, (x) => (h = x));

/** Runs /pin-summary in `channel` and waits for the private confirmation or explanation. */
async function pinSummary(channel: string, text = '3') {
  const { status, responseUrl } = await h.sender.command('/pin-summary', text, { channel });
  expect(status).toBe(200);
  const replies = await h.fake.waitFor(() => {
    const r = responsesTo(h, responseUrl);
    return r.some((x) => x.response_type === 'ephemeral') && r;
  });
  return { replies, notice: replies.find((x) => x.response_type === 'ephemeral')!.text as string };
}

const isSummary = (m: { blocks?: { block_id?: string }[] }) => Boolean(m.blocks?.some((b) => b.block_id === SUMMARY_BLOCK_ID));

describe('GIVEN /pin-summary', () => {
  it('posts the summary publicly and pins it', async () => {
    const { notice } = await pinSummary('C0PIN1', '3 road ahead');
    const [post] = botPosts(h, 'C0PIN1');
    expect(post && isSummary(post)).toBe(true);
    expect(h.fake.pins.get('C0PIN1')).toEqual([post!.ts]);
    expect(notice).toBe('Pinned the summary.');
  });

  it('unpins its previous summary so one stays pinned, and leaves other pins alone', async () => {
    const someoneElses = h.fake.seedMessage({ channel: 'C0PIN2', ts: h.fake.nextTs(), text: 'house rules', user: 'U0HUMAN' });
    h.fake.pins.set('C0PIN2', [someoneElses.ts]);
    await pinSummary('C0PIN2');
    const { notice } = await pinSummary('C0PIN2', '2');
    const summaries = botPosts(h, 'C0PIN2').filter(isSummary);
    expect(summaries).toHaveLength(2);
    expect(h.fake.pins.get('C0PIN2')).toEqual([someoneElses.ts, summaries[1]!.ts]);
    expect(notice).toMatch(/unpinned my previous one/);
  });

  it('makes room at the pin limit by unpinning its previous summary first', async () => {
    await pinSummary('C0PIN3');
    h.fake.pinLimit = 1;
    try {
      const { notice } = await pinSummary('C0PIN3', '4');
      const latest = botPosts(h, 'C0PIN3').at(-1)!;
      expect(h.fake.pins.get('C0PIN3')).toEqual([latest.ts]);
      expect(notice).toMatch(/^Pinned/);
    } finally {
      h.fake.pinLimit = 100;
    }
  });

  it.each([
    ['no_permission', /permission/],
    ['too_many_pins', /limit on pinned items.*Unpin something/],
    ['restricted_action', /workspace policy/],
  ])('still posts the summary when pins.add fails with %s, and says why and what to do', async (code, explanation) => {
    const channel = `C0${code.toUpperCase().replace(/_/g, '')}`;
    h.fake.pinErrors.set(channel, code);
    const { notice } = await pinSummary(channel);
    expect(botPosts(h, channel).filter(isSummary)).toHaveLength(1);
    expect(h.fake.pins.get(channel) ?? []).toEqual([]);
    expect(notice).toMatch(/^I posted the summary but couldn’t pin it/);
    expect(notice).toMatch(explanation);
  });

  it('when not in the channel, still posts the summary through the response_url and says to invite it', async () => {
    h.fake.channelsWithoutBot.add('C0OUTSIDE');
    const { replies, notice } = await pinSummary('C0OUTSIDE');
    const publicCopy = replies.find((r) => r.response_type === 'in_channel');
    expect(publicCopy && isSummary(publicCopy)).toBe(true);
    expect(notice).toContain(`invite me with \`/invite @${h.fake.botName}\``.replace('invite me', 'Invite me'));
  });

  it('answers an unknown section privately, without posting or pinning', async () => {
    const { notice } = await pinSummary('C0PINUSAGE', 'section 42');
    expect(notice.length).toBeGreaterThan(10);
    expect(botPosts(h, 'C0PINUSAGE')).toHaveLength(0);
  });
});

describe('GIVEN a pin cooldown of 60 s per channel', () => {
  let c: Harness;
  useHarness({ mode: 'http', limits: { pinCooldownSeconds: 60 } }, (x) => (c = x));

  it('refuses a second pin in the same channel politely, but not in another channel', async () => {
    const run = async (channel: string) => {
      const { responseUrl } = await c.sender.command('/pin-summary', '', { channel });
      return c.fake.waitFor(() => responsesTo(c, responseUrl)[0]?.text as string | undefined);
    };
    expect(await run('C0COOL')).toBe('Pinned the summary.');
    expect(await run('C0COOL')).toMatch(/wait \d+ s/);
    expect(await run('C0WARM')).toBe('Pinned the summary.');
    expect(botPosts(c, 'C0COOL')).toHaveLength(1);
  });
});
