/**
 * Slash commands, autocomplete and buttons, end to end through the real discord.js and core:
 * the fake Discord dispatches INTERACTION_CREATE and records the callbacks and webhook edits.
 */
import { describe, expect, it } from 'vitest';
import type { Answerer } from '../../src/index.ts';
import { harnessForSuite, realAnswerer, replyTo } from './discord-harness.ts';

const STRING = 3;
const INTEGER = 4;
const BOOLEAN = 5;
const EPHEMERAL = 64;
const CALLBACK = { message: 4, deferred: 5, autocomplete: 8 };

describe('Discord slash commands', () => {
  const harness = harnessForSuite();

  it('answers /ask publicly by default, with the embed and no mentions allowed', async () => {
    const h = harness();
    const interaction = h.fake.slash('ask', [{ name: 'question', type: STRING, value: 'What did Trump offer Putin?' }]);
    const callback = await h.fake.waitForCallback(interaction);
    expect(callback.body.type).toBe(CALLBACK.message);
    expect(callback.body.data.flags ?? 0).toBe(0);
    expect(callback.body.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(callback.body.data.embeds[0].title).toBe('What did Trump offer Putin?');
    expect(callback.body.data.embeds[0].fields.length).toBeGreaterThan(0);
  });

  it('answers /ask private:true ephemerally', async () => {
    const h = harness();
    const interaction = h.fake.slash('ask', [
      { name: 'question', type: STRING, value: 'What did Trump offer Putin?' },
      { name: 'private', type: BOOLEAN, value: true },
    ]);
    const callback = await h.fake.waitForCallback(interaction);
    expect(callback.body.type).toBe(CALLBACK.message);
    expect(callback.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
  });

  it('answers /ask in a DM with the bot', async () => {
    const h = harness();
    const interaction = h.fake.slash('ask', [{ name: 'question', type: STRING, value: 'Where was the summit?' }], { dm: true });
    const callback = await h.fake.waitForCallback(interaction);
    expect(callback.body.data.embeds[0].description).toMatch(/Alaska/);
  });

  it('defers /summary and then edits @original (URL-encoded as %40original) with the summary', async () => {
    const h = harness();
    const interaction = h.fake.slash('summary', [{ name: 'points', type: INTEGER, value: 3 }]);
    const callback = await h.fake.waitForCallback(interaction);
    expect(callback.body.type).toBe(CALLBACK.deferred);
    const edit = await h.fake.waitForRequest((r) => r.method === 'PATCH' && r.path === `/webhooks/${h.fake.applicationId}/${interaction.token}/messages/%40original`);
    expect(edit.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const [embed] = edit.body.embeds;
    expect(embed.title).toMatch(/^Summary of/);
    expect(embed.description.split('\n')).toHaveLength(3);
    expect(embed.footer.text).toContain('Poonam Sharma');
  });

  it('defers /summary private:true ephemerally, so the edit stays private', async () => {
    const h = harness();
    const interaction = h.fake.slash('summary', [{ name: 'topic', type: STRING, value: 'sanctions' }, { name: 'private', type: BOOLEAN, value: true }]);
    const callback = await h.fake.waitForCallback(interaction);
    expect(callback.body.type).toBe(CALLBACK.deferred);
    expect(callback.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    const edit = await h.fake.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(interaction.token));
    expect(edit.body.embeds[0].title).toBe('Summary of “sanctions”');
  });

  it('offers at most 25 passage choices, named by label, for /passage autocomplete', async () => {
    const h = harness();
    const interaction = h.fake.autocomplete('passage', [{ name: 'id', type: STRING, value: '', focused: true }]);
    const callback = await h.fake.waitForCallback(interaction);
    expect(callback.body.type).toBe(CALLBACK.autocomplete);
    const { choices } = callback.body.data;
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices[0]).toEqual({ name: 'Introduction, paragraph 1', value: 'alaska-summit/s0/p1' });
    for (const c of choices) expect(c.name.length).toBeLessThanOrEqual(100);
  });

  it('lists passages whose label matches what was typed before those that only mention it', async () => {
    const h = harness();
    const callback = await h.fake.waitForCallback(h.fake.autocomplete('passage', [{ name: 'id', type: STRING, value: 'road', focused: true }]));
    const names: string[] = callback.body.data.choices.map((c: any) => c.name);
    expect(names[0]).toMatch(/^The Road Ahead/);
    expect(names.some((n) => n.startsWith('Introduction'))).toBe(true);
    expect(names.findIndex((n) => n.startsWith('Introduction'))).toBeGreaterThan(names.findLastIndex((n) => n.startsWith('The Road Ahead')));
  });

  it('narrows /summary section choices to headings matching what was typed', async () => {
    const h = harness();
    const interaction = h.fake.autocomplete('summary', [{ name: 'section', type: STRING, value: 'road', focused: true }]);
    const callback = await h.fake.waitForCallback(interaction);
    expect(callback.body.data.choices).toEqual([{ name: '7. The Road Ahead', value: '7' }]);
  });

  it('shows a passage in full with /passage, and a not-found passage privately', async () => {
    const h = harness();
    const found = h.fake.slash('passage', [{ name: 'id', type: STRING, value: 'alaska-summit/s2/p1' }]);
    const shown = await h.fake.waitForCallback(found);
    expect(shown.body.data.embeds[0].title).toMatch(/The Ukraine War/);
    expect(shown.body.data.embeds[0].description).toMatch(/^The war in Ukraine dominated/);

    const missing = h.fake.slash('passage', [{ name: 'id', type: STRING, value: 'no-such/passage' }]);
    const notFound = await h.fake.waitForCallback(missing);
    expect(notFound.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(notFound.body.data.content).toMatch(/no passage/i);
  });

  it('sends /help to the asker alone, with examples and sections', async () => {
    const h = harness();
    const callback = await h.fake.waitForCallback(h.fake.slash('help'));
    expect(callback.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(callback.body.data.embeds[0].fields.map((f: any) => f.name)).toEqual(['Try asking', 'Sections']);
  });

  it('answers "Full passage 1" with the whole cited paragraph, ephemerally', async () => {
    const h = harness();
    const answer = await replyTo(h, h.fake.mentionBot('How long did the talks last?'));
    const button = answer.components[0].components.find((b: any) => b.label === 'Full passage 1');
    const press = h.fake.pressButton(answer, button.custom_id);
    const callback = await h.fake.waitForCallback(press);
    expect(callback.body.type).toBe(CALLBACK.message);
    expect(callback.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(callback.body.data.embeds[0].description).toMatch(/Lack of a breakthrough/);
  });

  it('records a 👍 through the feedback store with an anonymised user, and acknowledges it privately', async () => {
    const h = harness();
    const answer = await replyTo(h, h.fake.mentionBot('What did Trump offer Putin?'));
    const up = answer.components[0].components.find((b: any) => b.emoji?.name === '👍');
    const callback = await h.fake.waitForCallback(h.fake.pressButton(answer, up.custom_id));
    expect(callback.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    const entry = (await h.deps.records.feedback()).at(-1)!;
    expect(entry).toMatchObject({ platform: 'discord', vote: 'up', question: 'What did Trump offer Putin?' });
    expect(entry.answerText.length).toBeGreaterThan(20);
    expect(entry.citations.length).toBeGreaterThan(0);
    expect(entry.user).not.toContain(h.fake.alice.id);
    expect(entry.user).toMatch(/^[0-9a-f]{24}$/);
  });
});

describe('Discord commands when the core fails', () => {
  const harness = harnessForSuite(() => ({ answerer: crashingAnswerer() }));

  it('replies with an ephemeral error when a handler throws before replying', async () => {
    const h = harness();
    const interaction = h.fake.slash('ask', [{ name: 'question', type: STRING, value: 'CRASH please' }]);
    const callback = await h.fake.waitForCallback(interaction);
    expect(callback.body.type).toBe(CALLBACK.message);
    expect(callback.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(callback.body.data.content).toMatch(/something went wrong/i);
    expect(h.logs.join('')).toMatch(/answer core threw|interaction handler failed/);
  });

  it('removes a public deferral and follows up with an ephemeral error when a deferred handler throws', async () => {
    const h = harness();
    const interaction = h.fake.slash('summary', []);
    expect((await h.fake.waitForCallback(interaction)).body.type).toBe(CALLBACK.deferred);
    const followUp = await h.fake.waitForRequest((r) => r.method === 'POST' && r.path === `/webhooks/${h.fake.applicationId}/${interaction.token}`);
    expect(followUp.body.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(followUp.body.content).toMatch(/something went wrong/i);
    expect(h.fake.requestsTo('DELETE', new RegExp(`${interaction.token}/messages/%40original$`))).toHaveLength(1);
  });

  it('edits an ephemeral deferral into the ephemeral error when a private deferred handler throws', async () => {
    const h = harness();
    const interaction = h.fake.slash('summary', [{ name: 'private', type: BOOLEAN, value: true }]);
    const callback = await h.fake.waitForCallback(interaction);
    expect(callback.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    const edit = await h.fake.waitForRequest((r) => r.method === 'PATCH' && r.path.endsWith(`${interaction.token}/messages/%40original`));
    expect(edit.body.content).toMatch(/something went wrong/i);
  });

  it('tells a chat user something went wrong and keeps answering afterwards', async () => {
    const h = harness();
    const sorry = await replyTo(h, h.fake.mentionBot('CRASH now'));
    expect(sorry.content).toMatch(/something went wrong/i);
    await replyTo(h, h.fake.mentionBot('Where was the summit?'));
  });
});

/** The real core, except that it crashes on demand: handlers must log it and still answer. */
function crashingAnswerer(): Answerer {
  const real = realAnswerer();
  return Object.create(real, {
    ask: { value: (q: string) => (q.includes('CRASH') ? (() => { throw new Error('boom'); })() : real.ask(q)) },
    summarize: { value: () => { throw new Error('summary boom'); } },
  });
}
