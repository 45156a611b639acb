/**
 * The Slack adapter in Socket Mode, end to end: the real SocketModeClient inside Bolt opens the
 * fake's WebSocket through apps.connections.open with the app token, gets `hello`, receives
 * envelopes and acks them, and survives Slack's `disconnect` by reconnecting.
 */
import { describe, expect, it } from 'vitest';
import { ACTION } from '../../adapters/slack/action-values.ts';
import {
  APP_TOKEN, botPosts, type Harness, mentionEvent, messageEvent, responsesTo, settle, useHarness,
} from './slack-harness.ts';

let h: Harness;
useHarness({ mode: 'socket' }, (x) => (h = x));

const QUESTION = 'How long did the talks last?';

describe('GIVEN the bot runs in Socket Mode', () => {
  it('opens the socket with the app token and listens on no HTTP port', async () => {
    expect(h.slack.mode).toBe('socket');
    expect(h.slack.port).toBeUndefined();
    const opens = h.fake.callsTo('apps.connections.open');
    expect(opens.length).toBeGreaterThanOrEqual(1);
    expect(opens[0]!.token).toBe(APP_TOKEN);
  });

  it('acks a mention envelope at once and answers in a thread under it', async () => {
    const event = mentionEvent(h, QUESTION, { channel: 'C0SOCKET' });
    const ack = await h.sender.event(h.sender.eventCallback(event));
    expect(ack.ackMs).toBeLessThan(1_000);
    const [post] = await h.fake.waitFor(() => botPosts(h, 'C0SOCKET', event.ts as string).length && botPosts(h, 'C0SOCKET', event.ts as string));
    expect(post!.text).toMatch(/seven hours/);
  });

  it('answers a redelivered envelope (retry_attempt) once', async () => {
    const callback = h.sender.eventCallback(messageEvent(QUESTION, { channel: 'D0SOCKETDM', channel_type: 'im' }));
    await h.sender.event(callback);
    await h.sender.event(callback, { retryNum: 1 });
    await h.fake.waitFor(() => botPosts(h, 'D0SOCKETDM').length);
    await settle();
    expect(botPosts(h, 'D0SOCKETDM')).toHaveLength(1);
  });

  it('acks a slash command envelope and answers privately through the response_url', async () => {
    const { responseUrl } = await h.sender.command('/ask', QUESTION);
    const [reply] = await h.fake.waitFor(() => responsesTo(h, responseUrl).length && responsesTo(h, responseUrl));
    expect(reply).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(reply!.blocks)).toContain(ACTION.share);
  });

  it('handles a button click from an interactive envelope', async () => {
    const click = await h.sender.click({ action_id: `${ACTION.passage}:1`, value: 'alaska-summit/s0/p1' });
    const [full] = await h.fake.waitFor(() => responsesTo(h, click.responseUrl).length && responsesTo(h, click.responseUrl));
    expect(full!.text).toMatch(/seven hours/);
  });

  it('reconnects when Slack asks it to, and keeps answering', async () => {
    const before = h.fake.socketConnections;
    h.fake.sendDisconnect();
    await h.fake.waitFor(() => h.fake.socketConnections > before, 10_000, 'a new Socket Mode connection');
    const event = mentionEvent(h, QUESTION, { channel: 'C0AFTER' });
    await h.sender.event(h.sender.eventCallback(event));
    await h.fake.waitFor(() => botPosts(h, 'C0AFTER').length);
  });
});
