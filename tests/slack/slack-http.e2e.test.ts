/**
 * The Slack adapter in HTTP mode, end to end: signed requests into the real Bolt HTTPReceiver,
 * the real answer core, and Web API calls out to the fake Slack on 127.0.0.1.
 */
import { describe, expect, it } from 'vitest';
import { ACTION } from '../../adapters/slack/action-values.ts';
import {
  botPosts, type Harness, mentionEvent, messageEvent, outputText, realAnswerer, responsesTo, settle, useHarness, userTs,
} from './slack-harness.ts';

let h: Harness;
useHarness({ mode: 'http' }, (x) => (h = x));

const QUESTION = 'How long did the talks last?';

describe('GIVEN the bot runs in HTTP mode', () => {
  it('GET /healthz answers 200', async () => {
    const res = await fetch(`http://127.0.0.1:${h.slack.port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, mode: 'http' });
  });

  it('acks a mention at once and answers it in a thread under the message, quoting and citing the article', async () => {
    const event = mentionEvent(h, QUESTION);
    const res = await h.sender.event(h.sender.eventCallback(event));
    expect(res.status).toBe(200);
    expect(res.ackMs).toBeLessThan(1_000);
    const [post] = await h.fake.waitFor(() => botPosts(h, 'C0GENERAL', event.ts as string).length && botPosts(h, 'C0GENERAL', event.ts as string));
    expect(post!.text).toMatch(/seven hours/);
    expect(JSON.stringify(post!.blocks)).toContain('Full passage');
    const call = h.fake.callsTo('chat.postMessage').at(-1)!;
    expect(call.params).toMatchObject({ unfurl_links: 'false', unfurl_media: 'false' });
  });

  it('answers a mention in its own thread exactly once although Slack sends it as app_mention and as message', async () => {
    const first = mentionEvent(h, QUESTION, { channel: 'C0TWICE' });
    await h.sender.event(h.sender.eventCallback(first));
    await h.fake.waitFor(() => botPosts(h, 'C0TWICE').length);
    // In a thread the bot answers in, the message listener would answer too: both must not.
    const mention = mentionEvent(h, 'What did Trump offer Putin?', { channel: 'C0TWICE', thread_ts: first.ts });
    const asMessage = messageEvent(mention.text as string, { channel: 'C0TWICE', ts: mention.ts, thread_ts: first.ts });
    await Promise.all([h.sender.event(h.sender.eventCallback(mention)), h.sender.event(h.sender.eventCallback(asMessage))]);
    await h.fake.waitFor(() => botPosts(h, 'C0TWICE').length === 2);
    await settle();
    expect(botPosts(h, 'C0TWICE', first.ts as string)).toHaveLength(2);
  });

  it('answers "summarise the article" in a mention with a cited summary of the whole article', async () => {
    const event = mentionEvent(h, 'summarise the article please', { channel: 'C0SUMMARY' });
    await h.sender.event(h.sender.eventCallback(event));
    const [post] = await h.fake.waitFor(() => botPosts(h, 'C0SUMMARY', event.ts as string).length && botPosts(h, 'C0SUMMARY', event.ts as string));
    const summary = await realAnswerer().summarize({ points: 3 });
    expect(summary.kind).toBe('summary');
    if (summary.kind === 'summary') expect(post!.text).toContain(summary.points[0]!.text.slice(0, 40));
    expect(JSON.stringify(post!.blocks)).toContain('alaska-summit/s');
  });

  it('answers a retried event (X-Slack-Retry-Num) once', async () => {
    const callback = h.sender.eventCallback(mentionEvent(h, 'Where did the summit take place?'));
    const ts = (callback.event as { ts: string }).ts;
    const first = await h.sender.event(callback);
    const retry = await h.sender.event(callback, { retryNum: 1 });
    const again = await h.sender.event(callback, { retryNum: 2 });
    expect([first.status, retry.status, again.status]).toEqual([200, 200, 200]);
    await h.fake.waitFor(() => botPosts(h, 'C0GENERAL', ts).length);
    await settle();
    expect(botPosts(h, 'C0GENERAL', ts)).toHaveLength(1);
  });

  it('answers a direct message in the DM, not in a thread', async () => {
    const dm = messageEvent(QUESTION, { channel: 'D0DIRECT', channel_type: 'im' });
    await h.sender.event(h.sender.eventCallback(dm));
    const [post] = await h.fake.waitFor(() => botPosts(h, 'D0DIRECT').length && botPosts(h, 'D0DIRECT'));
    expect(post!.thread_ts).toBeUndefined();
    expect(post!.text).toMatch(/seven hours/);
  });

  it('answers a follow-up in a thread it answered in, without a new mention', async () => {
    const mention = mentionEvent(h, QUESTION, { channel: 'C0THREADS' });
    await h.sender.event(h.sender.eventCallback(mention));
    await h.fake.waitFor(() => botPosts(h, 'C0THREADS').length);
    const followUp = messageEvent('Did they reach a ceasefire agreement?', { channel: 'C0THREADS', thread_ts: mention.ts });
    await h.sender.event(h.sender.eventCallback(followUp));
    await h.fake.waitFor(() => botPosts(h, 'C0THREADS', mention.ts as string).length === 2);
    expect(botPosts(h, 'C0THREADS', mention.ts as string)).toHaveLength(2);
  });

  it('ignores a message in a thread it never answered in', async () => {
    const stranger = messageEvent(QUESTION, { channel: 'C0QUIET', thread_ts: userTs() });
    await h.sender.event(h.sender.eventCallback(stranger));
    await settle();
    expect(botPosts(h, 'C0QUIET')).toHaveLength(0);
  });

  it('ignores messages from bots, itself included', async () => {
    const dms = [
      messageEvent(QUESTION, { channel: 'D0BOTS', channel_type: 'im', bot_id: 'B0OTHER' }),
      messageEvent(QUESTION, { channel: 'D0BOTS', channel_type: 'im', subtype: 'bot_message', user: undefined }),
      messageEvent(QUESTION, { channel: 'D0BOTS', channel_type: 'im', user: h.fake.botUserId }),
    ];
    for (const dm of dms) expect((await h.sender.event(h.sender.eventCallback(dm))).status).toBe(200);
    await settle();
    expect(h.fake.messages.filter((m) => m.channel === 'D0BOTS')).toHaveLength(0);
  });

  it('rejects a request with a bad signature with 401 and runs no handler', async () => {
    const dm = messageEvent(QUESTION, { channel: 'D0FORGED', channel_type: 'im' });
    const res = await h.sender.post(JSON.stringify(h.sender.eventCallback(dm)), { 'content-type': 'application/json' }, { secret: 'not-the-secret' });
    expect(res.status).toBe(401);
    await settle();
    expect(h.fake.messages.filter((m) => m.channel === 'D0FORGED')).toHaveLength(0);
  });

  it('rejects a correctly signed request with a stale timestamp with 401 and runs no handler', async () => {
    const dm = messageEvent(QUESTION, { channel: 'D0REPLAY', channel_type: 'im' });
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await h.sender.post(JSON.stringify(h.sender.eventCallback(dm)), { 'content-type': 'application/json' }, { timestamp: sixMinutesAgo });
    expect(res.status).toBe(401);
    await settle();
    expect(h.fake.messages.filter((m) => m.channel === 'D0REPLAY')).toHaveLength(0);
  });

  it('/ask answers privately through the response_url, with a Share in channel button', async () => {
    const { status, ackMs, responseUrl } = await h.sender.command('/ask', QUESTION);
    expect(status).toBe(200);
    expect(ackMs).toBeLessThan(1_000);
    const [reply] = await h.fake.waitFor(() => responsesTo(h, responseUrl).length && responsesTo(h, responseUrl));
    expect(reply).toMatchObject({ response_type: 'ephemeral' });
    expect(reply!.text).toMatch(/seven hours/);
    expect(JSON.stringify(reply!.blocks)).toContain(ACTION.share);
  });

  it('/ask with nothing after it explains how to ask, privately and without buttons', async () => {
    const { responseUrl } = await h.sender.command('/ask', '   ');
    const [reply] = await h.fake.waitFor(() => responsesTo(h, responseUrl).length && responsesTo(h, responseUrl));
    expect(reply).toMatchObject({ response_type: 'ephemeral' });
    expect(reply!.text.length).toBeGreaterThan(10);
    expect(JSON.stringify(reply!.blocks)).not.toContain('button');
  });

  it('Share in channel posts the answer publicly, credited to the sharer, and deletes the private copy', async () => {
    const { responseUrl } = await h.sender.command('/ask', QUESTION, { channel: 'C0SHARE' });
    const [reply] = await h.fake.waitFor(() => responsesTo(h, responseUrl).length && responsesTo(h, responseUrl));
    const share = findButton(reply!.blocks, ACTION.share);
    const click = await h.sender.click(share, { channel: 'C0SHARE', ephemeral: true });
    const [post] = await h.fake.waitFor(() => botPosts(h, 'C0SHARE').length && botPosts(h, 'C0SHARE'));
    expect(post!.text).toMatch(/seven hours/);
    expect(JSON.stringify(post!.blocks)).toContain('Shared by <@U0ASKER>');
    expect(JSON.stringify(post!.blocks)).not.toContain(ACTION.share);
    await h.fake.waitFor(() => responsesTo(h, click.responseUrl).length);
    expect(responsesTo(h, click.responseUrl)).toEqual([{ delete_original: true }]);
  });

  it('/summary with a count and a section gives that many points from that section, privately', async () => {
    const { responseUrl } = await h.sender.command('/summary', '2 section 1');
    const [reply] = await h.fake.waitFor(() => responsesTo(h, responseUrl).length && responsesTo(h, responseUrl));
    expect(reply).toMatchObject({ response_type: 'ephemeral' });
    const points = (reply!.blocks as { type: string; accessory?: unknown }[]).filter((b) => b.type === 'section' && b.accessory);
    expect(points).toHaveLength(2);
    expect(JSON.stringify(reply!.blocks)).toContain(ACTION.share);
  });

  it('/passage shows one passage in full, and an unknown id gets a clear reply', async () => {
    const id = realPassageId();
    const ok = await h.sender.command('/passage', id);
    const [full] = await h.fake.waitFor(() => responsesTo(h, ok.responseUrl).length && responsesTo(h, ok.responseUrl));
    expect(full!.text).toContain(passageText(id).slice(0, 40).replace(/&/g, '&amp;'));
    const bad = await h.sender.command('/passage', 'no/such/passage');
    const [missing] = await h.fake.waitFor(() => responsesTo(h, bad.responseUrl).length && responsesTo(h, bad.responseUrl));
    expect(missing!.text.length).toBeGreaterThan(10);
    expect(missing!.text).not.toMatch(/error|stack/i);
  });

  it('/help lists the commands and example questions', async () => {
    const { responseUrl } = await h.sender.command('/help', '');
    const [reply] = await h.fake.waitFor(() => responsesTo(h, responseUrl).length && responsesTo(h, responseUrl));
    const all = JSON.stringify(reply!.blocks);
    for (const c of ['/ask', '/summary', '/pin-summary', '/passage', '/help', 'Try asking']) expect(all).toContain(c);
  });

  it('Full passage shows the whole cited paragraph, privately', async () => {
    const { responseUrl } = await h.sender.command('/ask', QUESTION);
    const [reply] = await h.fake.waitFor(() => responsesTo(h, responseUrl).length && responsesTo(h, responseUrl));
    const button = findButton(reply!.blocks, `${ACTION.passage}:1`);
    const click = await h.sender.click(button);
    const [full] = await h.fake.waitFor(() => responsesTo(h, click.responseUrl).length && responsesTo(h, click.responseUrl));
    expect(full).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(full!.text).toContain(passageText(button.value!).slice(0, 60).replace(/&/g, '&amp;'));
  });

  it('records 👍 with the question, the answer text and citations and a salted user hash; a second vote replaces the first', async () => {
    const { responseUrl } = await h.sender.command('/ask', QUESTION);
    const [reply] = await h.fake.waitFor(() => responsesTo(h, responseUrl).length && responsesTo(h, responseUrl));
    const click = await h.sender.click(findButton(reply!.blocks, ACTION.feedbackUp), { user: 'U0VOTER' });
    const [thanks] = await h.fake.waitFor(() => responsesTo(h, click.responseUrl).length && responsesTo(h, click.responseUrl));
    expect(thanks).toMatchObject({ response_type: 'ephemeral' });
    const [entry] = await h.records.feedback();
    expect(entry).toMatchObject({ platform: 'slack', vote: 'up', question: QUESTION });
    expect(entry!.answerText.length).toBeGreaterThan(20);
    expect(entry!.citations.length).toBeGreaterThan(0);
    expect(entry!.user).toMatch(/^[0-9a-f]{24}$/);
    expect(JSON.stringify(entry)).not.toContain('U0VOTER');
    const again = await h.sender.click(findButton(reply!.blocks, ACTION.feedbackDown), { user: 'U0VOTER' });
    const [changed] = await h.fake.waitFor(() => responsesTo(h, again.responseUrl).length && responsesTo(h, again.responseUrl));
    expect(changed!.text).toMatch(/Changed your vote/);
    const votes = await h.records.feedback();
    expect(votes).toHaveLength(1);
    expect(votes[0]).toMatchObject({ vote: 'down', answerId: entry!.answerId });
  });

  it('gives a clear reply to a huge question instead of failing', async () => {
    const huge = 'Why did the talks fail '.repeat(5_000);
    const dm = messageEvent(huge, { channel: 'D0HUGE', channel_type: 'im' });
    expect((await h.sender.event(h.sender.eventCallback(dm))).status).toBe(200);
    const [post] = await h.fake.waitFor(() => botPosts(h, 'D0HUGE').length && botPosts(h, 'D0HUGE'));
    expect(post!.text).toMatch(/long|shorter|characters/i);
    expect(post!.text!.length).toBeLessThanOrEqual(4_000);
  });

  it('never turns @everyone, <!channel> or a user mention in a question into a ping', async () => {
    const hostile = 'Hey <!channel> <!here> <!everyone> @everyone <@U0VICTIM> &lt;!channel&gt; what did Putin say?';
    await h.sender.event(h.sender.eventCallback(mentionEvent(h, hostile, { channel: 'C0HOSTILE' })));
    const { responseUrl } = await h.sender.command('/ask', '<!channel> <@U0VICTIM> where was the summit?');
    await h.fake.waitFor(() => botPosts(h, 'C0HOSTILE').length && responsesTo(h, responseUrl).length);
    const out = outputText(h);
    expect(out).not.toMatch(/<!(channel|here|everyone)/);
    expect(out).not.toContain('<@U0VICTIM');
  });
});

function findButton(blocks: any[], actionId: string): { action_id: string; value?: string } {
  for (const b of blocks) {
    const candidates = [b.accessory, ...(b.elements ?? [])];
    const found = candidates.find((e: any) => e?.action_id === actionId);
    if (found) return found;
  }
  throw new Error(`no button ${actionId}`);
}

const passages = () => realAnswerer().passages();
const realPassageId = () => passages()[1]!.id;
const passageText = (id: string) => passages().find((p) => p.id === id)!.text;
