/**
 * Asking in chat, end to end: the real discord.js Client and answer core against the fake Discord.
 * Mentions and replies to the bot's answers are answered as replies, DMs in the DM, bots ignored,
 * and no text anyone types can make the bot ping.
 */
import { describe, expect, it } from 'vitest';
import { harnessForSuite, replyRequest, replyTo } from './discord-harness.ts';

describe('asking the Discord bot in chat', () => {
  const harness = harnessForSuite();

  it('answers a mention with a reply whose body carries the embed, the citations and allowed_mentions.parse = []', async () => {
    const h = harness();
    const question = h.fake.mentionBot('How long did the talks last?');
    const request = await replyRequest(h, question);
    expect(request.body.message_reference.message_id).toBe(question.id);
    expect(request.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const [embed] = request.body.embeds;
    expect(embed.title).toBe('How long did the talks last?');
    expect(embed.description).toMatch(/seven hours/);
    expect(embed.fields[0].name).toMatch(/^1\. Introduction, paragraph 1$/);
    expect(embed.fields[0].value).toMatch(/^> .*seven hours/);
    expect(embed.footer.text).toContain('Trump–Putin Alaska Summit');
    const labels = request.body.components[0].components.map((b: any) => b.label);
    expect(labels).toContain('Full passage 1');
    expect(request.body.components[0].components.some((b: any) => b.emoji?.name === '👍')).toBe(true);
  });

  it('strips the bot mention from the question it asks the core', async () => {
    const h = harness();
    const question = h.fake.mentionBot('What did Trump offer Putin?');
    const reply = await replyTo(h, question);
    expect(reply.embeds[0].title).toBe('What did Trump offer Putin?');
  });

  it('answers a DM in the DM', async () => {
    const h = harness();
    const question = h.fake.sendMessage('Why was Ukraine excluded from the talks?', { dm: true });
    const reply = await replyTo(h, question);
    expect(reply.channel_id).toBe(h.fake.dmChannelId);
    expect(reply.embeds[0].fields.length).toBeGreaterThan(0);
  });

  it('answers a reply to one of its answers, as a reply', async () => {
    const h = harness();
    const first = h.fake.mentionBot('What did Putin want?');
    const answer = await replyTo(h, first);
    // A reply that keeps its @ping lists the bot in mentions, so Discord sends the content.
    const followUp = h.fake.sendMessage('And what about sanctions?', { replyTo: answer, mentions: [h.fake.bot] });
    const reply = await replyTo(h, followUp);
    expect(reply.embeds[0].title).toBe('And what about sanctions?');
  });

  it('explains, rather than guesses, when a reply without a ping arrives with no content', async () => {
    const h = harness();
    const first = h.fake.mentionBot('Where was the summit held?');
    const answer = await replyTo(h, first);
    const silentReply = h.fake.sendMessage('', { replyTo: answer });
    const reply = await replyTo(h, silentReply);
    expect(reply.content).toMatch(/keep the @mention on/);
    expect(reply.flags & 4).toBe(4); // SuppressEmbeds
  });

  it('ignores messages from bots, itself included, and messages that do not mention it', async () => {
    const h = harness();
    const fromBot = h.fake.sendMessage(`<@${h.fake.bot.id}> What did Trump offer?`, { author: h.fake.otherBot, mentions: [h.fake.bot] });
    const fromItself = h.fake.sendMessage(`<@${h.fake.bot.id}> echo`, { author: h.fake.bot, mentions: [h.fake.bot] });
    const unrelated = h.fake.sendMessage('just chatting about the summit');
    // A later question is answered, so the ignored ones had their chance to be answered first.
    await replyTo(h, h.fake.mentionBot('What does China gain?'));
    const referenced = h.fake.requests.filter((r) => r.body?.message_reference).map((r) => r.body.message_reference.message_id);
    expect(referenced).not.toContain(fromBot.id);
    expect(referenced).not.toContain(fromItself.id);
    expect(referenced).not.toContain(unrelated.id);
  });

  it('never pings when a question contains @everyone, @here or a user mention', async () => {
    const h = harness();
    const question = h.fake.sendMessage(`<@${h.fake.bot.id}> @everyone @here <@${h.fake.alice.id}> <@&${h.fake.guildId}> what did Trump offer?`, {
      mentions: [h.fake.bot, h.fake.alice],
      mentionEveryone: true,
    });
    const request = await replyRequest(h, question);
    expect(request.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const text = JSON.stringify(request.body.embeds);
    expect(text).not.toMatch(/@(everyone|here)/);
    expect(text).not.toMatch(/<@[!&]?\d+>/);
  });

  it('answers hostile text (100 KB, Markdown bombs, RTL, zero-width, command and role syntax) without pinging or crashing', async () => {
    const h = harness();
    const hostile = [
      'why '.repeat(25_000),
      '*_'.repeat(2_000),
      '\u202Ewhat did Putin want\u202C \u200B\u200B',
      '</ask:123> <@&456> @here ||spoiler|| ```code``` > quote',
      '👨‍👩‍👧🇺🇦 '.repeat(300),
      '[click](https://evil.example) https://evil.example',
    ];
    for (const text of hostile) {
      const question = h.fake.mentionBot(text);
      const request = await replyRequest(h, question);
      expect(request.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
      const body = JSON.stringify([request.body.content ?? '', request.body.embeds ?? []]);
      expect(body).not.toMatch(/@(everyone|here)|<@[!&]?\d+>/);
      expect(request.body.content?.length ?? 0).toBeLessThanOrEqual(2_000);
      for (const embed of request.body.embeds ?? []) expect(embed.title?.length ?? 0).toBeLessThanOrEqual(256);
    }
    await replyTo(h, h.fake.mentionBot('Where was the summit?'));
  });

  it('replies to an empty mention with a usage hint, content only and without link embeds', async () => {
    const h = harness();
    const question = h.fake.sendMessage(`<@${h.fake.bot.id}>`, { mentions: [h.fake.bot] });
    const request = await replyRequest(h, question);
    expect(request.body.content.length).toBeGreaterThan(0);
    expect(request.body.embeds ?? []).toEqual([]);
    expect(request.body.flags & 4).toBe(4);
    expect(request.body.allowed_mentions.parse).toEqual([]);
  });
});
