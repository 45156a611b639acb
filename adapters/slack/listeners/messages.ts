/**
 * Questions asked in conversation: a mention in a channel (answered in a thread under it), a
 * direct message (answered in the DM), and a follow-up in a thread the bot has answered in
 * (answered without a new mention).
 *
 * Slack sends both `app_mention` and `message` for one mention, and redelivers an event whose
 * ack was slow (X-Slack-Retry-Num over HTTP, retry_attempt over Socket Mode). Both listeners feed
 * one handler that takes each `channel:ts` once, so every question is answered exactly once.
 * Bolt acks events before listeners run; the work happens after the ack.
 */
import type { App, webApi } from '@slack/bolt';
import { renderAnswer, renderNotice } from '../render-blocks.ts';
import { answerPublicly, tellPrivately, type ReplyTarget } from '../send-reply.ts';
import { slackTextToPlain } from '../slack-text.ts';
import { admit, CORE_APOLOGY, runCoreAsync, type SlackRuntime } from '../slack-runtime.ts';

/** The fields of a Slack message event this adapter reads. */
interface IncomingMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  user?: string;
  text?: string;
  bot_id?: string;
  subtype?: string;
  channel_type?: string;
}

type Client = webApi.WebClient;

/** Registers the `app_mention` and `message` listeners. */
export function register(app: App, rt: SlackRuntime): void {
  app.event('app_mention', async ({ event, client }) => {
    await onMessage(rt, client, event as IncomingMessage, 'mention');
  });
  app.event('message', async ({ event, client }) => {
    await onMessage(rt, client, event as IncomingMessage, 'message');
  });
}

const PERSON_SUBTYPES = new Set(['thread_broadcast', 'file_share']);

const threadKey = (channel: string, threadTs: string) => `${channel}:${threadTs}`;

/** Whether a `message` event is ours to answer; mentions in channels come as `app_mention`. */
function wantsAnswer(rt: SlackRuntime, m: IncomingMessage, via: 'mention' | 'message'): boolean {
  // Bots (this one included) never get an answer: two bots must not talk each other into a loop.
  if (!m.user || m.bot_id || m.user === rt.bot.userId) return false;
  // Edits, deletions, joins and bot posts come as subtypes; these two are still a person talking.
  if (m.subtype && !PERSON_SUBTYPES.has(m.subtype)) return false;
  if (via === 'mention') return true;
  if (m.channel_type === 'im') return true;
  return Boolean(m.thread_ts && rt.threads.has(threadKey(m.channel, m.thread_ts)));
}

async function onMessage(rt: SlackRuntime, client: Client, m: IncomingMessage, via: 'mention' | 'message'): Promise<void> {
  if (!wantsAnswer(rt, m, via)) return;
  if (!rt.taken.add(`${m.channel}:${m.ts}`)) {
    rt.deps.logger.debug({ channel: m.channel, ts: m.ts, via }, 'question already taken');
    return;
  }
  const user = m.user!;
  const isDm = m.channel_type === 'im';
  const target: ReplyTarget = { channel: m.channel, threadTs: isDm ? m.thread_ts : (m.thread_ts ?? m.ts), user };
  const admission = admit(rt, user);
  if (!admission.ok) {
    if (!admission.quiet) await tellPrivately(rt, client, target, renderNotice(admission.notice));
    return;
  }
  if (target.threadTs && !isDm) rt.threads.add(threadKey(m.channel, target.threadTs));
  await rt.work.run(async () => {
    try {
      const question = slackTextToPlain(m.text ?? '', rt.bot.userId);
      const answer = await runCoreAsync(rt, 'ask', () => rt.deps.answerer.ask(question));
      const message = answer.ok ? renderAnswer(answer.value) : renderNotice(answer.apology);
      await answerPublicly(rt, client, target, message);
    } catch (err) {
      // A bug in this handler: log it with the stack, tell the asker, keep the process.
      rt.deps.logger.error({ err }, 'Slack message handler failed');
      await tellPrivately(rt, client, target, renderNotice(CORE_APOLOGY));
    }
  });
}
