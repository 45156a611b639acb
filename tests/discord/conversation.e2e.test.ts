/**
 * Conversation through the real discord.js against the fake Discord: replies to the bot's answer
 * that are not for it get no reply, a follow-up reply and a DM follow-up are read in context, an
 * edited question gets its answer edited in place, and errors and usage replies are private.
 */
import { describe, expect, it } from 'vitest';
import { harnessForSuite, replyTo } from './discord-harness.ts';

const EPHEMERAL = 64;
const STRING = 3;
const settle = (ms = 400) => new Promise((r) => setTimeout(r, ms));

describe('conversation on Discord', () => {
  const harness = harnessForSuite();

  it('stays quiet on replies to its answer that are not for it; answers a follow-up reply in context', async () => {
    const h = harness();
    const answer = await replyTo(h, h.fake.mentionBot('What did Trump want?'));
    const bob = h.fake.user(h.fake.snowflake(), 'bob');
    // Replies with the ping on, as Discord's client sends them by default.
    const chatter = [
      h.fake.sendMessage('thanks!', { replyTo: answer, mentions: [h.fake.bot] }),
      h.fake.sendMessage('lol ok', { replyTo: answer, mentions: [h.fake.bot] }),
      h.fake.sendMessage(`<@${bob.id}> what do you think?`, { replyTo: answer, mentions: [h.fake.bot, bob] }),
    ];
    await settle();
    for (const m of chatter) expect((h.fake.messages.get(m.channel_id) ?? []).some((x: any) => x.message_reference?.message_id === m.id)).toBe(false);

    const followUp = h.fake.sendMessage('and Putin?', { replyTo: answer, mentions: [h.fake.bot] });
    const reply = await replyTo(h, followUp);
    expect(reply.embeds[0].description).toContain('Read as “What did Putin want?”');
    expect(JSON.stringify(reply.components)).toContain('alaska-summit/s4/p1');
  });

  it('answers a DM follow-up in context', async () => {
    const h = harness();
    await replyTo(h, h.fake.sendMessage('What did Trump want?', { dm: true }));
    const reply = await replyTo(h, h.fake.sendMessage('and what about Putin?', { dm: true }));
    expect(reply.embeds[0].description).toContain('Read as “What did Putin want?”');
    expect(JSON.stringify(reply.components)).toContain('alaska-summit/s4/p1');
  });

  it('edits its answer when the question is edited', async () => {
    const h = harness();
    const question = h.fake.mentionBot('How long did the talks last?');
    const answer = await replyTo(h, question);
    expect(answer.embeds[0].description).toMatch(/seven hours/);
    h.fake.editMessage(question, `<@${h.fake.bot.id}> Where did the summit take place?`);
    await h.fake.waitForRequest((r) => r.method === 'PATCH' && r.path === `/channels/${answer.channel_id}/messages/${answer.id}` && r.status === 200);
    const edited = (h.fake.messages.get(answer.channel_id) ?? []).find((m: any) => m.id === answer.id);
    expect(edited.embeds[0].title).toBe('Where did the summit take place?');
    expect(edited.embeds[0].description).toMatch(/Alaska|Anchorage/);
  });

  it('answers /summary on a topic the article does not cover privately, and an unknown command briefly and privately', async () => {
    const h = harness();
    const summary = h.fake.slash('summary', [{ name: 'topic', type: STRING, value: 'bananas and football' }]);
    await h.fake.waitForCallback(summary);
    const privately = await h.fake.waitForRequest((r) => r.path.includes(summary.token) && ((r.body?.flags ?? r.body?.data?.flags ?? 0) & EPHEMERAL) === EPHEMERAL);
    expect(JSON.stringify(privately.body)).toMatch(/does not|doesn’t|not cover|nothing/i);

    const unknown = h.fake.slash('no-such-command', []);
    const callback = await h.fake.waitForCallback(unknown);
    expect(callback.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(callback.body.data.content).toMatch(/don’t know the command/);
    expect(h.logs.join('')).not.toMatch(/"stack"/);
  });
});
