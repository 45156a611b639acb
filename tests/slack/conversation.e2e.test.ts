/**
 * Conversation through the real Bolt in HTTP mode against the fake Slack: thread manners (quiet on
 * thanks, chatter and messages for other people), follow-ups read in context in a thread and in
 * a DM, and an edited question whose answer is updated in place.
 */
import { describe, expect, it } from 'vitest';
import { botPosts, type Harness, mentionEvent, messageEvent, settle, useHarness, userTs } from './slack-harness.ts';

let h: Harness;
useHarness({ mode: 'http' }, (x) => (h = x));

const send = (event: Record<string, unknown>) => h.sender.event(h.sender.eventCallback(event));
const cites = (post: { blocks?: unknown }) => JSON.stringify(post.blocks);

describe('in a thread the bot answered', () => {
  it('stays quiet on thanks, reactions in words and messages to someone else; answers a follow-up without a mention', async () => {
    const channel = 'C0MANNERS';
    const mention = mentionEvent(h, 'What did Trump want?', { channel });
    await send(mention);
    await h.fake.waitFor(() => botPosts(h, channel, mention.ts as string).length === 1);
    for (const text of ['thanks!', 'lol ok', '<@U0OTHER> what do you think?', 'nice', 'I had no idea']) {
      await send(messageEvent(text, { channel, thread_ts: mention.ts }));
    }
    await settle(400);
    expect(botPosts(h, channel, mention.ts as string)).toHaveLength(1);

    await send(messageEvent('and Putin?', { channel, thread_ts: mention.ts }));
    const [, followUp] = await h.fake.waitFor(() => botPosts(h, channel, mention.ts as string).length === 2 && botPosts(h, channel, mention.ts as string));
    expect(cites(followUp!)).toContain('What did Putin want?');
    expect(cites(followUp!)).toContain('alaska-summit/s4/p1');
    expect(h.fake.messages.filter((m) => m.ephemeral && m.channel === channel)).toHaveLength(0);
  });

  it('answers a question put to the thread without a mention', async () => {
    const channel = 'C0ASKTHREAD';
    const mention = mentionEvent(h, 'How long did the talks last?', { channel });
    await send(mention);
    await h.fake.waitFor(() => botPosts(h, channel).length === 1);
    await send(messageEvent('where was the summit held', { channel, thread_ts: mention.ts }));
    const posts = await h.fake.waitFor(() => botPosts(h, channel, mention.ts as string).length === 2 && botPosts(h, channel, mention.ts as string));
    expect(posts[1]!.text).toMatch(/Alaska|Anchorage/);
  });
});

describe('in a DM', () => {
  it('answers a follow-up in context', async () => {
    const channel = 'D0FOLLOW';
    await send(messageEvent('What did Trump want?', { channel, channel_type: 'im' }));
    await h.fake.waitFor(() => botPosts(h, channel).length === 1);
    await send(messageEvent('and what about Putin?', { channel, channel_type: 'im' }));
    const posts = await h.fake.waitFor(() => botPosts(h, channel).length === 2 && botPosts(h, channel));
    expect(cites(posts[1]!)).toContain('What did Putin want?');
    expect(cites(posts[1]!)).toContain('alaska-summit/s4/p1');
  });
});

describe('an edited question', () => {
  it('updates its answer in place (message_changed)', async () => {
    const channel = 'C0EDITS';
    const mention = mentionEvent(h, 'How long did the talks last?', { channel });
    await send(mention);
    const [answer] = await h.fake.waitFor(() => botPosts(h, channel).length === 1 && botPosts(h, channel));
    expect(answer!.text).toMatch(/seven hours/);
    await send({
      type: 'message', subtype: 'message_changed', channel, channel_type: 'channel', ts: userTs(), event_ts: userTs(),
      message: { type: 'message', user: 'U0ASKER', text: `<@${h.fake.botUserId}> Where did the summit take place?`, ts: mention.ts, edited: { user: 'U0ASKER', ts: userTs() } },
      previous_message: { type: 'message', user: 'U0ASKER', text: mention.text, ts: mention.ts },
    });
    await h.fake.waitFor(() => h.fake.callsTo('chat.update').length === 1);
    const updated = botPosts(h, channel);
    expect(updated).toHaveLength(1);
    expect(updated[0]!.ts).toBe(answer!.ts);
    expect(updated[0]!.text).toMatch(/Alaska|Anchorage/);
  });

  it('answers an edited DM it never answered as a new message', async () => {
    const channel = 'D0EDITNEW';
    const ts = userTs();
    await send({
      type: 'message', subtype: 'message_changed', channel, channel_type: 'im', ts: userTs(), event_ts: userTs(),
      message: { type: 'message', user: 'U0ASKER', text: 'How long did the talks last?', ts, edited: { user: 'U0ASKER', ts: userTs() } },
    });
    const [post] = await h.fake.waitFor(() => botPosts(h, channel).length === 1 && botPosts(h, channel));
    expect(post!.text).toMatch(/seven hours/);
    expect(h.fake.callsTo('chat.update').filter((c) => c.params.channel === channel)).toHaveLength(0);
  });
});
