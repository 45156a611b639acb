/**
 * /pin-summary end to end: the summary is posted (deferred, then @original edited), pinned, and
 * the bot's previous pinned summary unpinned; Discord's refusals become ephemeral explanations.
 */
import { describe, expect, it } from 'vitest';
import { FAKE_PERMISSIONS } from '../fakes/fake-discord.ts';
import { harnessPerTest, type Harness } from './discord-harness.ts';

const INTEGER = 4;
const STRING = 3;
const EPHEMERAL = 64;

describe('/pin-summary', () => {
  const start = harnessPerTest();

  /** Runs /pin-summary and returns the summary message the fake stored (the edited @original). */
  async function pinSummary(harness: Harness, points = 3) {
    const interaction = harness.fake.slash('pin-summary', [{ name: 'points', type: INTEGER, value: points }]);
    const callback = await harness.fake.waitForCallback(interaction);
    expect(callback.body.type).toBe(5);
    expect(callback.body.data?.flags ?? 0).toBe(0);
    await harness.fake.waitForRequest((r) => r.method === 'PATCH' && r.path.endsWith(`${interaction.token}/messages/%40original`));
    return { interaction, message: harness.fake.interactions.get(interaction.token)!.original };
  }

  it('posts the summary publicly, pins it, and unpins the previous pinned summary', async () => {
    const h = await start();
    const first = await pinSummary(h);
    await h.fake.waitUntil(() => h.fake.pins.get(h.fake.channelId)?.some((p) => p.messageId === first.message.id), 5_000, 'the first pin');
    expect(first.message.embeds[0].title).toMatch(/^Summary of/);
    expect(first.message.embeds[0].description.split('\n')).toHaveLength(3);

    // A pin by someone else stays pinned.
    const other = h.fake.sendMessage('house rules: be kind');
    h.fake.pins.get(h.fake.channelId)!.unshift({ messageId: other.id, pinnedAt: new Date().toISOString() });

    const second = await pinSummary(h, 5);
    await h.fake.waitUntil(() => h.fake.pins.get(h.fake.channelId)?.some((p) => p.messageId === second.message.id), 5_000, 'the second pin');
    // Pin first, then unpin (the shared policy): the old summary goes once the new one is up.
    await h.fake.waitUntil(() => !h.fake.pins.get(h.fake.channelId)?.some((p) => p.messageId === first.message.id), 5_000, 'the first unpinned');
    const pinned = h.fake.pins.get(h.fake.channelId)!.map((p) => p.messageId);
    expect(pinned).toContain(second.message.id);
    expect(pinned).toContain(other.id);
    expect(pinned).not.toContain(first.message.id);
    expect(h.fake.requestsTo('DELETE', new RegExp(`/channels/${h.fake.channelId}/messages/pins/${first.message.id}$`))).toHaveLength(1);
    expect(h.fake.requestsTo('GET', new RegExp(`/channels/${h.fake.channelId}/messages/pins$`)).length).toBeGreaterThanOrEqual(2);
  });

  it('still posts the summary when pinning gets 403 Missing Permissions, and tells the user which permission', async () => {
    const h = await start({ fake: { botPermissions: FAKE_PERMISSIONS.ViewChannel | FAKE_PERMISSIONS.SendMessages | FAKE_PERMISSIONS.ReadMessageHistory } });
    const { interaction, message } = await pinSummary(h);
    const followUp = await h.fake.waitForRequest((r) => r.method === 'POST' && r.path === `/webhooks/${h.fake.applicationId}/${interaction.token}`);
    expect(followUp.body.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(followUp.body.content).toMatch(/Pin Messages permission/);
    expect(h.fake.requestsTo('PUT', /\/messages\/pins\//).map((r) => r.status)).toEqual([403]);
    expect(h.fake.messages.get(h.fake.channelId)).toContainEqual(expect.objectContaining({ id: message.id }));
    expect(message.embeds[0].title).toMatch(/^Summary of/);
  });

  it('still posts the summary when the channel is at its pin limit, and names the limit', async () => {
    const h = await start({ fake: { maxPins: 1 } });
    const other = h.fake.sendMessage('house rules: be kind');
    h.fake.pins.set(h.fake.channelId, [{ messageId: other.id, pinnedAt: new Date().toISOString() }]);
    const { interaction } = await pinSummary(h);
    const followUp = await h.fake.waitForRequest((r) => r.method === 'POST' && r.path === `/webhooks/${h.fake.applicationId}/${interaction.token}`);
    expect(followUp.body.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(followUp.body.content).toMatch(/limit of 50 pinned messages/);
  });

  it('refuses a second /pin-summary in the same channel within the cooldown, privately', async () => {
    const h = await start({ limits: { pinCooldownSeconds: 60 } });
    await pinSummary(h);
    const again = h.fake.slash('pin-summary', [{ name: 'section', type: STRING, value: '7' }]);
    const callback = await h.fake.waitForCallback(again);
    expect(callback.body.type).toBe(4);
    expect(callback.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(callback.body.data.content).toMatch(/Please wait \d+ s/);
  });
});
